package org.fairmark.contract;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Identity;
import org.fairmark.devca.Roster;
import org.fairmark.domain.Role;
import org.fairmark.samples.Samples;

/**
 * The organizations and identities of the contract tests: a cooperative, a second cooperative, a county inspection
 * bureau, a carrier and a market. Identities are issued by real per-org CAs with Fabric CA style attributes.
 */
final class Parties {
    static final String COOP = Roster.COOP_MSP;
    static final String COOP2 = "Coop2MSP";
    static final String BUREAU = Roster.BUREAU_MSP;
    static final String CARRIER = Roster.CARRIER_MSP;
    static final String MARKET = Roster.MARKET_MSP;
    /** Qianxi county, Hebei (迁西县): chestnut country. */
    static final String QIANXI = Samples.QIANXI;
    /** Zhaoqing's Deqing county, Guangdong: outside the bureau's jurisdiction. */
    static final String DEQING = Samples.DEQING;

    private static final Map<String, CertificateAuthority> CAS = new HashMap<>();
    private static final Map<String, Identity> IDENTITIES = new HashMap<>();

    private Parties() {}

    static synchronized CertificateAuthority ca(String mspId) {
        return CAS.computeIfAbsent(mspId, m -> CertificateAuthority.create(m, m.replace("MSP", "").toLowerCase()));
    }

    /** An identity of {@code mspId} with {@code role} (null: no Fairmark role). Inspectors cover Hebei's Tangshan. */
    static Identity of(String mspId, Role role) {
        return of(mspId, role, role == Role.INSPECTOR ? Samples.TANGSHAN : null);
    }

    static synchronized Identity of(String mspId, Role role, String jurisdiction) {
        String name = (role == null ? "none" : role.attributeValue()) + (jurisdiction == null ? "" : "-" + jurisdiction)
                + "@" + mspId;
        return IDENTITIES.computeIfAbsent(name, n -> {
            Map<String, String> attributes = new TreeMap<>();
            if (role != null) {
                attributes.put(Role.ATTRIBUTE, role.attributeValue());
            }
            if (jurisdiction != null) {
                attributes.put(Role.JURISDICTION_ATTRIBUTE, jurisdiction);
            }
            return ca(mspId).issue(n.replace('@', '.'), attributes);
        });
    }

    /** The administrator identity ({@code OU=admin}, no Fairmark role) of {@code mspId}: the one that writes its profile. */
    static synchronized Identity admin(String mspId) {
        return IDENTITIES.computeIfAbsent("admin@" + mspId, n -> ca(mspId).issueAdmin(n.replace('@', '.')));
    }

    static Identity producer() {
        return of(COOP, Role.PRODUCER);
    }

    static Identity packer() {
        return of(COOP, Role.PACKER);
    }

    static Identity inspector() {
        return of(BUREAU, Role.INSPECTOR);
    }

    static Identity buyer() {
        return of(MARKET, Role.BUYER);
    }
}
