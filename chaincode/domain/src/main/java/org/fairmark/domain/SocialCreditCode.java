package org.fairmark.domain;

/**
 * A unified social credit code (统一社会信用代码) of GB 32100-2015, the 18-character identifier on every Chinese
 * organization's business licence, e.g. {@code 91350100M000100Y43} (the standard's own example).
 *
 * <p>Layout: position 1 the registration authority code (登记管理部门代码), 2 the organization category code (机构类别代码),
 * 3-8 the GB/T 2260 division code of the registering authority, 9-17 the organization code of GB 11714 (主体标识码),
 * whose last character is its own check character, and 18 the check character of the whole code. Characters come from
 * the 31-character set {@code 0-9 A-H J-N P-R T U W-Y} (no I, O, S, V, Z).
 *
 * <p>Both check characters are validated:
 *
 * <ul>
 *   <li>position 18 (GB 32100-2015, 4.5): with character values 0..30 in the order of the set and weights
 *       {@code W(i) = 3^(i-1) mod 31} for positions i = 1..17, {@code C18 = 31 - (sum mod 31)}, where 31 means 0;
 *   <li>position 17 (GB 11714-1997, 5): with letter values A=10 … Z=35 and weights 3, 7, 9, 10, 5, 8, 4, 2 over
 *       positions 9-16, {@code C9 = 11 - (sum mod 11)}, where 10 is written {@code X} and 11 is {@code 0}.
 * </ul>
 *
 * <p>Some codes issued in early pilot regions before the standard do not satisfy the position-18 check; they are refused,
 * and such an organization writes its profile after it is re-issued a conforming code. The division code is checked for
 * syntax only (six digits with a GB/T 2260 province prefix): it names the registering authority, which may be a province
 * or prefecture.
 */
public final class SocialCreditCode {
    /** The code has 18 characters. */
    public static final int LENGTH = 18;
    /** The character set of GB 32100, in value order. */
    public static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private SocialCreditCode() {}

    /**
     * Returns {@code code} when it is a well-formed unified social credit code with valid check characters.
     *
     * @throws DomainException {@link ErrorCode#INVALID_SOCIAL_CREDIT_CODE} naming the problem
     */
    public static String requireValid(String code) {
        String problem = problem(code);
        if (problem != null) {
            throw new DomainException(ErrorCode.INVALID_SOCIAL_CREDIT_CODE, problem);
        }
        return code;
    }

    /** Whether {@code code} is valid; {@code null} is not. */
    public static boolean isValid(String code) {
        return problem(code) == null;
    }

    /** The division code (positions 3-8) of a valid code. */
    public static String divisionCode(String code) {
        return requireValid(code).substring(2, 8);
    }

    /** The check character (position 18) of the first 17 characters of a code. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        int weight = 1;
        for (int i = 0; i < 17; i++) {
            sum += CHARSET.indexOf(first17.charAt(i)) * weight;
            weight = weight * 3 % 31;
        }
        return CHARSET.charAt((31 - sum % 31) % 31);
    }

    /** The GB 11714 check character of an 8-character organization code body. */
    public static char organizationCheckCharacter(String body8) {
        int[] weights = {3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = body8.charAt(i);
            int value = c >= '0' && c <= '9' ? c - '0' : c - 'A' + 10;
            sum += value * weights[i];
        }
        int check = 11 - sum % 11;
        return check == 10 ? 'X' : check == 11 ? '0' : (char) ('0' + check);
    }

    static String problem(String code) {
        if (code == null) {
            return "unified social credit code is missing";
        }
        if (code.length() != LENGTH) {
            return "a unified social credit code has 18 characters, got " + code.codePointCount(0, code.length())
                    + ": " + Strings.quote(code);
        }
        for (int i = 0; i < LENGTH; i++) {
            if (CHARSET.indexOf(code.charAt(i)) < 0) {
                return "character " + (i + 1) + " of " + Strings.quote(code)
                        + " is not one of 0-9 A-H J-N P-R T U W-Y (GB 32100 uses no I, O, S, V, Z nor lowercase)";
            }
        }
        String division = code.substring(2, 8);
        if (Strings.firstNonDigit(division) != 0) {
            return "characters 3-8 of " + code + " must be a GB/T 2260 division code (6 digits), got " + division;
        }
        try {
            CountyCode.requireProvince(division);
        } catch (DomainException e) {
            return "characters 3-8 of " + code + " are not a GB/T 2260 division code: " + e.getMessage();
        }
        char organizationCheck = organizationCheckCharacter(code.substring(8, 16));
        if (code.charAt(16) != organizationCheck) {
            return "the organization code " + code.substring(8, 17) + " (characters 9-17) fails its GB 11714 check: "
                    + "character 17 should be " + organizationCheck;
        }
        char check = checkCharacter(code);
        if (code.charAt(17) != check) {
            return "the check character of " + code + " should be " + check + " (GB 32100), got " + code.charAt(17);
        }
        return null;
    }
}
