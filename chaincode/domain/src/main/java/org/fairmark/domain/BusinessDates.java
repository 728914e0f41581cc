package org.fairmark.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Business dates (harvest, packing, certificate validity) are China Standard Time calendar dates, computed with a
 * fixed offset rather than the {@code Asia/Shanghai} zone id: every endorser and every client then computes the same
 * date from the same instant, whatever its time-zone database says.
 */
public final class BusinessDates {
    /** UTC+08:00, China Standard Time. */
    public static final ZoneOffset OFFSET = ZoneOffset.ofHours(8);

    private BusinessDates() {}

    /** The business date of an instant (on the ledger: of the transaction timestamp). */
    public static LocalDate of(Instant instant) {
        return instant.atOffset(OFFSET).toLocalDate();
    }

    /** Today's business date by {@code clock}. */
    public static LocalDate today(Clock clock) {
        return of(clock.instant());
    }
}
