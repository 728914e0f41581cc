package org.fairmark.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fairmark.devca.Roster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fairmark profile} and {@code fairmark badge}: names on the ledger, a signed badge verified offline. */
class ProfileBadgeIT {
    @TempDir
    Path dataDir;

    @Test
    void an_admin_writes_the_profile_and_a_badge_verifies_offline_while_a_tampered_one_does_not() throws Exception {
        LedgerFixture ledger = LedgerFixture.create(dataDir);
        CliRun cli = ledger.cli;
        String code = DemoProfiles.code("93", "130227", 1);
        CliRun.Result refused = cli.run("--as", Roster.PRODUCER, "profile", "set", "--name-zh", "合作社", "--name-en", "Coop",
                "--credit-code", code, "--county", "130227", "--kind", "cooperative");
        assertThat(refused.exit()).isEqualTo(4);
        assertThat(refused.err()).startsWith("error: NOT_ORG_ADMIN: ");
        CliRun.Result badCode = cli.run("--as", "admin@coop", "profile", "set", "--name-zh", "合作社", "--name-en", "Coop",
                "--credit-code", code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0'), "--county", "130227",
                "--kind", "cooperative");
        assertThat(badCode.exit()).isEqualTo(3);
        assertThat(badCode.err()).startsWith("error: INVALID_SOCIAL_CREDIT_CODE: ");

        CliRun.Result set = cli.run("--as", "admin@coop", "profile", "set", "--name-zh", "迁西县栗香板栗专业合作社（演示）",
                "--name-en", "Qianxi Demo Cooperative", "--credit-code", code, "--county", "130227", "--kind", "cooperative").ok();
        assertThat(set.out()).contains("迁西县栗香板栗专业合作社（演示） / Qianxi Demo Cooperative (CoopMSP)", code);
        JsonNode shown = cli.run("--json", "profile", "show", "CoopMSP").ok().json();
        assertThat(shown.get("kind").asText()).isEqualTo("COOPERATIVE");
        assertThat(cli.run("--lang", "zh", "profile", "list").ok().out()).contains("类型 cooperative");
        ledger.register(ledger.newLot());
        assertThat(cli.run("integrity", "CoopMSP").ok().out()).contains("Integrity of Qianxi Demo Cooperative (CoopMSP)");

        Path badge = dataDir.resolve("badge.svg");
        JsonNode issued = cli.run("--json", "--lang", "en", "badge", "CoopMSP", "--out", badge.toString()).ok().json();
        assertThat(issued.at("/claim/nameEn").asText()).isEqualTo("Qianxi Demo Cooperative");
        assertThat(issued.at("/claim/signerOrg").asText()).isEqualTo("BureauMSP");
        assertThat(Files.size(badge)).isLessThan(8 * 1024);
        Path bundle = dataDir.resolve("trust.json");
        cli.run("trust", "export", "--out", bundle.toString(), "--gtin-prefix", "CoopMSP=6901234").ok();

        CliRun.Result valid = cli.run("badge", "verify", badge.toString(), "--trust", bundle.toString()).ok();
        assertThat(valid.out()).contains("Valid badge, signed by BureauMSP (BureauMSP)", "Qianxi Demo Cooperative");

        Path png = dataDir.resolve("badge.png");
        cli.run("--lang", "zh", "badge", "CoopMSP", "--png", "--out", png.toString()).ok();
        assertThat(cli.run("badge", "verify", png.toString(), "--trust", bundle.toString()).ok().out()).contains("Valid badge");
        String svg = Files.readString(badge, UTF_8);
        Path edited = dataDir.resolve("edited.svg");
        Files.writeString(edited, svg.replaceFirst("Integrity rating [A-DNEW]+", "Integrity rating A+"), UTF_8);
        CliRun.Result tampered = cli.run("badge", "verify", edited.toString(), "--trust", bundle.toString());
        assertThat(tampered.exit()).isEqualTo(3);
        assertThat(tampered.err()).startsWith("error: BADGE_INVALID: ");
        CliRun.Result wrongSigner = cli.run("badge", "verify", badge.toString(), "--trust", bundle.toString(),
                "--signer-org", "MarketMSP");
        assertThat(wrongSigner.exit()).isEqualTo(4);
        assertThat(wrongSigner.err()).startsWith("error: BADGE_UNTRUSTED: ");
        CliRun.Result own = cli.run("--as", Roster.PRODUCER, "badge", "CoopMSP");
        assertThat(own.exit()).isEqualTo(4);
        assertThat(own.err()).startsWith("error: BADGE_UNTRUSTED: ");
        assertThat(cli.run("badge").exit()).isEqualTo(2);
    }
}
