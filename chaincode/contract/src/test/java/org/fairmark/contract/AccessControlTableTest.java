package org.fairmark.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.fairmark.devca.Identity;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.Requests;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Submits every cell of the access table in {@code docs/access-control.md}: transaction × role × same/other org. The
 * documentation is the test's input, so the two cannot drift apart.
 */
class AccessControlTableTest {
    static final Path TABLE = Path.of("..", "..", "docs", "access-control.md");
    static final List<String> ROLE_COLUMNS = List.of("producer", "packer", "inspector", "carrier", "buyer", "auditor", "none");

    record Row(String transaction, String org, List<String> cells) {}

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(TABLE)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] parts = line.split("\\|");
            List<String> cells = new ArrayList<>();
            for (int i = 3; i < parts.length; i++) {
                cells.add(parts[i].trim());
            }
            rows.add(new Row(parts[1].trim().replace("`", ""), parts[2].trim(), cells));
        }
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> every_cell_of_the_documented_table() throws IOException {
        List<Row> rows = rows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(17);
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : rows) {
            assertThat(row.cells()).as(row.transaction()).hasSize(ROLE_COLUMNS.size());
            for (int i = 0; i < ROLE_COLUMNS.size(); i++) {
                String roleName = ROLE_COLUMNS.get(i);
                String expected = row.cells().get(i);
                tests.add(DynamicTest.dynamicTest(row.transaction() + " " + row.org() + " org as " + roleName + " → " + expected,
                        () -> runCell(row, roleName, expected)));
            }
        }
        assertThat(tests).hasSize(rows.size() * ROLE_COLUMNS.size());
        return tests.stream();
    }

    private static void runCell(Row row, String roleName, String expected) {
        Role role = roleName.equals("none") ? null : Role.valueOf(roleName.toUpperCase());
        Scenario s = Scenario.certified();
        // the org relation is to the record's owner: producer org for batches, owner org for label keys
        String org = switch (row.org()) {
            case "same" -> Parties.COOP;
            case "other" -> role == Role.INSPECTOR ? Parties.BUREAU : Parties.COOP2;
            default -> role == Role.INSPECTOR ? Parties.BUREAU : Parties.COOP;
        };
        Identity who = Parties.of(org, role);
        Object request = request(row.transaction(), s);
        Outcome outcome = row.transaction().matches(".*:(Get|List|ListPackages|History|GetPackage)$")
                ? s.chain.evaluate(who, row.transaction(), request)
                : s.chain.submit(who, row.transaction(), request);
        if (expected.equals("ALLOW")) {
            assertThat(outcome.ok()).as(outcome.toString()).isTrue();
        } else {
            assertThat(outcome.code()).as(outcome.toString()).isEqualTo(ErrorCode.valueOf(expected));
            assertThat(outcome.committed()).isFalse();
        }
    }

    private static Object request(String transaction, Scenario s) {
        Requests.BatchRef batch = new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT);
        return switch (transaction) {
            case "batch:Register" -> Fixtures.batch("NEW-LOT", Parties.QIANXI, 1000);
            case "batch:Get", "batch:History", "inspection:List" -> batch;
            case "batch:ListPackages" -> new Requests.BatchPage(Fixtures.GTIN, Fixtures.LOT, 10L, null);
            case "standard:Publish" -> new Requests.PublishStandard(Fixtures.requestId(), Fixtures.chestnutStandard("2030"));
            case "standard:Get" -> new Requests.StandardRef(Fixtures.STANDARD_CODE, Fixtures.STANDARD_VERSION);
            case "inspection:Record" -> Fixtures.inspection();
            case "packaging:Pack" -> Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("AC", 2, 1000, null));
            case "packaging:GetPackage" -> {
                s.expectOk(s.chain.submit(Parties.packer(), "packaging:Pack",
                        Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("GP", 1, 1000, null))));
                yield new PackagingContract.PackageRef(Fixtures.GTIN, Fixtures.LOT, "GP00001");
            }
            case "labelkey:Register" -> Fixtures.labelKey(Fixtures.labelKeyPair());
            case "labelkey:Revoke" -> new Requests.RevokeLabelKey(Fixtures.requestId(), s.labelKeyId, "rotated");
            case "labelkey:Get" -> new Requests.LabelKeyRef(s.labelKeyId);
            case "labelkey:List" -> new LabelKeyContract.KeyPage(10L, null);
            default -> throw new AssertionError("the table names a transaction the test does not know: " + transaction);
        };
    }
}
