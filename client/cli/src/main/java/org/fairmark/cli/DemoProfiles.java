package org.fairmark.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairmark.client.FairmarkClient;
import org.fairmark.client.FairmarkIdentity;
import org.fairmark.devca.Roster;
import org.fairmark.domain.SocialCreditCode;
import org.fairmark.domain.model.OrgProfile;
import org.fairmark.domain.model.ProfileRequests;

/**
 * The profiles the demo writes for the development network's four organizations. Every name is fictional and marked
 * 演示/demo; every unified social credit code has the organization code {@code FM00000n}, so no real organization is
 * named, but both check characters are computed as GB 32100 and GB 11714 require.
 */
public final class DemoProfiles {
    /** Wallet admin identity → profile, in the order the demo writes them. */
    static final Map<String, ProfileRequests.SetProfile> BY_ADMIN = profiles();

    private DemoProfiles() {}

    /** A fictional code: registration authority and category, a division code, organization code FM00000n. */
    public static String code(String authorityAndCategory, String division, int n) {
        String organization = "FM00000" + n;
        String first17 = authorityAndCategory + division + organization + SocialCreditCode.organizationCheckCharacter(organization);
        return first17 + SocialCreditCode.checkCharacter(first17);
    }

    private static Map<String, ProfileRequests.SetProfile> profiles() {
        Map<String, ProfileRequests.SetProfile> map = new LinkedHashMap<>();
        put(map, Roster.COOP, "迁西县栗香板栗专业合作社（演示）", "Qianxi Lixiang Chestnut Growers' Cooperative (demo)",
                code("93", "130227", 1), "130227");
        put(map, Roster.BUREAU, "迁西县农产品质量检验检测站（演示）", "Qianxi County Produce Inspection Station (demo)",
                code("12", "130227", 2), "130227");
        put(map, Roster.CARRIER_ORG, "唐山栗运物流有限公司（演示）", "Tangshan Liyun Logistics Co., Ltd. (demo)",
                code("91", "130203", 3), "130203");
        put(map, Roster.MARKET, "京郊优选农产品网店（演示）", "Jingjiao Select Farm Produce Shop (demo)",
                code("91", "110105", 4), "110105");
        return java.util.Collections.unmodifiableMap(map);
    }

    private static void put(Map<String, ProfileRequests.SetProfile> map, Roster.Org org, String nameZh, String nameEn,
            String creditCode, String division) {
        map.put(org.adminName(), new ProfileRequests.SetProfile(null, nameZh, nameEn, creditCode, division, org.kind()));
    }

    /**
     * Writes the demo profiles with the admin identities found in {@code wallet}; admins missing from the wallet are
     * skipped (a connection profile's wallet may hold none).
     *
     * @return the profiles written
     */
    public static List<OrgProfile> write(FairmarkClient base, java.nio.file.Path wallet) {
        List<String> names = FairmarkIdentity.walletNames(wallet);
        List<OrgProfile> written = new ArrayList<>();
        for (Map.Entry<String, ProfileRequests.SetProfile> entry : BY_ADMIN.entrySet()) {
            if (!names.contains(entry.getKey())) {
                continue;
            }
            FairmarkClient admin = base.withIdentity(FairmarkIdentity.fromWallet(wallet, entry.getKey()));
            written.add(admin.admin().setProfile(entry.getValue()));
        }
        return written;
    }
}
