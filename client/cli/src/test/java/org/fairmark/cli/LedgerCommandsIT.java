package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fairmark.client.LabelSigner;
import org.fairmark.client.QrCodes;
import org.fairmark.devca.Roster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every contract operation through {@code Fairmark.run}: exit status, {@code error: CODE: message} on standard error
 * for refusals, and the {@code --json} output. One development network (in-process per command) for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerCommandsIT {
    static final String GTIN = LedgerFixture.GTIN;

    @TempDir
    static Path dataDir;

    @TempDir
    static Path files;

    LedgerFixture ledger;
    CliRun cli;

    @BeforeAll
    void network() {
        ledger = LedgerFixture.create(dataDir);
        cli = ledger.cli;
    }

    @Nested
    class Batches {
        @Test
        void registers_reads_lists_and_traces_a_batch_through_its_states() {
            String lot = ledger.newLot();
            JsonNode registered = ledger.register(lot);
            JsonNode fresh = cli.run("--json", "batch", "get", GTIN, lot).ok().json();
            cli.run("--json", "inspect", GTIN, lot, "--standard", "GB/T-22346", "--sample-size", "200", "--sampled",
                    "2kg", "--measure", "count_per_kg=92", "--measure", "defect_permille=28").ok();
            JsonNode certified = cli.run("--json", "batch", "get", GTIN, lot).ok().json();
            List<String> serials = ledger.packed(lot, 3);
            JsonNode packages = cli.run("--json", "batch", "packages", GTIN, lot, "--all").ok().json();
            JsonNode firstPage = cli.run("--json", "batch", "packages", GTIN, lot, "--page-size", "2").ok().json();
            JsonNode history = cli.run("--json", "history", GTIN, lot).ok().json();
            JsonNode batchHistory = cli.run("--json", "batch", "history", GTIN, lot).ok().json();
            CliRun.Result human = cli.run("batch", "get", GTIN, lot).ok();
            JsonNode trace = cli.run("--json", "trace", GTIN, lot).ok().json();

            assertThat(registered.at("/batch/lot").asText()).isEqualTo(lot);
            assertThat(registered.at("/batch/declaredMassGrams").asLong()).isEqualTo(100_000);
            assertThat(fresh.get("status").asText()).isEqualTo("REGISTERED");
            assertThat(certified.get("status").asText()).isEqualTo("CERTIFIED");
            assertThat(certified.at("/latestInspection/grade").asText()).isEqualTo("FIRST");
            assertThat(packages.get("count").asInt()).isEqualTo(3);
            assertThat(packages.get("packages").findValuesAsText("serial")).containsExactlyInAnyOrderElementsOf(serials);
            assertThat(firstPage.get("packages")).hasSize(2);
            assertThat(firstPage.get("bookmark").asText()).isNotEmpty();
            assertThat(history.get("inspections")).hasSize(1);
            assertThat(history.get("packingRuns")).hasSize(1);
            assertThat(batchHistory).isEqualTo(history);
            assertThat(human.out()).contains("Batch " + GTIN + "/" + lot).contains("status PACKED")
                    .contains("origin: 河北省 唐山市 迁西县 (130227)").contains("declared 100 kg, packed 1.5 kg in 3 packages");
            assertThat(trace.at("/batch/status").asText()).isEqualTo("PACKED");
        }

        @Test
        void refusals_print_the_error_code_and_exit_with_its_family() {
            String lot = ledger.newLot();
            ledger.register(lot);

            CliRun.Result notFound = cli.run("batch", "get", GTIN, "NO-SUCH-LOT");
            CliRun.Result badGtin = cli.run("batch", "register", "06901234567890", lot + "X", "--product", "x",
                    "--county", "130227", "--township", "t", "--village", "v", "--harvest-date", "today", "--declared", "1kg");
            CliRun.Result wrongRole = cli.run("--as", Roster.BUYER, "batch", "register", GTIN, lot + "Y", "--product",
                    "x", "--county", "130227", "--township", "t", "--village", "v", "--harvest-date", "today",
                    "--declared", "1kg");
            CliRun.Result exists = cli.run("batch", "register", GTIN, lot, "--product", "x", "--county", "130227",
                    "--township", "t", "--village", "v", "--harvest-date", "today", "--declared", "1kg");
            CliRun.Result badMass = cli.run("batch", "register", GTIN, lot + "Z", "--product", "x", "--county", "130227",
                    "--township", "t", "--village", "v", "--harvest-date", "today", "--declared", "heavy");
            CliRun.Result notCertified = cli.run("pack", GTIN, lot, "--count", "1", "--serial-prefix", lot, "--nominal", "500g");
            CliRun.Result chinese = cli.run("--lang", "zh", "batch", "get", GTIN, "NO-SUCH-LOT");
            CliRun.Result unknownIdentity = cli.run("--as", "nobody@nowhere", "batch", "get", GTIN, lot);

            assertThat(notFound.exit()).isEqualTo(5);
            assertThat(notFound.err()).startsWith("error: BATCH_NOT_FOUND: ");
            assertThat(notFound.out()).isEmpty();
            assertThat(badGtin.exit()).isEqualTo(3);
            assertThat(badGtin.err()).startsWith("error: INVALID_GTIN: ");
            assertThat(wrongRole.exit()).isEqualTo(4);
            assertThat(wrongRole.err()).startsWith("error: ROLE_NOT_ALLOWED: ");
            assertThat(exists.exit()).isEqualTo(6);
            assertThat(exists.err()).startsWith("error: BATCH_EXISTS: ");
            assertThat(badMass.exit()).isEqualTo(3);
            assertThat(badMass.err()).startsWith("error: INVALID_MASS: ");
            assertThat(notCertified.exit()).isEqualTo(6);
            assertThat(notCertified.err()).startsWith("error: INSPECTION_REQUIRED: ");
            assertThat(chinese.err()).startsWith("error: BATCH_NOT_FOUND: ").contains("提示：找不到该 GTIN 与批号的批次");
            assertThat(unknownIdentity.exit()).isEqualTo(4);
            assertThat(unknownIdentity.err()).startsWith("error: IDENTITY_INVALID: ");
        }

        @Test
        void usage_errors_exit_2() {
            CliRun.Result unknownOption = cli.run("batch", "get", GTIN, "L", "--colour");
            CliRun.Result missingParameter = cli.run("batch", "get", GTIN);
            CliRun.Result noSubcommand = cli.run("batch");
            CliRun.Result badLanguage = cli.run("--lang", "fr", "batch", "get", GTIN, "L");
            CliRun.Result badEnum = cli.run("dispute", "open", GTIN, "L", "--type", "ROTTEN", "--description", "x");

            for (CliRun.Result result : List.of(unknownOption, missingParameter, noSubcommand, badLanguage, badEnum)) {
                assertThat(result.exit()).as(result.toString()).isEqualTo(2);
                assertThat(result.err()).as(result.toString()).startsWith("error: USAGE: ");
            }
        }
    }

    @Nested
    class Inspection {
        @Test
        void the_ledger_derives_the_grade_and_refuses_an_upgrade() {
            String lot = ledger.newLot();
            ledger.register(lot);

            CliRun.Result upgrade = cli.run("inspect", GTIN, lot, "--standard", "GB/T-22346", "--sample-size", "50",
                    "--sampled", "1kg", "--measure", "count_per_kg=92", "--measure", "defect_permille=28", "--grade", "SPECIAL");
            CliRun.Result missing = cli.run("inspect", GTIN, lot, "--standard", "GB/T-22346", "--sample-size", "50",
                    "--sampled", "1kg", "--measure", "count_per_kg=92");
            JsonNode second = cli.run("--json", "inspect", GTIN, lot, "--standard", "GB/T-22346", "--standard-version",
                    "2008", "--sample-size", "50", "--sampled", "1kg", "--measure", "count_per_kg=110", "--measure",
                    "defect_permille=50").ok().json();
            JsonNode standard = cli.run("--json", "standard", "get", "GB/T-22346").ok().json();

            assertThat(upgrade.exit()).isEqualTo(3);
            assertThat(upgrade.err()).startsWith("error: GRADE_UPGRADE_REFUSED: ");
            assertThat(missing.exit()).isEqualTo(3);
            assertThat(missing.err()).startsWith("error: MEASUREMENT_MISSING: ");
            assertThat(second.get("derivedGrade").asText()).isEqualTo("SECOND");
            assertThat(second.get("verdict").asText()).isEqualTo("PASS");
            assertThat(standard.at("/standard/grades").findValuesAsText("name"))
                    .containsExactly("SPECIAL", "FIRST", "SECOND", "OUT_OF_GRADE");
        }

        @Test
        void a_published_standard_version_never_changes() {
            Path file = files.resolve("standard-again.json");
            CliRun.Result again;
            try {
                Files.writeString(file, LedgerFixture.STANDARD_JSON);
                again = cli.run("standard", "publish", file.toString());
                Files.writeString(file, "{\"code\":\"X\"}");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            CliRun.Result invalid = cli.run("standard", "publish", file.toString());

            assertThat(again.exit()).isEqualTo(6);
            assertThat(again.err()).startsWith("error: STANDARD_EXISTS: ");
            assertThat(invalid.exit()).isEqualTo(3);
            assertThat(invalid.err()).startsWith("error: STANDARD_INVALID: ");
        }
    }

    @Nested
    class LabelsAndKeys {
        @Test
        void packs_prints_and_verifies_labels_online_offline_and_from_a_png() throws Exception {
            String lot = ledger.certified();
            Path pdf = files.resolve("labels-" + lot + ".pdf");
            Path pngs = files.resolve("png-" + lot);
            Path bundle = files.resolve("trust-" + lot + ".json");

            JsonNode packed = cli.run("--json", "pack", GTIN, lot, "--package", lot + "-A:500g", "--package",
                    lot + "-B:1kg:SECOND", "--labels", pdf.toString()).ok().json();
            JsonNode printed = cli.run("--json", "label", "print", GTIN, lot, "--png", pngs.toString()).ok().json();
            String uri = printed.get("labels").get(0).get("uri").asText();
            JsonNode online = cli.run("--json", "verify", uri).ok().json();
            JsonNode exported = cli.run("--json", "trust", "export", "--out", bundle.toString(), "--gtin-prefix",
                    "CoopMSP=6901234").ok().json();
            Path png = Path.of(printed.get("png").get(0).asText());
            JsonNode offline = cli.run("--json", "verify", png.toString(), "--trust", bundle.toString()).ok().json();
            String altered = uri.replace("g=FIRST", "g=SPECIAL").replace("g=SECOND", "g=SPECIAL");
            CliRun.Result forgedOffline = cli.run("--json", "verify", altered, "--trust", bundle.toString());
            CliRun.Result forgedOnline = cli.run("--json", "verify", altered);
            CliRun.Result garbage = cli.run("verify", "https://example.com/not-a-label");
            CliRun.Result human = cli.run("verify", uri).ok();

            assertThat(packed.at("/result/serials")).hasSize(2);
            assertThat(Files.readString(pdf, java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("%PDF-");
            assertThat(packed.get("labels").asText()).isEqualTo(pdf.toString());
            assertThat(printed.get("labels")).hasSize(2);
            assertThat(QrCodes.decode(Files.readAllBytes(png))).startsWith("https://id.fairmark.cn/01/" + GTIN + "/10/" + lot);
            assertThat(online.get("status").asText()).isEqualTo("GENUINE");
            assertThat(online.get("mode").asText()).isEqualTo("online");
            assertThat(online.at("/label/gtin").asText()).isEqualTo(GTIN);
            assertThat(exported.get("labelKeys").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(offline.get("status").asText()).isEqualTo("GENUINE");
            assertThat(offline.get("mode").asText()).isEqualTo("offline");
            assertThat(forgedOffline.exit()).isEqualTo(1);
            assertThat(forgedOffline.json().get("status").asText()).isEqualTo("FORGED");
            assertThat(forgedOffline.json().get("rejection").asText()).isEqualTo("BAD_SIGNATURE");
            assertThat(forgedOnline.exit()).isEqualTo(1);
            assertThat(forgedOnline.json().get("status").asText()).isEqualTo("FORGED");
            assertThat(garbage.exit()).isEqualTo(1);
            assertThat(garbage.out()).contains("UNKNOWN");
            assertThat(human.out()).startsWith("GENUINE").contains("/" + lot + "/");
        }

        @Test
        void packs_from_csv_and_json_files_and_prints_a_label_sheet() throws Exception {
            String lot = ledger.certified();
            Path csv = files.resolve("packages-" + lot + ".csv");
            Path json = files.resolve("packages-" + lot + ".json");
            Path sheet = files.resolve("sheet-" + lot + ".pdf");
            Files.writeString(csv, "serial,nominal,grade\n" + lot + "-C1,500g,FIRST\n" + lot + "-C2,1kg,\n");
            Files.writeString(json, "[{\"serial\":\"" + lot + "-J1\",\"nominalMassGrams\":250,\"grade\":\"SECOND\"}]");

            JsonNode fromCsv = cli.run("--json", "pack", GTIN, lot, "--file", csv.toString()).ok().json();
            JsonNode fromJson = cli.run("--json", "pack", GTIN, lot, "--file", json.toString()).ok().json();
            JsonNode printed = cli.run("--json", "label", "print", GTIN, lot, "--serial", lot + "-C1," + lot + "-J1",
                    "--pdf", sheet.toString()).ok().json();
            CliRun.Result badFile = cli.run("pack", GTIN, lot, "--file", files.resolve("missing.csv").toString());
            JsonNode packages = cli.run("--json", "batch", "packages", GTIN, lot, "--all").ok().json();

            assertThat(fromCsv.at("/result/serials")).hasSize(2);
            assertThat(fromCsv.at("/result/run/nominalTotalGrams").asLong()).isEqualTo(1_500);
            assertThat(fromJson.at("/result/run/grade").asText()).isEqualTo("SECOND");
            assertThat(printed.get("labels").findValuesAsText("serial")).containsExactly(lot + "-C1", lot + "-J1");
            assertThat(printed.get("pages").asInt()).isEqualTo(1);
            assertThat(Files.readString(sheet, java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("%PDF-");
            assertThat(badFile.exit()).isEqualTo(3);
            assertThat(badFile.err()).startsWith("error: INVALID_ARGUMENT: ").contains("does not exist");
            assertThat(packages.get("packages").findValuesAsText("grade")).containsExactlyInAnyOrder("FIRST", "FIRST",
                    "SECOND");
        }

        @Test
        void a_revoked_label_key_packs_no_more_and_keys_are_listed() {
            String lot = ledger.certified();
            String second = cli.run("--json", "label", "key", "register").ok().json().get("keyId").asText();
            JsonNode revoked = cli.run("--json", "label", "key", "revoke", second, "--reason", "station laptop lost").ok().json();
            CliRun.Result refused = cli.run("pack", GTIN, lot, "--label-key", second, "--count", "1", "--serial-prefix",
                    lot + "-R", "--nominal", "500g");
            JsonNode keys = cli.run("--json", "label", "key", "list").ok().json();
            CliRun.Result unknownKey = cli.run("pack", GTIN, lot, "--label-key", "00".repeat(16), "--count", "1",
                    "--serial-prefix", lot + "-U", "--nominal", "500g");

            assertThat(revoked.get("revoked").asBoolean()).isTrue();
            assertThat(refused.exit()).isEqualTo(6);
            assertThat(refused.err()).startsWith("error: LABEL_KEY_REVOKED: ");
            assertThat(keys.findValuesAsText("keyId")).contains(ledger.keyId, second);
            assertThat(keys.findValues("heldHere")).allMatch(JsonNode::asBoolean);
            assertThat(unknownKey.exit()).isEqualTo(5);
            assertThat(unknownKey.err()).startsWith("error: LABEL_KEY_NOT_FOUND: ");
        }

        @Test
        void label_print_refuses_a_revoked_key_and_a_recalled_batch_and_writes_nothing() throws Exception {
            String lot = ledger.certified();
            String doomed = cli.run("--json", "label", "key", "register").ok().json().get("keyId").asText();
            cli.run("pack", GTIN, lot, "--label-key", doomed, "--count", "1", "--serial-prefix", lot + "-K",
                    "--nominal", "500g").ok();
            cli.run("label", "key", "revoke", doomed, "--reason", "station laptop lost").ok();
            Path revokedPdf = files.resolve("revoked-" + lot + ".pdf");
            Path revokedPngs = files.resolve("revoked-png-" + lot);
            CliRun.Result revoked = cli.run("label", "print", GTIN, lot, "--pdf", revokedPdf.toString(), "--png",
                    revokedPngs.toString());

            String recalledLot = ledger.certified();
            ledger.packed(recalledLot, 2);
            cli.run("recall", GTIN, recalledLot, "--reason", "aflatoxin above limit").ok();
            Path recalledPdf = files.resolve("recalled-" + recalledLot + ".pdf");
            CliRun.Result recalled = cli.run("label", "print", GTIN, recalledLot, "--pdf", recalledPdf.toString());

            assertThat(revoked.exit()).as("%s", revoked).isEqualTo(6);
            assertThat(revoked.err()).startsWith("error: LABEL_KEY_REVOKED: ").contains(doomed).contains("station laptop lost");
            assertThat(revoked.out()).doesNotContain("https://");
            assertThat(revokedPdf).doesNotExist();
            assertThat(revokedPngs).doesNotExist();
            assertThat(recalled.exit()).as("%s", recalled).isEqualTo(6);
            assertThat(recalled.err()).startsWith("error: BATCH_RECALLED: ").contains(recalledLot);
            assertThat(recalled.out()).doesNotContain("https://");
            assertThat(recalledPdf).doesNotExist();
        }

        @Test
        void offline_verification_rejects_a_label_signed_with_another_orgs_registered_key() throws Exception {
            String lot = ledger.certified();
            ledger.packed(lot, 1);
            String uri = cli.run("--json", "label", "print", GTIN, lot).ok().json().get("labels").get(0).get("uri").asText();
            cli.run("identity", "create", "packer@carrier", "--org", "CarrierMSP", "--role", "packer").ok();
            JsonNode carrierKey = cli.run("--json", "--as", "packer@carrier", "label", "key", "register").ok().json();
            LabelSigner carrierSigner = LabelKeyStore.read(Path.of(carrierKey.get("privateKeyFile").asText()));
            org.fairmark.client.LabelClaim genuine = org.fairmark.client.SignedLabel.parse(uri).claim();
            String forged = carrierSigner.sign(new org.fairmark.client.LabelClaim(genuine.gtin(), genuine.lot(),
                    genuine.serial(), genuine.grade(), genuine.netMassGrams(), genuine.packingDate(),
                    genuine.countyCode(), carrierSigner.keyId()), "https://id.fairmark.cn").uri();
            Path bundle = files.resolve("bound-" + lot + ".json");
            CliRun.Result exported = cli.run("--json", "trust", "export", "--out", bundle.toString(), "--gtin-prefix",
                    "CoopMSP=6901234");
            CliRun.Result withoutPrefix = cli.run("trust", "export", "--out", files.resolve("x.json").toString());
            CliRun.Result badPrefix = cli.run("trust", "export", "--gtin-prefix", "CoopMSP=69x");

            CliRun.Result crossOrg = cli.run("--json", "verify", forged, "--trust", bundle.toString());
            CliRun.Result own = cli.run("--json", "verify", uri, "--trust", bundle.toString());
            CliRun.Result online = cli.run("--json", "verify", forged);

            assertThat(carrierKey.get("ownerOrg").asText()).isEqualTo("CarrierMSP");
            assertThat(exported.exit()).as("%s", exported).isZero();
            assertThat(exported.json().at("/gtinPrefixes/CoopMSP/0").asText()).isEqualTo("6901234");
            assertThat(exported.err()).contains("CarrierMSP hold label keys but no --gtin-prefix");
            assertThat(withoutPrefix.exit()).isEqualTo(2);
            assertThat(withoutPrefix.err()).contains("--gtin-prefix");
            assertThat(badPrefix.exit()).isEqualTo(3);
            assertThat(badPrefix.err()).startsWith("error: INVALID_ARGUMENT: --gtin-prefix CoopMSP=69x");
            assertThat(crossOrg.exit()).as("%s", crossOrg).isEqualTo(1);
            assertThat(crossOrg.json().get("status").asText()).isEqualTo("FORGED");
            assertThat(crossOrg.json().get("rejection").asText()).isEqualTo("KEY_NOT_BOUND_TO_GTIN");
            assertThat(crossOrg.json().get("detail").asText()).contains("CarrierMSP");
            assertThat(own.exit()).as("%s", own).isZero();
            assertThat(own.json().get("status").asText()).isEqualTo("GENUINE");
            assertThat(online.json().get("rejection").asText()).isEqualTo("KEY_MISMATCH");
        }

        @Test
        void a_refused_label_key_registration_leaves_no_private_key_behind() throws Exception {
            Path keys = dataDir.resolve(LabelKeyStore.DIRECTORY);
            List<Path> before;
            try (var listing = Files.list(keys)) {
                before = listing.sorted().toList();
            }
            CliRun.Result refused = cli.run("--as", Roster.PRODUCER, "label", "key", "register");
            List<Path> after;
            try (var listing = Files.list(keys)) {
                after = listing.sorted().toList();
            }
            JsonNode accepted = cli.run("--json", "label", "key", "register").ok().json();

            assertThat(refused.exit()).as("%s", refused).isEqualTo(4);
            assertThat(refused.err()).startsWith("error: ROLE_NOT_ALLOWED: ");
            assertThat(after).isEqualTo(before);
            assertThat(Path.of(accepted.get("privateKeyFile").asText())).exists()
                    .hasFileName(accepted.get("keyId").asText() + ".pem");
            try (var listing = Files.list(keys)) {
                assertThat(listing.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".pending"));
            }
        }
    }

    @Nested
    class Trade {
        @Test
        void a_lot_inspection_at_the_packing_station_blocks_shipping_until_a_re_inspection_passes() {
            String lot = ledger.certified();
            List<String> serials = ledger.packed(lot, 3);

            CliRun.Result tooFew = cli.run("lot", "inspect", GTIN, lot, "--nominal", "500g", "--tare", "INDIVIDUAL",
                    "--weigh", serials.get(0) + "=500.0");
            CliRun.Result failed = cli.run("lot", "inspect", GTIN, lot, "--nominal", "500g", "--tare", "INDIVIDUAL",
                    "--weigh", serials.get(0) + "=500.0", "--weigh", serials.get(1) + "=499.0g",
                    "--weigh", serials.get(2) + "=499.0").ok();
            CliRun.Result blocked = cli.run("ship", GTIN, lot, "--all", "--to", "CarrierMSP");
            cli.run("lot", "inspect", GTIN, lot, "--nominal", "500g", "--tare", "AVERAGE", "--average-tare", "12.5g",
                    "--weigh", serials.get(0) + "=501.0", "--weigh", serials.get(1) + "=500.0",
                    "--weigh", serials.get(2) + "=500.0", "--notes", "re-inspection after re-filling").ok();
            JsonNode shown = cli.run("--json", "lot", "show", GTIN, lot, "--nominal", "500g").ok().json();
            CliRun.Result shipped = cli.run("ship", GTIN, lot, "--all", "--to", "CarrierMSP");

            assertThat(tooFew.exit()).isEqualTo(3);
            assertThat(tooFew.err()).startsWith("error: INVALID_SAMPLE: ").contains("needs a sample of 3 (every package), got 1");
            assertThat(failed.out()).contains("FAIL").contains("mean 499.3 g is below Qn 500.0 g");
            assertThat(blocked.exit()).isEqualTo(6);
            assertThat(blocked.err()).startsWith("error: LOT_INSPECTION_FAILED: ");
            JsonNode list = shown.has("result") ? shown.get("result") : shown;
            assertThat(list).hasSize(2);
            assertThat(list.get(0).get("verdict").asText()).isEqualTo("PASS");
            assertThat(list.get(0).get("averageTareDecigrams").asLong()).isEqualTo(125);
            assertThat(list.get(1).get("verdict").asText()).isEqualTo("FAIL");
            assertThat(shipped.exit()).as(shipped.err()).isZero();
        }

        @Test
        void moves_custody_weighs_on_receipt_and_rules_a_short_weight_dispute() {
            String lot = ledger.certified();
            List<String> serials = ledger.packed(lot, 3);
            ledger.deliverToMarket(lot);

            CliRun.Result notHolder = cli.run("ship", GTIN, lot, "--all", "--to", "CarrierMSP");
            JsonNode receipt = cli.run("--json", "receive", GTIN, lot, "--scale", "scale-7", "--weigh",
                    serials.get(0) + "=505.0", "--weigh", serials.get(1) + "=503.2g", "--weigh", serials.get(2) + "=465").ok().json();
            String receiptId = receipt.get("receiptId").asText();
            JsonNode opened = cli.run("--json", "dispute", "open", GTIN, lot, "--type", "SHORT_WEIGHT", "--serial",
                    serials.get(2), "--receipt", receiptId, "--description", "465 g in a 500 g bag").ok().json();
            String disputeId = opened.get("disputeId").asText();
            CliRun.Result selfReview = cli.run("--as", Roster.PRODUCER, "dispute", "take", disputeId);
            JsonNode taken = cli.run("--json", "dispute", "take", disputeId).ok().json();
            JsonNode ruled = cli.run("--json", "dispute", "resolve", disputeId, "--outcome", "UPHELD", "--remedy",
                    "PARTIAL_REFUND", "--amount-fen", "600", "--reasons", "T2 short weight on the receipt").ok().json();
            CliRun.Result human = cli.run("dispute", "get", disputeId).ok();
            JsonNode trace = cli.run("--json", "trace", GTIN, lot, serials.get(2)).ok().json();
            JsonNode integrity = cli.run("--json", "integrity", "CoopMSP").ok().json();

            assertThat(notHolder.exit()).isEqualTo(4);
            assertThat(notHolder.err()).startsWith("error: NOT_HOLDER: ");
            assertThat(receipt.get("t2Count").asLong()).isEqualTo(1);
            assertThat(receipt.get("weighings").findValuesAsText("finding")).containsExactly("WITHIN_TOLERANCE",
                    "WITHIN_TOLERANCE", "T2");
            assertThat(opened.get("status").asText()).isEqualTo("OPEN");
            assertThat(selfReview.exit()).isEqualTo(4);
            assertThat(taken.get("status").asText()).isEqualTo("UNDER_REVIEW");
            assertThat(ruled.get("status").asText()).isEqualTo("RESOLVED");
            assertThat(ruled.at("/review/outcome").asText()).isEqualTo("UPHELD");
            assertThat(ruled.at("/review/amountFen").asLong()).isEqualTo(600);
            assertThat(human.out()).contains("ruling: UPHELD, remedy PARTIAL_REFUND 6.00 yuan");
            assertThat(trace.get("hops")).hasSize(2);
            assertThat(trace.at("/custody/holderOrg").asText()).isEqualTo("MarketMSP");
            assertThat(trace.get("weighings").findValuesAsText("finding")).containsExactly("T2");
            assertThat(trace.get("disputes").findValuesAsText("disputeId")).contains(disputeId);
            assertThat(integrity.get("t2Findings").asLong()).isGreaterThanOrEqualTo(1);
            assertThat(integrity.get("disputesUpheld").asLong()).isGreaterThanOrEqualTo(1);
        }

        @Test
        void a_claimant_withdraws_an_open_dispute_once() {
            String lot = ledger.certified();
            List<String> serials = ledger.packed(lot, 1);
            ledger.deliverToMarket(lot);
            cli.run("receive", GTIN, lot, "--scale", "scale-1", "--weigh", serials.get(0) + "=500.4").ok();
            String disputeId = cli.run("--json", "dispute", "open", GTIN, lot, "--type", "INFERIOR_QUALITY",
                    "--description", "mouldy nuts").ok().json().get("disputeId").asText();

            JsonNode withdrawn = cli.run("--json", "dispute", "withdraw", disputeId, "--reason", "wrong batch").ok().json();
            CliRun.Result again = cli.run("dispute", "withdraw", disputeId, "--reason", "again");
            CliRun.Result unknown = cli.run("dispute", "get", "D-" + "0".repeat(24));

            assertThat(withdrawn.get("status").asText()).isEqualTo("WITHDRAWN");
            assertThat(again.exit()).isEqualTo(6);
            assertThat(again.err()).startsWith("error: DISPUTE_STATE_INVALID: ");
            assertThat(unknown.exit()).isEqualTo(5);
            assertThat(unknown.err()).startsWith("error: DISPUTE_NOT_FOUND: ");
        }

        @Test
        void a_recalled_batch_stops_moving_and_its_labels_verify_as_recalled() {
            String lot = ledger.certified();
            ledger.packed(lot, 2);
            String uri = cli.run("--json", "label", "print", GTIN, lot).ok().json().get("labels").get(0).get("uri").asText();

            JsonNode recall = cli.run("--json", "recall", GTIN, lot, "--reason", "aflatoxin above limit").ok().json();
            CliRun.Result again = cli.run("recall", GTIN, lot, "--reason", "again");
            CliRun.Result ship = cli.run("ship", GTIN, lot, "--all", "--to", "CarrierMSP");
            CliRun.Result verify = cli.run("--json", "verify", uri);
            JsonNode batch = cli.run("--json", "batch", "get", GTIN, lot).ok().json();

            assertThat(recall.get("reason").asText()).isEqualTo("aflatoxin above limit");
            assertThat(again.exit()).isEqualTo(6);
            assertThat(again.err()).startsWith("error: ALREADY_RECALLED: ");
            assertThat(ship.exit()).isEqualTo(6);
            assertThat(ship.err()).startsWith("error: BATCH_RECALLED: ");
            assertThat(verify.exit()).isEqualTo(1);
            assertThat(verify.json().get("status").asText()).isEqualTo("RECALLED");
            assertThat(batch.get("status").asText()).isEqualTo("RECALLED");
        }

        @Test
        void scans_are_recorded_by_package_or_by_label() {
            String lot = ledger.certified();
            List<String> serials = ledger.packed(lot, 1);
            String uri = cli.run("--json", "label", "print", GTIN, lot).ok().json().get("labels").get(0).get("uri").asText();

            JsonNode first = cli.run("--json", "scan", GTIN, lot, serials.get(0), "--county", "110105").ok().json();
            JsonNode second = cli.run("--json", "scan", uri, "--lat", "39.9", "--lon", "116.4").ok().json();
            JsonNode recorded = cli.run("--json", "verify", uri, "--record", "--county", "110105").ok().json();
            CliRun.Result badCounty = cli.run("scan", GTIN, lot, serials.get(0), "--county", "110000");

            assertThat(first.get("scanCount").asLong()).isEqualTo(1);
            assertThat(first.get("cloneSuspected").asBoolean()).isFalse();
            assertThat(second.get("scanCount").asLong()).isEqualTo(2);
            assertThat(recorded.at("/scan/scanCount").asLong()).isEqualTo(3);
            assertThat(badCounty.exit()).isEqualTo(3);
            assertThat(badCounty.err()).startsWith("error: INVALID_COUNTY_CODE: ");
        }
    }

    @Nested
    class Events {
        @Test
        void replays_from_block_zero_and_resumes_after_a_checkpoint() {
            Path checkpoint = files.resolve("events.checkpoint");
            for (int i = 0; i < 3; i++) {
                ledger.register(ledger.newLot());
            }

            List<JsonNode> all = cli.run("--json", "events", "--from-block", "0", "--idle-timeout", "1").ok().jsonLines();
            List<JsonNode> firstTwo = cli.run("--json", "events", "--from-block", "0", "--checkpoint", checkpoint.toString(),
                    "--limit", "2", "--idle-timeout", "5").ok().jsonLines();
            List<JsonNode> nextTwo = cli.run("--json", "events", "--checkpoint", checkpoint.toString(), "--limit", "2",
                    "--idle-timeout", "5").ok().jsonLines();
            List<JsonNode> registrations = cli.run("--json", "events", "--from-block", "0", "--idle-timeout", "1", "--name",
                    "BatchRegistered").ok().jsonLines();
            CliRun.Result human = cli.run("events", "--from-block", "0", "--limit", "1", "--idle-timeout", "5").ok();

            List<String> names = new ArrayList<>();
            all.forEach(event -> names.add(event.get("name").asText()));
            assertThat(names).contains("StandardPublished", "LabelKeyRegistered", "BatchRegistered");
            assertThat(firstTwo).hasSize(2);
            assertThat(nextTwo).hasSize(2);
            assertThat(List.of(firstTwo.get(0), firstTwo.get(1), nextTwo.get(0), nextTwo.get(1)))
                    .isEqualTo(all.subList(0, 4));
            assertThat(registrations).isNotEmpty().allMatch(event -> event.get("name").asText().equals("BatchRegistered"));
            assertThat(registrations.get(0).at("/payload/gtin").asText()).isEqualTo(GTIN);
            assertThat(human.out()).contains("StandardPublished");
        }
    }
}
