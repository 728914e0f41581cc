package org.fairmark.domain;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Calendar dates as the ledger writes them: ISO-8601 {@code yyyy-MM-dd}, e.g. harvest date (AI 7007) and
 * packing date (AI 13).
 *
 * <p>The years are bounded to 2000..2099 because GS1 date AIs carry only two year digits and a date outside
 * that range on a fresh-produce record is always a typing error. Parsing is strict: {@code 2023-02-29} is
 * rejected, not moved to the 28th as a lenient parser would.
 */
public final class IsoDates {
    /** First year a date may have. */
    public static final int MIN_YEAR = 2000;

    /** Last year a date may have. */
    public static final int MAX_YEAR = 2099;

    private IsoDates() {}

    /**
     * Parses {@code date} written as {@code yyyy-MM-dd} with ASCII digits.
     *
     * @throws DomainException {@link ErrorCode#INVALID_DATE} when the shape is wrong, the date does not exist or
     *     the year is outside {@value #MIN_YEAR}..{@value #MAX_YEAR}
     */
    public static LocalDate requireDate(String date) {
        if (date == null) {
            throw new DomainException(ErrorCode.INVALID_DATE, "date is missing");
        }
        if (!hasShape(date)) {
            throw new DomainException(ErrorCode.INVALID_DATE, "date must be yyyy-MM-dd, got " + Strings.quote(date));
        }
        int year = Integer.parseInt(date, 0, 4, 10);
        int month = Integer.parseInt(date, 5, 7, 10);
        int day = Integer.parseInt(date, 8, 10, 10);
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new DomainException(
                    ErrorCode.INVALID_DATE, "year of " + date + " must be " + MIN_YEAR + ".." + MAX_YEAR);
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw new DomainException(ErrorCode.INVALID_DATE, date + " is not a calendar date");
        }
    }

    private static boolean hasShape(String date) {
        if (date.length() != 10 || date.charAt(4) != '-' || date.charAt(7) != '-') {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (i != 4 && i != 7 && !Strings.isAsciiDigit(date.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
