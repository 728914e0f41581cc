package org.fairmark.cli.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.fairmark.domain.BusinessDates;

/** How the pages show ledger values: times in China Standard Time, masses in g or kg, money in yuan. */
final class Formats {
    /** China Standard Time; a fixed offset so the JVM's time-zone data never matters. */
    static final ZoneOffset CST = BusinessDates.OFFSET;

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(CST);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(CST);

    private Formats() {}

    /** An ISO instant from the ledger as {@code 2025-09-20 16:00} (CST); other text is returned unchanged. */
    static String time(String instant) {
        Instant parsed = instant(instant);
        return parsed == null ? (instant == null ? "" : instant) : MINUTES.format(parsed);
    }

    /** The calendar day (CST) of an ISO instant. */
    static String day(String instant) {
        Instant parsed = instant(instant);
        return parsed == null ? (instant == null ? "" : instant) : DAY.format(parsed);
    }

    /** The instant, or {@code null} when the text is not an ISO instant. */
    static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code 500 g}, {@code 2.5 kg}, {@code 1,000 kg}. */
    static String grams(Long grams) {
        if (grams == null) {
            return "";
        }
        if (Math.abs(grams) < 1000) {
            return grams + " g";
        }
        long kilograms = grams / 1000;
        long rest = Math.abs(grams % 1000);
        String fraction = rest == 0 ? "" : String.format(Locale.ROOT, ".%03d", rest).replaceAll("0+$", "");
        return String.format(Locale.ROOT, "%,d", kilograms) + fraction + " kg";
    }

    /** Decigrams as grams with one decimal: {@code 4790} → {@code 479.0 g}. */
    static String decigrams(Long decigrams) {
        if (decigrams == null) {
            return "";
        }
        return String.format(Locale.ROOT, "%d.%d g", decigrams / 10, Math.abs(decigrams % 10));
    }

    /** Fen as yuan: {@code 500} → {@code ¥5.00}. */
    static String fen(Long fen) {
        if (fen == null) {
            return "";
        }
        return String.format(Locale.ROOT, "\u00a5%d.%02d", fen / 100, Math.abs(fen % 100));
    }

    static long nonNull(Long value) {
        return value == null ? 0 : value;
    }
}
