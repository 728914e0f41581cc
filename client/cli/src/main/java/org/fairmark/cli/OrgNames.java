package org.fairmark.cli;

import java.util.HashMap;
import java.util.Map;
import org.fairmark.client.FairmarkClient;
import org.fairmark.client.FairmarkException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.OrgProfile;

/** Organization names for human output: the profile's name in the output language, the MSP id as the detail. */
final class OrgNames {
    private final FairmarkClient client;
    private final Language language;
    private final Map<String, String> shown = new HashMap<>();

    OrgNames(FairmarkClient client, Language language) {
        this.client = client;
        this.language = language;
    }

    /** "迁西县…合作社 (CoopMSP)", or the MSP id alone when the org has written no profile. */
    String of(String mspId) {
        if (mspId == null) {
            return "";
        }
        return shown.computeIfAbsent(mspId, msp -> {
            try {
                OrgProfile profile = client.participant().profile(msp);
                return (language == Language.ZH ? profile.nameZh() : profile.nameEn()) + " (" + msp + ")";
            } catch (FairmarkException e) {
                if (e.code() == ErrorCode.PROFILE_NOT_FOUND || e.code() == ErrorCode.INVALID_ARGUMENT) {
                    return msp;
                }
                throw e;
            }
        });
    }
}
