package org.fairmark.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.fairmark.devca.Identity;
import org.fairmark.devca.Roster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new data directory holds exactly the roster's organizations and wallet identities. */
class NetworkLayoutTest {
    @Test
    void creates_the_rosters_organizations_peers_and_wallet(@TempDir Path dir) throws Exception {
        NetworkLayout layout = NetworkLayout.openOrCreate(dir, null, null, null);

        assertThat(layout.organizations()).extracting(Organization::mspId)
                .containsExactlyElementsOf(Roster.ORGANIZATIONS.stream().map(Roster.Org::mspId).toList());
        for (Roster.Org org : Roster.ORGANIZATIONS) {
            Identity admin = layout.wallet().get(org.adminName());
            assertThat(admin.mspId()).isEqualTo(org.mspId());
            for (Roster.User user : org.users()) {
                Identity identity = layout.wallet().get(user.walletName());
                assertThat(identity.mspId()).isEqualTo(org.mspId());
                assertThat(identity.attributes()).containsAllEntriesOf(user.attributes());
            }
        }
        assertThat(layout.organizations().get(0).peer().name()).isEqualTo("peer0.coop.example.com");
        assertThat(layout.wallet().names()).hasSize(Roster.ORGANIZATIONS.size()
                + Roster.ORGANIZATIONS.stream().mapToInt(org -> org.users().size()).sum());
    }
}
