package org.fairmark.cli.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fairmark.client.FairmarkException;
import org.fairmark.client.Participant;
import org.fairmark.domain.model.OrgProfile;

/**
 * The organizations' names from their ledger profiles, so pages show "迁西县…合作社 (CoopMSP)" rather than a bare MSP id
 * (which stays as the detail in parentheses). An org without a profile is shown by its MSP id.
 *
 * <p>The names in force while a page renders are set with {@link #using}; the page helpers call {@link #show}. The
 * profiles are read once per {@link #REFRESH} ({@code profile:List}), not on every page view.
 */
final class OrgNames {
    private static final Logger LOGGER = Logger.getLogger(OrgNames.class.getName());
    static final Duration REFRESH = Duration.ofSeconds(30);
    static final OrgNames NONE = new OrgNames(Map.of());
    private static final ThreadLocal<OrgNames> CURRENT = ThreadLocal.withInitial(() -> NONE);

    private final Map<String, OrgProfile> profiles;

    OrgNames(Map<String, OrgProfile> profiles) {
        this.profiles = Map.copyOf(profiles);
    }

    /** Reads every profile; on a ledger error the pages fall back to MSP ids. */
    static OrgNames load(Participant reader) {
        try {
            Map<String, OrgProfile> byOrg = new LinkedHashMap<>();
            for (OrgProfile profile : reader.profiles()) {
                byOrg.put(profile.mspId(), profile);
            }
            return new OrgNames(byOrg);
        } catch (FairmarkException e) {
            LOGGER.log(Level.WARNING, "cannot read the organizations' profiles: " + e.getMessage());
            return NONE;
        }
    }

    OrgProfile profile(String mspId) {
        return mspId == null ? null : profiles.get(mspId);
    }

    /** The org's name in {@code lang} with its MSP id as the detail, or the MSP id alone without a profile. */
    String name(String mspId, Lang lang) {
        OrgProfile profile = profile(mspId);
        if (profile == null) {
            return mspId;
        }
        return (lang == Lang.ZH ? profile.nameZh() : profile.nameEn()) + " (" + mspId + ")";
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
