package org.fairmark.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.ShortWeight;
import org.fairmark.domain.model.IntegrityRecord;
import org.fairmark.domain.model.LotInspection;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.Verdict;
import org.junit.jupiter.api.Test;

/** Lot inspections of prepackages through the contract: plan, verdict, hand-over block, re-inspection, integrity. */
class LotInspectionTest {
    /** Certified, with twelve 500 g packages L00001..L00012 (the lot) and four 2.5 kg packages T00001..T00004. */
    private static Scenario lotOfTwelve() {
        Scenario s = Scenario.certified().packed();
        List<Requests.PackageSpec> specs = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            specs.add(new Requests.PackageSpec(String.format("L%05d", i), i == 1 ? "106141411234567897" : null, 500L, null));
        }
        s.expectOk(s.chain.submit(Parties.packer(), "packaging:Pack", Fixtures.pack(Fixtures.LOT, s.labelKeyId, specs)));
        return s;
    }

    private static Requests.InspectLot inspect(long... netDecigrams) {
        List<Requests.LotSample> sample = new ArrayList<>();
        for (int i = 0; i < netDecigrams.length; i++) {
            sample.add(new Requests.LotSample(String.format("L%05d", i + 1), null, netDecigrams[i]));
        }
        return new Requests.InspectLot(Fixtures.requestId(), Fixtures.GTIN, Fixtures.LOT, 500L, "INDIVIDUAL", null,
                sample, "reference test at the packing line");
    }

    private static Requests.HandOver handOver(String serial) {
        return new Requests.HandOver(Fixtures.requestId(),
                List.of(new Requests.PackageRef(Fixtures.GTIN, Fixtures.LOT, serial)), Parties.CARRIER, null);
    }

    private static final long[] GOOD = {5010, 5020, 5000, 5030, 5010, 5000, 5040, 5010, 5020, 5005};
    private static final long[] ONE_T1 = {4849, 5020, 5000, 5030, 5010, 5000, 5040, 5010, 5020, 5005};

    @Test
    void the_contract_counts_the_lot_and_derives_a_passing_verdict() {
        Scenario s = lotOfTwelve();
        LotInspection inspection = s.expectOk(s.chain.submit(Parties.inspector(), "lot:Inspect", inspect(GOOD)))
                .as(LotInspection.class);
        assertThat(inspection.lotSize()).isEqualTo(12);
        assertThat(inspection.sampleSize()).isEqualTo(10);
        assertThat(inspection.lambdaThousandths()).isEqualTo(1028);
        assertThat(inspection.allowedT1()).isZero();
        assertThat(inspection.verdict()).isEqualTo(Verdict.PASS);
        assertThat(inspection.stationOrg()).isEqualTo(Parties.COOP);
        assertThat(inspection.inspectorOrg()).isEqualTo(Parties.BUREAU);
        assertThat(inspection.sample()).hasSize(10).first().satisfies(p -> {
            assertThat(p.sscc()).isEqualTo("106141411234567897");
            assertThat(p.finding()).isEqualTo(ShortWeight.Finding.WITHIN_TOLERANCE);
        });
        List<LotInspection> listed = List.of(s.chain.evaluate(Parties.buyer(), "lot:Get",
                new Requests.LotRef(Fixtures.GTIN, Fixtures.LOT, 500L)).as(LotInspection[].class));
        assertThat(listed).extracting(LotInspection::inspectionId).containsExactly(inspection.inspectionId());
        s.expectOk(s.chain.submit(Parties.packer(), "custody:HandOver", handOver("L00002")));
    }

    @Test
    void a_failing_lot_cannot_be_handed_over_until_a_re_inspection_passes() {
        Scenario s = lotOfTwelve();
        LotInspection failed = s.expectOk(s.chain.submit(Parties.inspector(), "lot:Inspect", inspect(ONE_T1)))
                .as(LotInspection.class);
        assertThat(failed.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(failed.t1Count()).isEqualTo(1);
        assertThat(failed.reasons()).containsExactly("1 package(s) short by more than T; 0 allowed");

        Outcome refused = s.chain.submit(Parties.packer(), "custody:HandOver", handOver("L00012"));
        assertThat(refused.code()).isEqualTo(ErrorCode.LOT_INSPECTION_FAILED);
        assertThat(refused.message()).contains("failed lot inspection " + failed.inspectionId());
        // another lot of the batch (2.5 kg packages) still moves
        s.expectOk(s.chain.submit(Parties.packer(), "custody:HandOver", handOver("T00001")));

        IntegrityRecord afterFail = s.chain.evaluate(Parties.buyer(), "integrity:Get",
                new Requests.IntegrityRef(Parties.COOP, null)).as(IntegrityRecord.class);
        assertThat(afterFail.lotInspectionsFailed()).isEqualTo(1);
        assertThat(afterFail.rating()).isEqualTo("C");

        // the packer re-works the lot; the re-inspection passes and lifts the block
        s.expectOk(s.chain.submit(Parties.inspector(), "lot:Inspect", inspect(GOOD)));
        s.expectOk(s.chain.submit(Parties.packer(), "custody:HandOver", handOver("L00012")));
        IntegrityRecord afterPass = s.chain.evaluate(Parties.buyer(), "integrity:Get",
                new Requests.IntegrityRef(Parties.COOP, null)).as(IntegrityRecord.class);
        assertThat(afterPass.lotInspectionsPassed()).isEqualTo(1);
        assertThat(afterPass.lotInspectionsFailed()).isEqualTo(1);
        assertThat(afterPass.rating()).isEqualTo("B");
    }

    @Test
    void a_sample_of_the_wrong_size_is_refused_and_writes_nothing() {
        Scenario s = lotOfTwelve();
        Outcome refused = s.chain.submit(Parties.inspector(), "lot:Inspect", inspect(5000, 5000, 5000));
        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_SAMPLE);
        assertThat(refused.message()).contains("a lot of 12 packages needs a sample of 10, got 3");
        assertThat(s.chain.evaluate(Parties.buyer(), "lot:Get", new Requests.LotRef(Fixtures.GTIN, Fixtures.LOT, 500L))
                .as(LotInspection[].class)).isEmpty();
    }

    @Test
    void samples_name_packages_of_the_lot_by_serial_or_sscc_once_each() {
        Scenario s = lotOfTwelve();
        List<Requests.LotSample> sample = new ArrayList<>(inspect(GOOD).sample());
        sample.set(0, new Requests.LotSample(null, "106141411234567897", 5010L));
        Outcome bySscc = s.chain.submit(Parties.inspector(), "lot:Inspect", new Requests.InspectLot(Fixtures.requestId(),
                Fixtures.GTIN, Fixtures.LOT, 500L, "AVERAGE", 120L, sample, null));
        assertThat(bySscc.as(LotInspection.class).sample().get(0).serial()).isEqualTo("L00001");
        assertThat(bySscc.as(LotInspection.class).averageTareDecigrams()).isEqualTo(120);

        sample.set(1, new Requests.LotSample("T00001", null, 5010L));
        Outcome otherLot = s.chain.submit(Parties.inspector(), "lot:Inspect", new Requests.InspectLot(Fixtures.requestId(),
                Fixtures.GTIN, Fixtures.LOT, 500L, "INDIVIDUAL", null, sample, null));
        assertThat(otherLot.code()).isEqualTo(ErrorCode.INVALID_SAMPLE);
        assertThat(otherLot.message()).contains("T00001 is not a 500 g package");

        sample.set(1, new Requests.LotSample("L00001", null, 5010L));
        Outcome twice = s.chain.submit(Parties.inspector(), "lot:Inspect", new Requests.InspectLot(Fixtures.requestId(),
                Fixtures.GTIN, Fixtures.LOT, 500L, "INDIVIDUAL", null, sample, null));
        assertThat(twice.code()).isEqualTo(ErrorCode.INVALID_SAMPLE);
        assertThat(twice.message()).contains("sampled twice");
    }

    @Test
    void a_lot_is_sampled_at_the_packing_station() {
        Scenario s = lotOfTwelve();
        s.moveTo(Parties.CARRIER, new Requests.PackageRef(Fixtures.GTIN, Fixtures.LOT, "L00003"));
        Outcome refused = s.chain.submit(Parties.inspector(), "lot:Inspect", inspect(GOOD));
        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_SAMPLE);
        assertThat(refused.message()).contains("L00003 is not at a packing station of the batch");
    }

    @Test
    void the_tare_method_is_required_and_checked() {
        Scenario s = lotOfTwelve();
        Requests.InspectLot good = inspect(GOOD);
        Outcome noMethod = s.chain.submit(Parties.inspector(), "lot:Inspect", new Requests.InspectLot(Fixtures.requestId(),
                Fixtures.GTIN, Fixtures.LOT, 500L, null, null, good.sample(), null));
        assertThat(noMethod.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        Outcome averageWithoutTare = s.chain.submit(Parties.inspector(), "lot:Inspect", new Requests.InspectLot(
                Fixtures.requestId(), Fixtures.GTIN, Fixtures.LOT, 500L, "AVERAGE", null, good.sample(), null));
        assertThat(averageWithoutTare.code()).isEqualTo(ErrorCode.INVALID_MASS);
    }
}
