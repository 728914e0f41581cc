package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fairmark.domain.ErrorCode;
import org.fairmark.presentation.ErrorPresentation;
import org.fairmark.network.EmbeddedNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read commands on a stopped development network answer from its ledger files without starting it, byte for byte as
 * the network answers; writes still go through the network. And {@code label verify --file}, the batch offline check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadPathIT {
    static final String GTIN = LedgerFixture.GTIN;

    @TempDir
    static Path dataDir;

    @TempDir
    static Path files;

    LedgerFixture ledger;
    CliRun cli;
    String lot;
    List<String> uris = new ArrayList<>();
    Path bundle;

    @BeforeAll
    void network() {
        ledger = LedgerFixture.create(dataDir);
        cli = ledger.cli;
        lot = ledger.certified();
        ledger.packed(lot, 3);
        cli.run("--json", "label", "print", GTIN, lot).ok().json().get("labels")
                .forEach(label -> uris.add(label.get("uri").asText()));
        bundle = files.resolve("trust.json");
        cli.run("trust", "export", "--out", bundle.toString(), "--gtin-prefix", "CoopMSP=6901234").ok();
    }

    /** The command through the development network started in this process, as before the read path. */
    private CliRun.Result throughNetwork(String... args) {
        String before = System.getProperty(Session.READS_PROPERTY);
        System.setProperty(Session.READS_PROPERTY, "network");
        try {
            return cli.run(args);
        } finally {
            if (before == null) {
                System.clearProperty(Session.READS_PROPERTY);
            } else {
                System.setProperty(Session.READS_PROPERTY, before);
            }
        }
    }

    @Nested
    class Reads {
        @Test
        void answer_byte_for_byte_as_the_network_does() {
            List<String[]> commands = List.of(
                    new String[] {"--json", "batch", "get", GTIN, lot},
                    new String[] {"batch", "get", GTIN, lot},
                    new String[] {"--json", "batch", "packages", GTIN, lot, "--all"},
                    new String[] {"--json", "batch", "history", GTIN, lot},
                    new String[] {"--json", "trace", GTIN, lot},
                    new String[] {"--json", "standard", "get", "GB/T-22346"},
                    new String[] {"--json", "integrity", "CoopMSP"},
                    new String[] {"--json", "verify", uris.get(0)},
                    new String[] {"verify", uris.get(1)});
            for (String[] command : commands) {
                CliRun.Result local = cli.run(command);
                CliRun.Result online = throughNetwork(command);

                assertThat(online.exit()).as("%s", online).isZero();
                assertThat(local.exit()).as(String.join(" ", command)).isEqualTo(online.exit());
                assertThat(local.out()).as(String.join(" ", command)).isEqualTo(online.out());
                assertThat(local.err()).as(String.join(" ", command)).isEqualTo(online.err());
            }
        }

        @Test
        void refuse_as_the_network_does() {
            String[] missing = {"batch", "get", GTIN, "NO-SUCH-LOT"};
            String[] badGtin = {"batch", "get", "06901234567890", lot};
            for (String[] command : List.of(missing, badGtin)) {
                CliRun.Result local = cli.run(command);
                CliRun.Result online = throughNetwork(command);

                assertThat(local.exit()).as("%s", local).isEqualTo(online.exit()).isNotZero();
                assertThat(local.err()).isEqualTo(online.err());
            }
            assertThat(cli.run(missing).err()).startsWith("error: BATCH_NOT_FOUND: ");
            assertThat(cli.run(missing).exit()).isEqualTo(ErrorPresentation.exitCode(ErrorCode.BATCH_NOT_FOUND));
        }

        @Test
        void do_not_start_the_network_and_writes_still_need_it() throws Exception {
            // a network open in this process holds the ledger: a command that started one would fail LEDGER_LOCKED
            try (EmbeddedNetwork held = EmbeddedNetwork.builder().dataDir(dataDir).port(-1).start()) {
                CliRun.Result read = cli.run("--json", "batch", "get", GTIN, lot);
                CliRun.Result write = cli.run("batch", "register", GTIN, ledger.newLot(), "--product", "板栗",
                        "--county", "130227", "--township", "Xingcheng", "--village", "Dongzhuang", "--harvest-date",
                        "2024-09-10", "--declared", "1t");

                assertThat(read.exit()).as("%s", read).isZero();
                assertThat(read.json().at("/batch/lot").asText()).isEqualTo(lot);
                assertThat(write.exit()).as("%s", write).isEqualTo(ErrorPresentation.exitCode(ErrorCode.LEDGER_LOCKED));
                assertThat(write.err()).startsWith("error: LEDGER_LOCKED: ");
                assertThat(held.height()).isPositive();
            }
        }

        @Test
        void see_blocks_committed_after_the_newest_snapshot() throws Exception {
            // a clean close with snapshot interval 0 writes a snapshot; the commands after it add blocks (too few for
            // another), so the reader starts from the snapshot and replays the blocks after it
            try (EmbeddedNetwork network = EmbeddedNetwork.builder().dataDir(dataDir).port(-1).snapshotInterval(0).start()) {
                assertThat(network.height()).isPositive();
            }
            long snapshotHeight = EmbeddedNetwork.newestSnapshot(dataDir).orElseThrow().height();
            String later = ledger.newLot();
            ledger.register(later);

            CliRun.Result local = cli.run("--json", "batch", "get", GTIN, later);
            CliRun.Result online = throughNetwork("--json", "batch", "get", GTIN, later);

            assertThat(EmbeddedNetwork.newestSnapshot(dataDir).orElseThrow().height()).isEqualTo(snapshotHeight);
            assertThat(local.exit()).as("%s", local).isZero();
            assertThat(local.json().at("/batch/lot").asText()).isEqualTo(later);
            assertThat(local.out()).isEqualTo(online.out());
        }
    }

    @Nested
    class LabelVerifyFile {
        @Test
        void counts_genuine_and_rejected_labels_with_their_lines() throws Exception {
            String forged = uris.get(0).replace("g=FIRST", "g=SPECIAL");
            String truncated = uris.get(1).substring(0, uris.get(1).length() / 2);
            Path file = files.resolve("labels.txt");
            Files.writeString(file, "# three genuine, one forged, one truncated\n" + String.join("\n", uris) + "\n\n"
                    + forged + "\n" + truncated + "\n");

            CliRun.Result result = cli.run("--json", "label", "verify", "--file", file.toString(), "--trust",
                    bundle.toString());
            CliRun.Result genuineOnly = cli.run("label", "verify", "--file", writeLines("genuine.txt", uris),
                    "--trust", bundle.toString());

            assertThat(result.exit()).as("%s", result).isEqualTo(Fairmark.EXIT_NEGATIVE);
            JsonNode json = result.json();
            assertThat(json.get("labels").asInt()).isEqualTo(5);
            assertThat(json.get("genuine").asInt()).isEqualTo(3);
            assertThat(json.get("rejected").asInt()).isEqualTo(2);
            assertThat(json.at("/rejections/BAD_SIGNATURE").asInt()).isEqualTo(1);
            assertThat(json.get("notGenuine")).hasSize(2);
            assertThat(json.at("/notGenuine/0/line").asInt()).isEqualTo(6);
            assertThat(json.at("/notGenuine/1/line").asInt()).isEqualTo(7);
            assertThat(json.at("/notGenuine/1/rejection").asText()).isIn("TRUNCATED", "MALFORMED");
            assertThat(json.get("provider").asText()).isNotBlank();
            assertThat(genuineOnly.exit()).as("%s", genuineOnly).isZero();
            assertThat(genuineOnly.out()).contains("3 labels: 3 genuine, 0 rejected");
        }

        @Test
        void refuses_a_missing_or_empty_file_with_a_code() throws Exception {
            CliRun.Result missing = cli.run("label", "verify", "--file", files.resolve("none.txt").toString(), "--trust",
                    bundle.toString());
            CliRun.Result empty = cli.run("label", "verify", "--file", writeLines("empty.txt", List.of("# nothing")),
                    "--trust", bundle.toString());
            CliRun.Result noBundle = cli.run("label", "verify", "--file", writeLines("one.txt", uris), "--trust",
                    files.resolve("no-bundle.json").toString());
            CliRun.Result notUtf8 = cli.run("label", "verify", "--file", writeBytes("latin1.txt", new byte[] {'h', (byte) 0xE9, '\n'}),
                    "--trust", bundle.toString());

            for (CliRun.Result result : List.of(missing, empty, noBundle, notUtf8)) {
                assertThat(result.exit()).as("%s", result).isEqualTo(ErrorPresentation.exitCode(ErrorCode.INVALID_ARGUMENT));
                assertThat(result.err()).startsWith("error: INVALID_ARGUMENT: ");
            }
            assertThat(missing.err()).contains("does not exist");
            assertThat(empty.err()).contains("holds no label URI");
            assertThat(notUtf8.err()).contains("line 1 is not UTF-8");
        }
    }

    private static String writeLines(String name, List<String> lines) throws Exception {
        return Files.writeString(files.resolve(name), String.join("\n", lines) + "\n").toString();
    }

    private static String writeBytes(String name, byte[] bytes) throws Exception {
        return Files.write(files.resolve(name), bytes).toString();
    }
}
