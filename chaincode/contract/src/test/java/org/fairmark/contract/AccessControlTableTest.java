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
import org.fairmark.domain.model.DisputeOutcome;
import org.fairmark.domain.model.Remedy;
import org.fairmark.domain.model.Requests;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
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
            if (line.startsWith("## ") && !rows.isEmpty()) {
                break; // the role table ends; the administrators' table is read by administrators_table
            }
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

    /** Every contract class the chaincode routes to; a new one must be added here and to the table. */
    static final List<Class<?>> CONTRACTS = List.of(BatchContract.class, StandardContract.class, InspectionContract.class,
            PackagingContract.class, LabelKeyContract.class, CustodyContract.class, ReceiptContract.class,
            DisputeContract.class, RecallContract.class, ScanContract.class, IntegrityContract.class, TraceContract.class,
            LotInspectionContract.class, ProfileContract.class);

    /** {@code batch:Register} → its declared intent, for every {@code @Transaction} of every contract. */
    static Map<String, Transaction.TYPE> declaredTransactions() {
        Map<String, Transaction.TYPE> transactions = new TreeMap<>();
        for (Class<?> type : CONTRACTS) {
            String name = type.getAnnotation(Contract.class).name();
            for (Method method : type.getMethods()) {
                Transaction transaction = method.getAnnotation(Transaction.class);
                if (transaction != null) {
                    transactions.put(name + ":" + method.getName(), transaction.intent());
                }
            }
        }
        return transactions;
    }

    @Test
    void every_declared_transaction_has_a_row_and_every_row_a_transaction() throws IOException {
        Map<String, Transaction.TYPE> declared = declaredTransactions();
        List<String> documented = rows().stream().map(Row::transaction).distinct().toList();
        assertThat(documented).as("rows of docs/access-control.md").containsExactlyInAnyOrderElementsOf(declared.keySet());
    }

    @Test
    void the_contract_list_holds_every_contract_class_of_the_package() throws Exception {
        Path classes = Path.of("target", "classes", "org", "fairmark", "contract");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String simple = file.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName("org.fairmark.contract." + simple);
                if (type.isAnnotationPresent(Contract.class)) {
                    found.add(type.getName());
                }
            }
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(CONTRACTS.stream().map(Class::getName).toList());
    }

    @TestFactory
    Stream<DynamicTest> every_cell_of_the_documented_table() throws IOException {
        List<Row> rows = rows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(44);
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

    /** The rows of the administrators' table: transaction, org, the cell for an {@code OU=admin} identity. */
    static List<Row> adminRows() throws IOException {
        List<Row> rows = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(TABLE)) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Organization administrators");
            } else if (inSection && line.startsWith("| `")) {
                String[] parts = line.split("\\|");
                rows.add(new Row(parts[1].trim().replace("`", ""), parts[2].trim(), List.of(parts[3].trim())));
            }
        }
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> administrators_table() throws IOException {
        List<Row> rows = adminRows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(2);
        return rows.stream().map(row -> DynamicTest.dynamicTest(row.transaction() + " as admin → " + row.cells().get(0), () -> {
            Scenario s = Scenario.certified();
            Cell cell = prepare(row.transaction(), row.org(), null, s);
            Outcome outcome = row.transaction().endsWith(":Set")
                    ? s.chain.submit(Parties.admin(cell.org()), row.transaction(), cell.request())
                    : s.chain.evaluate(Parties.admin(cell.org()), row.transaction(), cell.request());
            if (row.cells().get(0).equals("ALLOW")) {
                assertThat(outcome.ok()).as(outcome.toString()).isTrue();
            } else {
                assertThat(outcome.code()).as(outcome.toString()).isEqualTo(ErrorCode.valueOf(row.cells().get(0)));
            }
        }));
    }

    static void runCell(Row row, String roleName, String expected) {
        Role role = roleName.equals("none") ? null : Role.valueOf(roleName.toUpperCase());
        Scenario s = Scenario.certified();
        Cell cell = prepare(row.transaction(), row.org(), role, s);
        Identity who = Parties.of(cell.org(), role);
        Transaction.TYPE intent = declaredTransactions().get(row.transaction());
        assertThat(intent).as("a @Transaction named " + row.transaction()).isNotNull();
        Outcome outcome = intent == Transaction.TYPE.EVALUATE
                ? s.chain.evaluate(who, row.transaction(), cell.request())
                : s.chain.submit(who, row.transaction(), cell.request());
        if (expected.equals("ALLOW")) {
            assertThat(outcome.ok()).as(outcome.toString()).isTrue();
        } else {
            assertThat(outcome.code()).as(outcome.toString()).isEqualTo(ErrorCode.valueOf(expected));
            assertThat(outcome.committed()).isFalse();
        }
    }

    /** The submitter's org and the request for one cell; the scenario is brought to the state the cell needs. */
    record Cell(String org, Object request) {}

    /** The org a role naturally belongs to in the tests: where its "same" relation holds when nothing else says. */
    static String home(Role role) {
        if (role == null) {
            return Parties.COOP;
        }
        return switch (role) {
            case INSPECTOR -> Parties.BUREAU;
            case CARRIER -> Parties.CARRIER;
            case BUYER -> Parties.MARKET;
            default -> Parties.COOP;
        };
    }

    private static Cell prepare(String transaction, String relation, Role role, Scenario s) {
        boolean same = relation.equals("same");
        Requests.BatchRef batch = new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT);
        Requests.PackageRef first = new Requests.PackageRef(Fixtures.GTIN, Fixtures.LOT, "T00001");
        return switch (transaction) {
            case "batch:Register" -> new Cell(home(role), Fixtures.batch("NEW-LOT", Parties.QIANXI, 1000));
            case "batch:Get", "batch:History", "inspection:List", "trace:Batch" -> new Cell(home(role), batch);
            case "batch:ListPackages" -> new Cell(home(role), new Requests.BatchPage(Fixtures.GTIN, Fixtures.LOT, 10L, null));
            case "standard:Publish" -> new Cell(home(role),
                    new Requests.PublishStandard(Fixtures.requestId(), Fixtures.chestnutStandard("2030")));
            case "standard:Get" -> new Cell(home(role), new Requests.StandardRef(Fixtures.STANDARD_CODE, Fixtures.STANDARD_VERSION));
            case "inspection:Record" -> new Cell(same ? Parties.COOP : Parties.BUREAU, Fixtures.inspection());
            case "lot:Inspect" -> {
                s.packed();
                List<Requests.LotSample> sample = List.of(new Requests.LotSample("T00001", null, 25_000L),
                        new Requests.LotSample("T00002", null, 25_000L), new Requests.LotSample("T00003", null, 25_000L),
                        new Requests.LotSample("T00004", null, 25_000L));
                yield new Cell(same ? Parties.COOP : Parties.BUREAU, new Requests.InspectLot(Fixtures.requestId(),
                        Fixtures.GTIN, Fixtures.LOT, 2_500L, "INDIVIDUAL", null, sample, null));
            }
            case "lot:Get" -> new Cell(home(role), new Requests.LotRef(Fixtures.GTIN, Fixtures.LOT, 2_500L));
            case "packaging:Pack" -> new Cell(same ? Parties.COOP : Parties.COOP2,
                    Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("AC", 2, 1000, null)));
            case "packaging:GetPackage", "custody:Get", "trace:Package" -> {
                s.packed();
                yield new Cell(home(role), first);
            }
            case "labelkey:Register" -> new Cell(home(role), Fixtures.labelKey(Fixtures.labelKeyPair()));
            case "labelkey:Revoke" -> new Cell(same ? Parties.COOP : Parties.COOP2,
                    new Requests.RevokeLabelKey(Fixtures.requestId(), s.labelKeyId, "rotated"));
            case "trace:Label" -> {
                s.packed();
                yield new Cell(home(role), new Requests.LabelRef(Fixtures.GTIN, Fixtures.LOT, "T00001", s.labelKeyId));
            }
            case "labelkey:Get" -> new Cell(home(role), new Requests.LabelKeyRef(s.labelKeyId));
            case "labelkey:List" -> new Cell(home(role), new LabelKeyContract.KeyPage(10L, null));
            case "custody:HandOver" -> {
                s.packed();
                String org = same ? home(role) : Parties.COOP2;
                if (same && !org.equals(Parties.COOP)) {
                    s.moveTo(org, first);
                }
                String to = org.equals(Parties.MARKET) ? Parties.CARRIER : Parties.MARKET;
                yield new Cell(org, new Requests.HandOver(Fixtures.requestId(), List.of(first), to, null));
            }
            case "custody:Accept" -> {
                s.packed();
                String org = same ? (home(role).equals(Parties.COOP) ? Parties.COOP2 : home(role)) : Parties.COOP2;
                s.handOver(same ? org : Parties.MARKET, first);
                yield new Cell(org, new Requests.Accept(Fixtures.requestId(), List.of(first)));
            }
            case "receipt:Record" -> {
                s.packed();
                if (same) {
                    s.moveTo(Parties.MARKET, first);
                }
                yield new Cell(Parties.MARKET, s.weighing(first, 25_000));
            }
            case "receipt:Get" -> {
                s.packed();
                s.moveTo(Parties.MARKET, first);
                String receiptId = s.receive(first, 25_000);
                yield new Cell(home(role), new Requests.ReceiptRef(receiptId));
            }
            case "dispute:Open" -> {
                s.packed();
                if (same) {
                    s.moveTo(Parties.MARKET, first);
                }
                yield new Cell(Parties.MARKET, s.qualityClaim(List.of("T00001")));
            }
            case "dispute:Take" -> {
                String disputeId = s.openedDispute();
                yield new Cell(same ? Parties.MARKET : Parties.BUREAU,
                        new Requests.TakeDispute(Fixtures.requestId(), disputeId));
            }
            case "dispute:Resolve" -> {
                String disputeId = s.takenDispute();
                yield new Cell(same ? Parties.BUREAU : Parties.CARRIER, new Requests.ResolveDispute(Fixtures.requestId(),
                        disputeId, DisputeOutcome.REJECTED, Remedy.NONE, null, "no evidence of a defect", null, null));
            }
            case "dispute:Withdraw" -> {
                String disputeId = s.openedDispute();
                yield new Cell(same ? Parties.MARKET : Parties.COOP2,
                        new Requests.WithdrawDispute(Fixtures.requestId(), disputeId, "settled privately"));
            }
            case "dispute:Get" -> new Cell(home(role), new Requests.DisputeRef(s.openedDispute()));
            case "recall:Recall" -> new Cell(same ? Parties.COOP : (role == Role.INSPECTOR ? Parties.BUREAU : Parties.COOP2),
                    new Requests.Recall(Fixtures.requestId(), Fixtures.GTIN, Fixtures.LOT, "aflatoxin above limit"));
            case "recall:Get" -> {
                s.expectOk(s.chain.submit(Parties.producer(), "recall:Recall",
                        new Requests.Recall(Fixtures.requestId(), Fixtures.GTIN, Fixtures.LOT, "mould")));
                yield new Cell(home(role), batch);
            }
            case "scan:Record" -> {
                s.packed();
                yield new Cell(home(role), new Requests.RecordScan(Fixtures.requestId(), Fixtures.GTIN, Fixtures.LOT,
                        "T00001", Parties.QIANXI, null));
            }
            case "scan:SetPolicy" -> new Cell(home(role), new Requests.SetScanPolicy(Fixtures.requestId(), 10L, 500L));
            case "scan:GetPolicy" -> new Cell(home(role), new Requests.NoArguments());
            case "integrity:Get", "integrity:History" -> new Cell(home(role), new Requests.IntegrityRef(Parties.COOP, null));
            case "profile:Set" -> new Cell(home(role), ProfileContractTest.coop(ProfileContractTest.validCode()));
            case "profile:Get" -> {
                s.expectOk(s.chain.submit(Parties.admin(Parties.COOP), "profile:Set",
                        ProfileContractTest.coop(ProfileContractTest.validCode())));
                yield new Cell(home(role), new org.fairmark.domain.model.ProfileRequests.OrgRef(Parties.COOP));
            }
            case "profile:List" -> new Cell(home(role), new org.fairmark.domain.model.ProfileRequests.ProfilePage(10L, null));
            case "profile:Overview" -> new Cell(home(role), new org.fairmark.domain.model.ProfileRequests.OverviewRef(Parties.COOP, 5L));
            default -> throw new AssertionError("the table names a transaction the test does not know: " + transaction);
        };
    }
}
