package org.fairmark.cli.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fairmark.client.FairmarkException;
import org.fairmark.client.OrgDirectory;
import org.fairmark.client.Participant;
import org.fairmark.domain.model.OrgProfile;

/**
 * The organizations' names while a page renders: the library's {@link OrgDirectory} (one snapshot of every profile per
 * {@link #REFRESH}, {@code profile:List}, not a read per page view), in force for the page helpers, which call
 * {@link #show}. Pages show "迁西县…合作社 (CoopMSP)"; an org without a profile is shown by its MSP id.
 */
final class OrgNames {
    private static final Logger LOGGER = Logger.getLogger(OrgNames.class.getName());
    static final Duration REFRESH = Duration.ofSeconds(30);
    static final OrgNames NONE = new OrgNames(OrgDirectory.EMPTY);
    private static final ThreadLocal<OrgNames> CURRENT = ThreadLocal.withInitial(() -> NONE);

    private final OrgDirectory directory;

    OrgNames(OrgDirectory directory) {
        this.directory = directory;
    }

    OrgNames(Map<String, OrgProfile> profiles) {
        this(OrgDirectory.of(profiles.values()));
    }

    /** Reads every profile; on a ledger error the pages fall back to MSP ids. */
    static OrgNames load(Participant reader) {
        try {
            return new OrgNames(OrgDirectory.snapshot(reader));
        } catch (FairmarkException e) {
            LOGGER.log(Level.WARNING, "cannot read the organizations' profiles: " + e.getMessage());
            return NONE;
        }
    }

    OrgDirectory directory() {
        return directory;
    }

    OrgProfile profile(String mspId) {
        return directory.profile(mspId).orElse(null);
    }

    /** The org's name in {@code lang} with its MSP id as the detail, or the MSP id alone without a profile. */
    String name(String mspId, Lang lang) {
        return mspId == null ? null : directory.label(mspId, lang.locale());
    }

    /** {@link #name} with the names of the page being rendered. */
    static String show(String mspId, Lang lang) {
        return CURRENT.get().name(mspId, lang);
    }

    static OrgNames current() {
        return CURRENT.get();
    }

    /** Renders with {@code names} in force. */
    static <T> T using(OrgNames names, Supplier<T> render) {
        OrgNames before = CURRENT.get();
        CURRENT.set(names);
        try {
            return render.get();
        } finally {
            CURRENT.set(before);
        }
    }

    /** The names, read again once they are older than {@link #REFRESH}. */
    static final class Cache {
        private final Clock clock;
        private OrgNames names;
        private Instant readAt = Instant.MIN;

        Cache(Clock clock) {
            this.clock = clock;
        }

        synchronized OrgNames get(Participant reader) {
            Instant now = clock.instant();
            if (names == null || now.isAfter(readAt.plus(REFRESH)) || now.isBefore(readAt)) {
                names = load(reader);
                readAt = names == NONE ? Instant.MIN : now;
            }
            return names;
        }
    }
}
