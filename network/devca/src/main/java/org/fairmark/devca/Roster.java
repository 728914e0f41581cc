package org.fairmark.devca;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.OrgKind;

/**
 * The development network's organizations, written once: their MSP ids, short names, kinds, and the wallet
 * identities (with their {@code fairmark.role} and {@code fairmark.jurisdiction} attributes) each issues. The embedded
 * network creates exactly this roster, the Fabric crypto export issues the same identities, the CLI picks its default
 * identities from it, and the tests name parties through it.
 *
 * <pre>{@code
 * for (Roster.Org org : Roster.ORGANIZATIONS) {
 *     CertificateAuthority ca = CertificateAuthority.create(org.mspId(), org.domain("example.com"));
 *     org.users().forEach(user -> wallet.put(ca.issue(user.walletName(), user.attributes())));
 * }
 * String name = Roster.walletName(Role.INSPECTOR);   // "inspector@bureau"
 * }</pre>
 */
public final class Roster {
    /** The Qianxi county (迁西县, Hebei) and Tangshan prefecture codes the development inspector covers. */
    public static final String INSPECTOR_JURISDICTION = "130227,1302";

    /** Wallet name of the cooperative's producer. */
    public static final String PRODUCER = "producer@coop";
    /** Wallet name of the cooperative's packer. */
    public static final String PACKER = "packer@coop";
    /** Wallet name of the bureau's inspector ({@link #INSPECTOR_JURISDICTION}). */
    public static final String INSPECTOR = "inspector@bureau";
    /** Wallet name of the bureau's auditor. */
    public static final String AUDITOR = "auditor@bureau";
    /** Wallet name of the carrier's carrier. */
    public static final String CARRIER = "carrier@carrier";
    /** Wallet name of the market's buyer. */
    public static final String BUYER = "buyer@market";

    /** MSP id of the cooperative. */
    public static final String COOP_MSP = "CoopMSP";
    /** MSP id of the county inspection bureau. */
    public static final String BUREAU_MSP = "BureauMSP";
    /** MSP id of the carrier. */
    public static final String CARRIER_MSP = "CarrierMSP";
    /** MSP id of the market. */
    public static final String MARKET_MSP = "MarketMSP";

    /** One wallet identity of an organization. */
    public record User(String walletName, Role role, Map<String, String> attributes) {
        public User {
            Objects.requireNonNull(walletName, "walletName == null");
            Objects.requireNonNull(role, "role == null");
            attributes = Map.copyOf(attributes);
        }
    }

    /**
     * One peer organization.
     *
     * @param mspId the MSP id, e.g. {@code CoopMSP}
     * @param name the short name used in host names and wallet names, e.g. {@code coop}
     * @param kind what the organization is
     * @param users its wallet identities with a Fairmark role, in issuing order
     */
    public record Org(String mspId, String name, OrgKind kind, List<User> users) {
        public Org {
            Objects.requireNonNull(mspId, "mspId == null");
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(kind, "kind == null");
            users = List.copyOf(users);
        }

        /** The organization's domain under {@code suffix}, e.g. {@code coop.example.com}. */
        public String domain(String suffix) {
            return name + "." + suffix;
        }

        /** The wallet name of the organization's administrator (NodeOU admin), e.g. {@code admin@coop}. */
        public String adminName() {
            return "admin@" + name;
        }

        /** The users as wallet name → certificate attributes, in issuing order. */
        public Map<String, Map<String, String>> attributesByUser() {
            Map<String, Map<String, String>> byUser = new LinkedHashMap<>();
            users.forEach(user -> byUser.put(user.walletName(), user.attributes()));
            return java.util.Collections.unmodifiableMap(byUser);
        }
    }

    /** The cooperative: grows, registers and packs. */
    public static final Org COOP = new Org(COOP_MSP, "coop", OrgKind.COOPERATIVE, List.of(
            user(PRODUCER, Role.PRODUCER, null),
            user(PACKER, Role.PACKER, null)));
    /** The county inspection bureau: inspects, rules disputes, audits. */
    public static final Org BUREAU = new Org(BUREAU_MSP, "bureau", OrgKind.INSPECTION_BUREAU, List.of(
            user(INSPECTOR, Role.INSPECTOR, INSPECTOR_JURISDICTION),
            user(AUDITOR, Role.AUDITOR, null)));
    /** The carrier. */
    public static final Org CARRIER_ORG = new Org(CARRIER_MSP, "carrier", OrgKind.CARRIER, List.of(
            user(CARRIER, Role.CARRIER, null)));
    /** The market: receives, weighs, claims. */
    public static final Org MARKET = new Org(MARKET_MSP, "market", OrgKind.MARKET, List.of(
            user(BUYER, Role.BUYER, null)));

    /** The four peer organizations, in the order the network lists them. */
    public static final List<Org> ORGANIZATIONS = List.of(COOP, BUREAU, CARRIER_ORG, MARKET);

    /** The orderer organization's MSP id (real Fabric networks; the embedded network orders in-process). */
    public static final String ORDERER_MSP = "OrdererMSP";
    /** The orderer organization's short name. */
    public static final String ORDERER_NAME = "orderer";

    private Roster() {}

    /** The roster's wallet identity with {@code role}, e.g. {@code producer@coop}. */
    public static String walletName(Role role) {
        return user(role).walletName();
    }

    /** The roster's user with {@code role}. */
    public static User user(Role role) {
        return orgOf(role).users().stream().filter(user -> user.role() == role).findFirst().orElseThrow();
    }

    /** The organization of the roster's identity with {@code role}. */
    public static Org orgOf(Role role) {
        Objects.requireNonNull(role, "role == null");
        return ORGANIZATIONS.stream()
                .filter(org -> org.users().stream().anyMatch(user -> user.role() == role))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the roster has no " + role));
    }

    /** The roster's organization {@code mspId}, or null. */
    public static Org org(String mspId) {
        for (Org org : ORGANIZATIONS) {
            if (org.mspId().equals(mspId)) {
                return org;
            }
        }
        return null;
    }

    private static User user(String walletName, Role role, String jurisdiction) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(Role.ATTRIBUTE, role.attributeValue());
        if (jurisdiction != null) {
            attributes.put(Role.JURISDICTION_ATTRIBUTE, jurisdiction);
        }
        return new User(walletName, role, attributes);
    }
}
