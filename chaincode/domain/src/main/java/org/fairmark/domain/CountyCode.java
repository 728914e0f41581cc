package org.fairmark.domain;

/**
 * A county-level administrative division code of GB/T 2260 (县级行政区划代码), e.g. {@code 330102}.
 *
 * <p>The origin of a batch and an inspector's jurisdiction are expressed in these codes. Only county-level
 * codes are accepted as an origin: a province ({@code 330000}) or prefecture ({@code 330100}) code would let a
 * batch claim a whole region, which defeats checking the inspector's jurisdiction and the origin on a label.
 * Only the structure is checked (no table of codes is shipped), so codes created after a boundary change are
 * accepted without a software update.
 */
public final class CountyCode {
    /** A GB/T 2260 code has six digits: province, prefecture, county. */
    public static final int LENGTH = 6;

    private CountyCode() {}

    /**
     * Returns {@code code} when it is a county-level code: six ASCII digits, a province-level prefix of
     * GB/T 2260 (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81, 82), and neither the prefecture digits (3-4)
     * nor the county digits (5-6) {@code 00}.
     *
     * @throws DomainException {@link ErrorCode#INVALID_COUNTY_CODE} naming the problem
     */
    public static String requireValid(String code) {
        if (code == null) {
            throw new DomainException(ErrorCode.INVALID_COUNTY_CODE, "county code is missing");
        }
        if (code.length() != LENGTH || Strings.firstNonDigit(code) != 0) {
            throw new DomainException(
                    ErrorCode.INVALID_COUNTY_CODE, "county code must be exactly 6 digits, got " + Strings.quote(code));
        }
        requireProvince(code);
        if (code.startsWith("00", 2)) {
            throw new DomainException(
                    ErrorCode.INVALID_COUNTY_CODE, code + " is a province-level code, not a county");
        }
        if (code.startsWith("00", 4)) {
            throw new DomainException(
                    ErrorCode.INVALID_COUNTY_CODE, code + " is a prefecture-level code, not a county");
        }
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
