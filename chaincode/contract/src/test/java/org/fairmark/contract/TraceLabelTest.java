package org.fairmark.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.LabelTrace;
import org.fairmark.domain.model.Requests;
import org.fairmark.domain.model.Trace;
import org.junit.jupiter.api.Test;

/** {@code trace:Label}: the label key and the package's trace in one read, as online verification uses them. */
class TraceLabelTest {
    static final String UNKNOWN_KEY = "0123456789abcdef0123456789abcdef";

    static Requests.LabelRef label(String serial, String keyId) {
        return new Requests.LabelRef(Fixtures.GTIN, Fixtures.LOT, serial, keyId);
    }

    static Outcome read(Outcome outcome) {
        assertThat(outcome.ok()).as(outcome.toString()).isTrue();
        return outcome;
    }

    @Test
    void a_known_key_and_package_give_the_key_and_the_same_trace_as_trace_package() {
        Scenario s = Scenario.certified().packed();
        LabelTrace found = read(s.chain.evaluate(Parties.buyer(), "trace:Label", label("T00001", s.labelKeyId)))
                .as(LabelTrace.class);
        Trace trace = read(s.chain.evaluate(Parties.buyer(), "trace:Package",
                new Requests.PackageRef(Fixtures.GTIN, Fixtures.LOT, "T00001"))).as(Trace.class);
        assertThat(found.key().keyId()).isEqualTo(s.labelKeyId);
        assertThat(found.key().revoked()).isNotEqualTo(Boolean.TRUE);
        assertThat(found.trace()).isEqualTo(trace);
        assertThat(found.trace().pkg().labelKeyId()).isEqualTo(s.labelKeyId);
    }

    @Test
    void the_trace_reads_inspections_runs_and_recall_once_and_still_shows_what_batch_get_shows() {
        Scenario s = Scenario.certified().packed();
        s.expectOk(s.chain.submit(Parties.packer(), "packaging:Pack",
                Fixtures.pack(Fixtures.LOT, s.labelKeyId, Fixtures.packages("U", 2, 1_000, null))));
        s.expectOk(s.chain.submit(Parties.producer(), "recall:Recall",
                new Requests.Recall(Fixtures.requestId(), Fixtures.GTIN, Fixtures.LOT, "mould")));
        Trace trace = read(s.chain.evaluate(Parties.buyer(), "trace:Label", label("U00001", s.labelKeyId)))
                .as(LabelTrace.class).trace();
        BatchView view = read(s.chain.evaluate(Parties.buyer(), "batch:Get",
                new Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT))).as(BatchView.class);
        assertThat(trace.batch()).isEqualTo(view);
        assertThat(view.packageCount()).isEqualTo(6L);
        assertThat(trace.packingRuns()).singleElement()
                .satisfies(run -> assertThat(run.packingId()).isEqualTo(trace.pkg().packingId()));
        assertThat(trace.inspections()).hasSize(1).last().isEqualTo(view.latestInspection());
        assertThat(trace.recall()).isNotNull();
        assertThat(trace.recall().reason()).isEqualTo("mould");
    }

    @Test
    void an_unknown_key_gives_neither_key_nor_trace() {
        Scenario s = Scenario.certified().packed();
        LabelTrace found = read(s.chain.evaluate(Parties.buyer(), "trace:Label", label("T00001", UNKNOWN_KEY)))
                .as(LabelTrace.class);
        assertThat(found.key()).isNull();
        assertThat(found.trace()).isNull();
    }

    @Test
    void a_revoked_key_gives_the_key_with_its_revocation_and_no_trace() {
        Scenario s = Scenario.certified().packed();
        s.expectOk(s.chain.submit(Parties.packer(), "labelkey:Revoke",
                new Requests.RevokeLabelKey(Fixtures.requestId(), s.labelKeyId, "stolen")));
        LabelTrace found = read(s.chain.evaluate(Parties.buyer(), "trace:Label", label("T00001", s.labelKeyId)))
                .as(LabelTrace.class);
        assertThat(found.key().revoked()).isTrue();
        assertThat(found.key().revocationReason()).isEqualTo("stolen");
        assertThat(found.trace()).isNull();
    }

    @Test
    void an_unknown_package_or_batch_gives_the_key_and_no_trace() {
        Scenario s = Scenario.certified().packed();
        LabelTrace noPackage = read(s.chain.evaluate(Parties.buyer(), "trace:Label", label("T09999", s.labelKeyId)))
                .as(LabelTrace.class);
        assertThat(noPackage.key().keyId()).isEqualTo(s.labelKeyId);
        assertThat(noPackage.trace()).isNull();
        LabelTrace noBatch = read(s.chain.evaluate(Parties.buyer(), "trace:Label",
                new Requests.LabelRef(Fixtures.GTIN, "NO-SUCH-LOT", "T00001", s.labelKeyId))).as(LabelTrace.class);
        assertThat(noBatch.key().keyId()).isEqualTo(s.labelKeyId);
        assertThat(noBatch.trace()).isNull();
    }

    @Test
    void a_malformed_key_id_or_package_is_a_coded_error() {
        Scenario s = Scenario.certified().packed();
        Outcome badKey = s.chain.evaluate(Parties.buyer(), "trace:Label", label("T00001", "NOT-HEX"));
        assertThat(badKey.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        Outcome badGtin = s.chain.evaluate(Parties.buyer(), "trace:Label",
                new Requests.LabelRef("12345", Fixtures.LOT, "T00001", s.labelKeyId));
        assertThat(badGtin.code()).isEqualTo(ErrorCode.INVALID_GTIN);
    }
}
