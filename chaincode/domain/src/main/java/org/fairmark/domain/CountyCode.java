package org.fairmark.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The GB/T 2260 code of the division a batch comes from (县级行政区划代码), e.g. {@code 130227}, checked against the
 * shipped table ({@link AdministrativeDivisions}).
 *
 * <p>The origin of a batch and an inspector's jurisdiction are expressed in these codes. An origin is a
 * county-level division, or a prefecture-level city that has no counties (东莞市 441900, 中山市 442000, 儋州市
 * 460400, 嘉峪关市 620200): a province ({@code 330000}) or prefecture ({@code 330100}) with counties under it would
 * let a batch claim a whole region, which defeats checking the inspector's jurisdiction and the origin on a label.
 *
 * <p>Three strengths of check:
 * <ul>
 *   <li>{@link #requireCurrent} for a new batch: the code must be in use; a retired code is refused with
 *       {@link ErrorCode#RETIRED_COUNTY_CODE} naming its successor;
 *   <li>{@link #requireValid} for codes already on the ledger (a batch's origin, a certificate's jurisdiction, a
 *       scan): in use or retired, so batches registered before a merger or renaming stay readable;
 *   <li>{@link #requireWellFormed} where the table may be older than the data (a label read offline): only the
 *       structure.
 * </ul>
 */
public final class CountyCode {
    /** A GB/T 2260 code has six digits: province, prefecture, county. */
    public static final int LENGTH = 6;

    private CountyCode() {}

    /**
     * Returns {@code code} when it is an origin-level code of the table, in use or retired.
     *
     * @throws DomainException {@link ErrorCode#INVALID_COUNTY_CODE} naming the problem
     */
    public static String requireValid(String code) {
        division(code);
        return code;
    }

    /**
     * Returns {@code code} when it is an origin-level code in use: what a new batch must carry.
     *
     * @throws DomainException {@link ErrorCode#INVALID_COUNTY_CODE} as {@link #requireValid};
     *     {@link ErrorCode#RETIRED_COUNTY_CODE} when the code was retired, naming its successors
     */
    public static String requireCurrent(String code) {
        Division d = division(code);
        if (!d.inUse()) {
            AdministrativeDivisions table = AdministrativeDivisions.table();
            List<String> successors = new ArrayList<>();
            for (String s : d.successors()) {
                successors.add(table.find(s).map(Division::fullNameWithCode).orElse(s));
            }
            throw new DomainException(
                    ErrorCode.RETIRED_COUNTY_CODE,
                    code + " (" + d.fullName() + ") was retired in " + d.retiredYear()
                            + (successors.isEmpty()
                                    ? "; use the code now in use for the place"
                                    : "; use " + String.join(" or ", successors)));
        }
        return code;
    }

    /**
     * Returns {@code code} when it has the structure of a GB/T 2260 code below province level: six ASCII digits, a
     * province-level prefix of GB/T 2260 (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81, 82) and prefecture digits
     * (3-4) other than {@code 00}. Codes are not looked up.
     *
     * @throws DomainException {@link ErrorCode#INVALID_COUNTY_CODE} naming the problem
     */
    public static String requireWellFormed(String code) {
        if (code == null) {
            throw new DomainException(ErrorCode.INVALID_COUNTY_CODE, "county code is missing");
        }
        if (code.length() != LENGTH || Strings.firstNonDigit(code) != 0) {
            throw new DomainException(
                    ErrorCode.INVALID_COUNTY_CODE, "county code must be exactly 6 digits, got " + Strings.quote(code));
        }
        requireProvince(code);
        return code;
    }

    /**
     * The province-level prefix (first two digits) of a valid county code, e.g. {@code "33"} for Zhejiang.
     *
     * @throws DomainException {@link ErrorCode#INVALID_COUNTY_CODE} when {@code code} is not a county code
     */
    public static String province(String code) {
        return requireValid(code).substring(0, 2);
    }

    private static Division division(String code) {
        requireWellFormed(code);
        AdministrativeDivisions table = AdministrativeDivisions.table();
        Division d = table.find(code)
                .orElseThrow(() -> new DomainException(
                        ErrorCode.INVALID_COUNTY_CODE,
                        code + " is not a GB/T 2260 code (table " + table.version() + ")"));
        if (!table.isOriginLevel(d)) {
            String level = d.level() == Division.Level.PROVINCE ? "province-level" : "prefecture-level";
            throw new DomainException(
                    ErrorCode.INVALID_COUNTY_CODE,
                    d.inUse()
                            ? code + " (" + d.fullName() + ") is a " + level + " code with counties under it; name the county"
                            : code + " (" + d.fullName() + ") was a " + level + " code (retired in " + d.retiredYear()
                                    + "); name the county");
        }
        return d;
    }

    /** Checks the first two digits of {@code digits} (at least two ASCII digits) name a province. */
    static void requireProvince(String digits) {
        int province = (digits.charAt(0) - '0') * 10 + (digits.charAt(1) - '0');
        if (!isProvince(province)) {
            throw new DomainException(
                    ErrorCode.INVALID_COUNTY_CODE,
                    digits + " does not start with a GB/T 2260 province code (" + digits.substring(0, 2) + ")");
        }
    }

    private static boolean isProvince(int p) {
        return (p >= 11 && p <= 15)
                || (p >= 21 && p <= 23)
                || (p >= 31 && p <= 37)
                || (p >= 41 && p <= 46)
                || (p >= 50 && p <= 54)
                || (p >= 61 && p <= 65)
                || p == 71
                || p == 81
                || p == 82;
    }
}
