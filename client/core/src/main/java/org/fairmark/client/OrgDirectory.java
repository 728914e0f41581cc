package org.fairmark.client;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.MspId;
import org.fairmark.domain.model.OrgProfile;

/**
 * Who the organizations of the channel are, by MSP id: their ledger profiles, so that output shows
 * {@code 迁西县栗香板栗专业合作社 (CoopMSP)} rather than a bare MSP id, which stays as the detail in parentheses. An
 * organization that has written no profile is shown by its MSP id alone.
 *
 * <pre>{@code
 * OrgDirectory orgs = OrgDirectory.of(client.participant());     // profile:Get on first use of each org, then cached
 * orgs.label("CoopMSP", Locale.CHINESE);                          // 迁西县栗香板栗专业合作社 (CoopMSP)
 * orgs.label("NoProfileMSP", Locale.ENGLISH);                      // NoProfileMSP
 * }</pre>
 *
 * <p>Instances are thread-safe. A directory made by {@link #of(Participant)} keeps what it read for its lifetime (a
 * command's, a page's); make a new one to see later changes, or take a {@link #snapshot(Participant)} of all profiles in
 * one read.
 */
public final class OrgDirectory {
    /** A directory that knows no profile: every org is shown by its MSP id. */
    public static final OrgDirectory EMPTY = new OrgDirectory(null, Map.of());

    /** Marks an org known to have no profile (a {@link ConcurrentHashMap} holds no null). */
    private static final OrgProfile NONE = new OrgProfile("", "", "", "", "", null, null, null, null);

    private final Participant reader;
    private final Map<String, OrgProfile> profiles;

    private OrgDirectory(Participant reader, Map<String, OrgProfile> profiles) {
        this.reader = reader;
        this.profiles = reader == null ? Map.copyOf(profiles) : new ConcurrentHashMap<>(profiles);
    }

    /** A directory that reads each org's profile ({@code profile:Get}) on first use and keeps it. */
    public static OrgDirectory of(Participant reader) {
        Objects.requireNonNull(reader, "reader == null");
        return new OrgDirectory(reader, Map.of());
    }

    /** A directory of the given profiles only; reads nothing. */
    public static OrgDirectory of(Collection<OrgProfile> profiles) {
        Objects.requireNonNull(profiles, "profiles == null");
        Map<String, OrgProfile> byOrg = new java.util.HashMap<>();
        for (OrgProfile profile : profiles) {
            byOrg.put(Objects.requireNonNull(profile, "profile == null").mspId(), profile);
        }
        return new OrgDirectory(null, byOrg);
    }

    /** A directory of every profile on the ledger now, read at once ({@code profile:List}, all pages). */
    public static OrgDirectory snapshot(Participant reader) {
        Objects.requireNonNull(reader, "reader == null");
        return of(reader.profiles());
    }

    /**
     * The org's profile, or empty when it has written none (or {@code mspId} is null or not an MSP id).
     *
     * @throws FairmarkException when the ledger cannot be read
     */
    public Optional<OrgProfile> profile(String mspId) {
        if (mspId == null || mspId.isEmpty()) {
            return Optional.empty();
        }
        OrgProfile known = profiles.get(mspId);
        if (known == null && reader != null && MspId.isValid(mspId)) {
            known = profiles.computeIfAbsent(mspId, this::read);
        }
        return known == null || known == NONE ? Optional.empty() : Optional.of(known);
    }

    private OrgProfile read(String mspId) {
        try {
            return reader.profile(mspId);
        } catch (FairmarkException e) {
            if (e.code() == ErrorCode.PROFILE_NOT_FOUND || e.code() == ErrorCode.INVALID_ARGUMENT) {
                return NONE;
            }
            throw e;
        }
    }

    /**
     * The org's name in the locale's language (Chinese for {@code zh}, else English), or the MSP id when it has no
     * profile; an empty string for a null id.
     */
    public String name(String mspId, Locale locale) {
        Objects.requireNonNull(locale, "locale == null");
        if (mspId == null) {
            return "";
        }
        return profile(mspId).map(p -> chinese(locale) ? p.nameZh() : p.nameEn()).orElse(mspId);
    }

    /**
     * The org's name with its MSP id as the detail, {@code 迁西县栗香板栗专业合作社 (CoopMSP)}, or the MSP id alone when it
     * has no profile; an empty string for a null id.
     */
    public String label(String mspId, Locale locale) {
        Objects.requireNonNull(locale, "locale == null");
        if (mspId == null) {
            return "";
        }
        return profile(mspId).map(p -> (chinese(locale) ? p.nameZh() : p.nameEn()) + " (" + mspId + ")").orElse(mspId);
    }

    private static boolean chinese(Locale locale) {
        return locale.getLanguage().equals("zh");
    }
}
