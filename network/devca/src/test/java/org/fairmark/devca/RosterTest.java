package org.fairmark.devca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.fairmark.domain.IdentityName;
import org.fairmark.domain.MspId;
import org.fairmark.domain.Role;
import org.junit.jupiter.api.Test;

class RosterTest {
    @Test
    void every_role_has_exactly_one_identity_with_its_attribute() {
        for (Role role : Role.values()) {
            List<Roster.User> users = Roster.ORGANIZATIONS.stream().flatMap(org -> org.users().stream())
                    .filter(user -> user.role() == role).toList();
            assertThat(users).as("%s", role).hasSize(1);
            assertThat(users.get(0).attributes()).containsEntry(Role.ATTRIBUTE, role.attributeValue());
            assertThat(Roster.walletName(role)).isEqualTo(users.get(0).walletName());
        }
    }

    @Test
    void names_the_four_organizations_in_network_order_with_valid_ids() {
        assertThat(Roster.ORGANIZATIONS).extracting(Roster.Org::mspId)
                .containsExactly("CoopMSP", "BureauMSP", "CarrierMSP", "MarketMSP");
        for (Roster.Org org : Roster.ORGANIZATIONS) {
            assertThat(MspId.isValid(org.mspId())).isTrue();
            assertThat(IdentityName.isValid(org.adminName())).isTrue();
            org.users().forEach(user -> assertThat(user.walletName()).endsWith("@" + org.name()));
        }
        assertThat(Roster.COOP.domain("example.com")).isEqualTo("coop.example.com");
        assertThat(Roster.COOP.adminName()).isEqualTo("admin@coop");
        assertThat(MspId.isValid(Roster.ORDERER_MSP)).isTrue();
    }

    @Test
    void keeps_the_wallet_names_and_the_inspector_jurisdiction_of_existing_data_directories() {
        assertThat(Arrays.asList(Roster.PRODUCER, Roster.PACKER, Roster.INSPECTOR, Roster.AUDITOR, Roster.CARRIER,
                Roster.BUYER)).containsExactly("producer@coop", "packer@coop", "inspector@bureau", "auditor@bureau",
                        "carrier@carrier", "buyer@market");
        assertThat(Roster.user(Role.INSPECTOR).attributes())
                .containsEntry(Role.JURISDICTION_ATTRIBUTE, "130227,1302");
        assertThat(Roster.orgOf(Role.BUYER)).isSameAs(Roster.MARKET);
        assertThat(Roster.org("MarketMSP")).isSameAs(Roster.MARKET);
        assertThat(Roster.org("NoSuchMSP")).isNull();
        assertThatThrownBy(() -> Roster.walletName(null)).hasMessage("role == null");
    }
}
