package org.fairmark.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairmark.domain.BusinessDates;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.IsoDates;

/**
 * What people type for masses and dates: {@code 500}, {@code 500g}, {@code 2.5kg}, {@code 1t}, {@code 2斤} (500 g
 * each), {@code 3公斤}; dates as {@code yyyy-MM-dd} or {@code today}. Business dates are China Standard Time dates,
 * as on the ledger.
 */
final class Quantities {
    /** The clock business dates are read from; tests fix it to a chosen instant. */
    static volatile Clock clock = Clock.systemUTC();

    private static final Pattern MASS = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(g|kg|t|斤|公斤|千克|克|吨)?\\s*",
            Pattern.CASE_INSENSITIVE);

    private Quantities() {}

    /** Today in China Standard Time, computed as the contract computes it ({@link BusinessDates}). */
    static LocalDate today() {
        return BusinessDates.today(clock);
    }

    /**
     * Whole grams.
     *
     * @throws CliException {@link ErrorCode#INVALID_MASS} when the text is not a mass or not whole grams
     */
    static long grams(String text) {
        BigDecimal grams = inGrams(text);
        try {
            return grams.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw new CliException(ErrorCode.INVALID_MASS, "'" + text + "' is not a whole number of grams");
        }
    }

    /**
     * Decigrams (0.1 g), as a scale shows a net mass: {@code 478.3} and {@code 478.3g} are 4783.
     *
     * @throws CliException {@link ErrorCode#INVALID_MASS} when the text is not a mass or finer than 0.1 g
     */
    static long decigrams(String text) {
        BigDecimal decigrams = inGrams(text).movePointRight(1);
        try {
            return decigrams.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw new CliException(ErrorCode.INVALID_MASS, "'" + text + "' is finer than 0.1 g");
        }
    }

    private static BigDecimal inGrams(String text) {
        Matcher matcher = text == null ? null : MASS.matcher(text);
        if (matcher == null || !matcher.matches() || matcher.group(1).length() > 15) {
            throw new CliException(ErrorCode.INVALID_MASS,
                    "'" + text + "' is not a mass such as 500, 500g, 2.5kg, 1t or 2斤");
        }
        BigDecimal number = new BigDecimal(matcher.group(1));
        String unit = matcher.group(2) == null ? "g" : matcher.group(2).toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "kg", "公斤", "千克" -> number.movePointRight(3);
            case "t", "吨" -> number.movePointRight(6);
            case "斤" -> number.multiply(BigDecimal.valueOf(500));
            default -> number;
        };
    }

    /** Grams as people read them: {@code 500 g}, {@code 2.5 kg}. */
    static String formatGrams(long grams) {
        if (grams >= 1000 && grams % 100 == 0) {
            return BigDecimal.valueOf(grams).movePointLeft(3).stripTrailingZeros().toPlainString() + " kg";
        }
        return grams + " g";
    }

    /** Decigrams as grams with one decimal: {@code 478.3 g}. */
    static String formatDecigrams(long decigrams) {
        return BigDecimal.valueOf(decigrams).movePointLeft(1).setScale(1, RoundingMode.UNNECESSARY).toPlainString()
                + " g";
    }

    /** Fen as yuan: {@code 24.00}. */
    static String formatYuan(long fen) {
        return BigDecimal.valueOf(fen).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    /**
     * A business date: {@code yyyy-MM-dd}, or {@code today} (China Standard Time).
     *
     * @throws CliException {@link ErrorCode#INVALID_DATE}
     */
    static String date(String text) {
        if (text == null || text.equalsIgnoreCase("today")) {
            return today().toString();
        }
        try {
            return IsoDates.requireDate(text.strip()).toString();
        } catch (DomainException e) {
            throw new CliException(e.code(), e.detail());
        }
    }

    /** Micro-degrees of a decimal degree value, checked against {@code limit}. */
    static long microdegrees(String text, int limit, String what) {
        try {
            BigDecimal degrees = new BigDecimal(text.strip());
            if (degrees.abs().compareTo(BigDecimal.valueOf(limit)) > 0) {
                throw new CliException(ErrorCode.INVALID_LOCATION, what + " must be -" + limit + ".." + limit);
            }
            return degrees.movePointRight(6).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CliException(ErrorCode.INVALID_LOCATION, what + " '" + text + "' is not a decimal degree value");
        }
    }
}
