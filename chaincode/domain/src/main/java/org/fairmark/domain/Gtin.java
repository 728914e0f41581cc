package org.fairmark.domain;

import java.util.Objects;

/**
 * GTIN-14, the GS1 Application Identifier (01) that names the product of a batch.
 *
 * <p>The check digit is verified because a mistyped GTIN would otherwise register a batch under somebody
 * else's product, and labels printed from it would never resolve. Shorter GTINs (8, 12, 13 digits) must be
 * left-padded with zeros to 14 digits by the caller; the check digit does not change when padding.
 *
 * <p>{@code Gtin.requireValid("09506000134352")} returns its argument; {@code "09506000134353"} is rejected
 * with {@link ErrorCode#INVALID_GTIN} naming the expected check digit 2.
 */
public final class Gtin {
    /** A GTIN on the ledger is always written with 14 digits. */
    public static final int LENGTH = 14;

    private Gtin() {}

    /** Whether {@code gtin} is 14 ASCII digits with a correct GS1 check digit; {@code false} for {@code null}. */
    public static boolean isValid(String gtin) {
        return gtin != null && checkedDigitsProblem(gtin, LENGTH, "GTIN") == null;
    }

    /**
     * Returns {@code gtin} when it is a valid GTIN-14.
     *
     * @throws DomainException {@link ErrorCode#INVALID_GTIN} naming the problem: missing, length, a non-digit
     *     or the wrong check digit together with the expected one
     */
    public static String requireValid(String gtin) {
        return requireCheckedDigits(gtin, LENGTH, "GTIN", ErrorCode.INVALID_GTIN);
    }

    /**
     * The GS1 modulo-10 check digit of a GTIN-8/12/13/14, GLN or SSCC-18 body (the digits before the check
     * digit): weights 3 and 1 alternate starting with 3 at the rightmost body digit.
     *
     * @param digitsWithoutCheck 1 to 17 ASCII digits
     * @throws IllegalArgumentException when the argument is empty, longer than 17 or not all digits; callers
     *     validate user input with {@link #requireValid} instead
     */
    public static int checkDigit(String digitsWithoutCheck) {
        Objects.requireNonNull(digitsWithoutCheck, "digitsWithoutCheck == null");
        int length = digitsWithoutCheck.length();
        if (length < 1 || length > 17) {
            throw new IllegalArgumentException("a GS1 key body has 1..17 digits, got " + length);
        }
        if (Strings.firstNonDigit(digitsWithoutCheck) != 0) {
            throw new IllegalArgumentException("a GS1 key body has only digits 0-9");
        }
        int sum = 0;
        for (int i = length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) {
            sum += (digitsWithoutCheck.charAt(i) - '0') * weight;
        }
        return (10 - sum % 10) % 10;
    }

    /** Shared with {@link Gs1#requireSscc}: exactly {@code length} digits, last one the GS1 check digit. */
    static String requireCheckedDigits(String value, int length, String what, ErrorCode code) {
        if (value == null) {
            throw new DomainException(code, what + " is missing");
        }
        String problem = checkedDigitsProblem(value, length, what);
        if (problem != null) {
            throw new DomainException(code, problem);
        }
        return value;
    }

    private static String checkedDigitsProblem(String value, int length, String what) {
        if (value.length() != length) {
            return what + " must be exactly " + length + " digits, got " + value.length() + " characters";
        }
        int bad = Strings.firstNonDigit(value);
        if (bad != 0) {
            return what + " must contain only digits 0-9, found " + Strings.describe(value.charAt(bad - 1))
                    + " at position " + bad;
        }
        int expected = checkDigit(value.substring(0, length - 1));
        int actual = value.charAt(length - 1) - '0';
        if (expected != actual) {
            return what + " " + value + " has check digit " + actual + ", expected " + expected;
        }
        return null;
    }
}
