package org.fairmark.domain;

import java.util.List;
import java.util.TreeSet;

/**
 * Where an inspector may act, read from the certificate attribute {@code fairmark.jurisdiction}.
 *
 * <p>An inspector may inspect or recall only batches from inside their jurisdiction (DOMAIN.md, rules 2 and 8).
 * The attribute is a comma-separated list; each entry is a GB/T 2260 county code ({@code 330102}), a
 * prefecture prefix ({@code 3301}, every county of Hangzhou) or a province prefix ({@code 33}, every county of
 * Zhejiang); every entry must name a division of the shipped GB/T 2260 table ({@link AdministrativeDivisions}), in
 * use or retired, so a certificate issued before a boundary change still works. Whitespace around entries is ignored; empty entries are an error so a typo never silently narrows or
 * widens a jurisdiction.
 *
 * <pre>{@code
 * Jurisdiction.parse("3301, 330381").covers("330102");   // true
 * }</pre>
 *
 * @param entries the county codes and prefixes, sorted and without duplicates
 */
public record Jurisdiction(List<String> entries) {
    /** @throws DomainException {@link ErrorCode#INVALID_COUNTY_CODE} when an entry is malformed or none is given */
    public Jurisdiction {
        if (entries == null || entries.isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_COUNTY_CODE, "jurisdiction names no county");
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (String entry : entries) {
            sorted.add(requireEntry(entry));
        }
        entries = List.copyOf(sorted);
    }

    /**
     * Parses the {@code fairmark.jurisdiction} attribute value.
     *
     * @throws DomainException {@link ErrorCode#INVALID_COUNTY_CODE} when the value is missing, blank, has an
     *     empty entry or an entry that is neither a county code nor a prefecture or province prefix
     */
    public static Jurisdiction parse(String attribute) {
        if (attribute == null || attribute.isBlank()) {
            throw new DomainException(ErrorCode.INVALID_COUNTY_CODE, "jurisdiction is missing");
        }
        String[] parts = attribute.split(",", -1);
        String[] trimmed = new String[parts.length];
        for (int i = 0; i < parts.length; i++) {
            trimmed[i] = parts[i].strip();
            if (trimmed[i].isEmpty()) {
                throw new DomainException(
                        ErrorCode.INVALID_COUNTY_CODE, "jurisdiction entry " + (i + 1) + " is empty");
            }
        }
        return new Jurisdiction(List.of(trimmed));
    }

    /**
     * Whether the county lies inside this jurisdiction.
     *
     * @throws DomainException {@link ErrorCode#INVALID_COUNTY_CODE} when {@code countyCode} is not a county code,
     *     because asking about a region rather than a county is a defect of the caller
     */
    public boolean covers(String countyCode) {
        CountyCode.requireValid(countyCode);
        for (String entry : entries) {
            if (countyCode.startsWith(entry)) {
                return true;
            }
        }
        return false;
    }

    /** The canonical attribute value ({@code ","}-joined entries), to issue an inspector's certificate. */
    public String toAttribute() {
        return String.join(",", entries);
    }

    private static String requireEntry(String entry) {
        if (entry == null) {
            throw new DomainException(ErrorCode.INVALID_COUNTY_CODE, "jurisdiction entry is missing");
        }
        if (Strings.firstNonDigit(entry) != 0 || (entry.length() != 2 && entry.length() != 4 && entry.length() != 6)) {
            throw new DomainException(
                    ErrorCode.INVALID_COUNTY_CODE,
                    "jurisdiction entry " + Strings.quote(entry)
                            + " is neither a 6-digit county code nor a 4-digit prefecture or 2-digit province prefix");
        }
        if (entry.length() == 6) {
            return CountyCode.requireValid(entry);
        }
        CountyCode.requireProvince(entry);
        if (entry.length() == 4 && entry.startsWith("00", 2)) {
            throw new DomainException(
                    ErrorCode.INVALID_COUNTY_CODE,
                    "jurisdiction entry " + entry + " is not a prefecture prefix; write the province as "
                            + entry.substring(0, 2));
        }
        if (!AdministrativeDivisions.table().isKnownPrefix(entry)) {
            throw new DomainException(
                    ErrorCode.INVALID_COUNTY_CODE,
                    "jurisdiction entry " + entry + " is the prefix of no GB/T 2260 division (table "
                            + AdministrativeDivisions.table().version() + ")");
        }
        return entry;
    }
}
