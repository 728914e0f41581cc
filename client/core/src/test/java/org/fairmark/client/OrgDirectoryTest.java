package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.OrgKind;
import org.fairmark.domain.model.OrgProfile;
import org.junit.jupiter.api.Test;

/** MSP ids to profile names: read once per org, an org without a profile shown by its MSP id. */
class OrgDirectoryTest {
    static final OrgProfile COOP = new OrgProfile("CoopMSP", "迁西县栗香板栗专业合作社", "Qianxi Lixiang Chestnut Cooperative",
            "93130227FM00000178", "130227", OrgKind.COOPERATIVE, "2026-10-01T00:00:00Z", "2026-10-01T00:00:00Z", "x509::CN=admin");

    final List<String> reads = new ArrayList<>();

    /** A ledger that knows the coop's profile, has none for others, and fails for DownMSP. */
    Participant ledger() {
        return (Participant) Proxy.newProxyInstance(Participant.class.getClassLoader(), new Class<?>[] {Participant.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("profile")) {
                        String org = (String) args[0];
                        reads.add(org);
                        return switch (org) {
                            case "CoopMSP" -> COOP;
                            case "DownMSP" -> throw FairmarkException.client(ErrorCode.GATEWAY_UNAVAILABLE, "no gateway");
                            default -> throw FairmarkException.client(ErrorCode.PROFILE_NOT_FOUND, org + " has no profile");
                        };
                    }
                    if (method.getName().equals("profiles")) {
                        reads.add("*");
                        return List.of(COOP);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void names_an_org_by_its_profile_with_the_msp_id_as_the_detail_and_reads_it_once() {
        OrgDirectory orgs = OrgDirectory.of(ledger());
        assertThat(orgs.label("CoopMSP", Locale.CHINESE)).isEqualTo("迁西县栗香板栗专业合作社 (CoopMSP)");
        assertThat(orgs.label("CoopMSP", Locale.ENGLISH)).isEqualTo("Qianxi Lixiang Chestnut Cooperative (CoopMSP)");
        assertThat(orgs.name("CoopMSP", Locale.SIMPLIFIED_CHINESE)).isEqualTo("迁西县栗香板栗专业合作社");
        assertThat(orgs.profile("CoopMSP")).contains(COOP);
        assertThat(reads).containsExactly("CoopMSP");
    }

    @Test
    void an_org_without_a_profile_is_its_msp_id_and_is_not_read_again() {
        OrgDirectory orgs = OrgDirectory.of(ledger());
        assertThat(orgs.label("CarrierMSP", Locale.CHINESE)).isEqualTo("CarrierMSP");
        assertThat(orgs.name("CarrierMSP", Locale.ENGLISH)).isEqualTo("CarrierMSP");
        assertThat(orgs.profile("CarrierMSP")).isEmpty();
        assertThat(reads).containsExactly("CarrierMSP");
    }

    @Test
    void a_malformed_or_missing_id_is_shown_as_it_is_without_reading_the_ledger() {
        OrgDirectory orgs = OrgDirectory.of(ledger());
        assertThat(orgs.label("<b>x</b>", Locale.CHINESE)).isEqualTo("<b>x</b>");
        assertThat(orgs.label(null, Locale.CHINESE)).isEmpty();
        assertThat(orgs.profile("")).isEmpty();
        assertThat(reads).isEmpty();
    }

    @Test
    void a_ledger_failure_is_not_mistaken_for_a_missing_profile() {
        FairmarkException failure = catchThrowableOfType(FairmarkException.class,
                () -> OrgDirectory.of(ledger()).label("DownMSP", Locale.ENGLISH));
        assertThat(failure.code()).isEqualTo(ErrorCode.GATEWAY_UNAVAILABLE);
    }

    @Test
    void a_snapshot_reads_every_profile_at_once_and_a_fixed_directory_reads_nothing() {
        OrgDirectory snapshot = OrgDirectory.snapshot(ledger());
        assertThat(snapshot.label("CoopMSP", Locale.ENGLISH)).isEqualTo("Qianxi Lixiang Chestnut Cooperative (CoopMSP)");
        assertThat(snapshot.label("MarketMSP", Locale.ENGLISH)).isEqualTo("MarketMSP");
        assertThat(reads).containsExactly("*");
        assertThat(OrgDirectory.of(List.of(COOP)).label("CoopMSP", Locale.CHINESE)).isEqualTo("迁西县栗香板栗专业合作社 (CoopMSP)");
        assertThat(OrgDirectory.EMPTY.label("CoopMSP", Locale.CHINESE)).isEqualTo("CoopMSP");
    }
}
