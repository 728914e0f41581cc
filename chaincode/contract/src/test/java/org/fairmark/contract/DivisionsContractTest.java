package org.fairmark.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.model.BatchView;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.Verdict;
import org.fairmark.simulator.ReadWriteSet;
import org.fairmark.simulator.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Origins are checked against the shipped GB/T 2260 table by the contract; retired codes stay readable. */
class DivisionsContractTest {
    @ParameterizedTest
    @ValueSource(strings = {"441900", "442000", "460400", "620200"})
    void a_prefecture_level_city_without_counties_is_an_origin(String code) {
        Scenario s = Scenario.registered();
        Outcome registered = s.expectOk(s.chain.submit(Parties.producer(), "batch:Register",
                Fixtures.batch("CITY-" + code, code, 10_000)));
        assertThat(registered.as(BatchView.class).batch().origin().countyCode()).isEqualTo(code);
    }

    @Test
    void a_code_not_in_the_table_is_refused() {
        Scenario s = Scenario.registered();
        Outcome refused = s.chain.submit(Parties.producer(), "batch:Register", Fixtures.batch("NOPE", "130299", 10_000));
        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_COUNTY_CODE);
        assertThat(refused.message()).contains("130299 is not a GB/T 2260 code (table 2024)");
        assertThat(refused.committed()).isFalse();
    }

    @Test
    void a_new_batch_with_a_retired_code_is_told_the_successor() {
        Scenario s = Scenario.registered();
        Outcome refused = s.chain.submit(Parties.producer(), "batch:Register", Fixtures.batch("OLD", "130221", 10_000));
        assertThat(refused.code()).isEqualTo(ErrorCode.RETIRED_COUNTY_CODE);
        assertThat(refused.message()).contains("130221 (河北省 唐山市 丰润县) was retired in 2002; use 河北省 唐山市 丰润区 (130208)");
    }

    @Test
    void a_batch_registered_under_a_code_retired_since_stays_readable_and_inspectable() {
        Scenario s = Scenario.registered();
        // the batch as a ledger written before the renaming holds it: same bytes, the old code
        String key = null;
        for (var entry : s.chain.store().range(Chain.CHAINCODE, "", "", 10_000)) {
            if (entry.getKey().startsWith("\u0000batch\u0000")) {
                key = entry.getKey();
            }
        }
        assertThat(key).isNotNull();
        byte[] current = s.chain.store().get(Chain.CHAINCODE, key).value();
        byte[] legacy = new String(current, StandardCharsets.UTF_8).replace("\"130227\"", "\"130221\"")
                .getBytes(StandardCharsets.UTF_8);
        s.chain.store().commit(Chain.CHAINCODE, ReadWriteSet.builder().write(key, legacy).build(), new Version(1_000, 0),
                "legacy", s.chain.now());

        BatchView view = s.chain.evaluate(Parties.buyer(), "batch:Get",
                new org.fairmark.domain.model.Requests.BatchRef(Fixtures.GTIN, Fixtures.LOT)).as(BatchView.class);
        assertThat(view.batch().origin().countyCode()).isEqualTo("130221");
        Inspection inspection = s.expectOk(s.chain.submit(Parties.inspector(), "inspection:Record", Fixtures.inspection()))
                .as(Inspection.class);
        assertThat(inspection.verdict()).isEqualTo(Verdict.PASS);
        assertThat(s.chain.store().get(Chain.CHAINCODE, key).value()).isEqualTo(legacy);
    }
}
