package org.fairmark.cli.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.fairmark.client.LabelRejection;
import org.fairmark.domain.model.BatchStatus;
import org.fairmark.domain.model.DisputeOutcome;
import org.fairmark.domain.model.DisputeStatus;
import org.fairmark.domain.model.DisputeType;
import org.fairmark.domain.model.Remedy;
import org.junit.jupiter.api.Test;

class MessagesTest {
    @Test
    void both_languages_have_the_same_texts() {
        assertThat(Messages.keys(Lang.ZH)).isEqualTo(Messages.keys(Lang.EN));
    }

    @Test
    void every_value_the_pages_name_has_a_text_in_both_languages() {
        for (Lang lang : Lang.values()) {
            for (Verdict verdict : Verdict.values()) {
                assertThat(Messages.has(lang, verdict.key())).isTrue();
                assertThat(Messages.has(lang, verdict.key() + ".lead")).isTrue();
                assertThat(Messages.has(lang, "verdict." + verdict.name().toLowerCase(Locale.ROOT))).isTrue();
            }
            for (LabelRejection rejection : LabelRejection.values()) {
                assertThat(Messages.has(lang, "rejection." + rejection)).as(rejection.name()).isTrue();
            }
            for (DisputeType type : DisputeType.values()) {
                assertThat(Messages.has(lang, "dispute.type." + type)).isTrue();
            }
            for (DisputeStatus status : DisputeStatus.values()) {
                assertThat(Messages.has(lang, "dispute.status." + status)).isTrue();
            }
            for (DisputeOutcome outcome : DisputeOutcome.values()) {
                assertThat(Messages.has(lang, "dispute.outcome." + outcome)).isTrue();
            }
            for (Remedy remedy : Remedy.values()) {
                assertThat(Messages.has(lang, "dispute.remedy." + remedy)).isTrue();
            }
            for (BatchStatus status : BatchStatus.values()) {
                assertThat(Messages.has(lang, "status." + status)).isTrue();
            }
            for (String rating : new String[] {"A", "B", "C", "D", "NEW"}) {
                assertThat(Messages.has(lang, "rating." + rating)).isTrue();
            }
        }
    }

    @Test
    void fills_in_arguments() {
        assertThat(Messages.get(Lang.EN, "custody.hop", "CoopMSP", "CarrierMSP")).isEqualTo("CoopMSP \u2192 CarrierMSP");
        assertThat(Messages.get(Lang.ZH, "integrity.inspections.value", 2, 3)).isEqualTo("3 次中合格 2 次");
    }
}
