package org.fairmark.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.BatchHistory;
import org.fairmark.domain.model.BatchStatus;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.PackResult;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.Verdict;
import org.junit.jupiter.api.Test;

/** A chestnut batch from harvest to packed packages, through the contract's public transactions. */
class BatchLifecycleTest {

    @Test
    void registered_batch_reads_back_with_status_REGISTERED_and_emits_an_event() {
        Chain chain = new Chain();
        Outcome registered = chain.submit(Parties.producer(), "batch:Register", Fixtures.batch());

        assertThat(registered.ok()).as(registered.toString()).isTrue();
        assertThat(registered.event().name()).isEqualTo("BatchRegistered");
        JsonNode event = CanonicalJson.tree(registered.event().payload());
        assertThat(event.get("gtin").asText()).isEqualTo(Fixtures.GTIN);
        assertThat(event.get("lot").asText()).isEqualTo(Fixtures.LOT);
        assertThat(event.get("producerOrg").asText()).isEqualTo(Parties.COOP);

        BatchView view = chain.evaluate(Parties.buyer(), "batch:Get", new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT))
                .as(BatchView.class);
        assertThat(view.status()).isEqualTo(BatchStatus.REGISTERED);
        assertThat(view.batch().declaredMassGrams()).isEqualTo(Fixtures.DECLARED_GRAMS);
        assertThat(view.batch().producerOrg()).isEqualTo(Parties.COOP);
        assertThat(view.batch().packerOrgs()).containsExactly(Parties.COOP);
        assertThat(view.remainingGrams()).isEqualTo(Fixtures.DECLARED_GRAMS - 10_000);
    }

    @Test
    void inspection_derives_the_grade_and_certifies_the_batch() {
        Scenario s = Scenario.registered();
        Outcome recorded = s.chain.submit(Parties.inspector(), "inspection:Record", Fixtures.inspection());

        Inspection inspection = s.expectOk(recorded).as(Inspection.class);
        assertThat(inspection.derivedGrade()).isEqualTo("FIRST");
        assertThat(inspection.grade()).isEqualTo("FIRST");
        assertThat(inspection.verdict()).isEqualTo(Verdict.PASS);
        assertThat(inspection.inspectorOrg()).isEqualTo(Parties.BUREAU);
        assertThat(inspection.validUntil()).isEqualTo("2027-01-06");
        assertThat(recorded.event().name()).isEqualTo("InspectionRecorded");

        BatchView view = s.chain.evaluate(Parties.buyer(), "batch:Get", new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT))
                .as(BatchView.class);
        assertThat(view.status()).isEqualTo(BatchStatus.CERTIFIED);
        assertThat(view.latestInspection().grade()).isEqualTo("FIRST");
    }

    @Test
    void packing_creates_packages_lists_them_by_page_and_records_history() {
        Scenario s = Scenario.certified();
        Outcome packed = s.chain.submit(Parties.packer(), "packaging:Pack",
                Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("CN", 25, 2_500, "FIRST")));

        PackResult result = s.expectOk(packed).as(PackResult.class);
        assertThat(result.run().packageCount()).isEqualTo(25);
        assertThat(result.run().nominalTotalGrams()).isEqualTo(62_500);
        assertThat(result.remainingGrams()).isEqualTo(Fixtures.DECLARED_GRAMS - 10_000 - 62_500);
        assertThat(packed.event().name()).isEqualTo("PackagesPacked");

        List<String> serials = new ArrayList<>();
        String bookmark = "";
        int pages = 0;
        do {
            JsonNode page = s.chain.evaluate(Parties.buyer(), "batch:ListPackages",
                    new Requests.BatchPage(Fixtures.GTIN, Fixtures.LOT, 10L, bookmark)).json();
            page.get("records").forEach(p -> serials.add(p.get("serial").asText()));
            bookmark = page.get("bookmark").asText();
            pages++;
        } while (!bookmark.isEmpty() && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(serials).hasSize(25).doesNotHaveDuplicates().isSorted();

        BatchView view = s.chain.evaluate(Parties.buyer(), "batch:Get", new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT))
                .as(BatchView.class);
        assertThat(view.status()).isEqualTo(BatchStatus.PACKED);
        assertThat(view.packageCount()).isEqualTo(25);

        BatchHistory history = s.chain.evaluate(Parties.buyer(), "batch:History",
                new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT)).as(BatchHistory.class);
        assertThat(history.batchVersions()).hasSize(1);
        assertThat(history.inspections()).hasSize(1);
        assertThat(history.packingRuns()).hasSize(1);

        JsonNode one = s.chain.evaluate(Parties.buyer(), "packaging:GetPackage",
                new PackagingContract.PackageRef(Fixtures.GTIN, Fixtures.LOT, "CN00007")).json();
        assertThat(one.get("labelKeyId").asText()).isEqualTo(s.labelKeyId);
        assertThat(one.get("grade").asText()).isEqualTo("FIRST");
    }

    @Test
    void reads_write_nothing() {
        Scenario s = Scenario.certified();
        Outcome read = s.chain.evaluate(Parties.buyer(), "batch:Get", new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT));
        assertThat(read.ok()).isTrue();
        assertThat(read.rwset().isReadOnly()).isTrue();
        assertThat(read.event()).isNull();
    }

    @Test
    void unknown_batch_is_BATCH_NOT_FOUND() {
        Chain chain = new Chain();
        Outcome read = chain.evaluate(Parties.buyer(), "batch:Get", new Requests.BatchRef(Fixtures.GTIN, "NOPE"));
        assertThat(read.code()).isEqualTo(ErrorCode.BATCH_NOT_FOUND);
    }
}
