package org.fairmark.domain;

import java.util.List;
import java.util.Objects;

/**
 * One entry of the GB/T 2260 table shipped with Fairmark ({@link AdministrativeDivisions}).
 *
 * @param code the six-digit code
 * @param name the division's own name, e.g. {@code 迁西县}
 * @param fullName province, prefecture and own name separated by spaces, e.g. {@code 河北省 唐山市 迁西县}
 *     (a county directly under a province or a municipality has no prefecture: {@code 湖北省 仙桃市})
 * @param level province, prefecture or county, from the code's structure
 * @param retiredYear {@code null} while in use; else the year the code left the table
 * @param successors for a retired code, the codes in use that now cover its area (empty when the source names
 *     none); followed through later retirements so every entry is in use
 */
public record Division(
        String code, String name, String fullName, Level level, Integer retiredYear, List<String> successors) {
    /** The levels of GB/T 2260 (省级, 地级, 县级). */
    public enum Level {
        PROVINCE,
        PREFECTURE,
        COUNTY
    }

    public Division {
        Objects.requireNonNull(code, "code == null");
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(fullName, "fullName == null");
        Objects.requireNonNull(level, "level == null");
        successors = List.copyOf(successors);
    }

    /** Whether the code is in use in the shipped table's version. */
    public boolean inUse() {
        return retiredYear == null;
    }

    /** The full name followed by the code, e.g. {@code 河北省 唐山市 迁西县 (130227)}. */
    public String fullNameWithCode() {
        return fullName + " (" + code + ")";
    }
}
