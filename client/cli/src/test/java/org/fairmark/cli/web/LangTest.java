package org.fairmark.cli.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.fairmark.testkit.Property;
import org.junit.jupiter.api.Test;

class LangTest {
    @Test
    void the_lang_parameter_wins() {
        assertThat(Lang.negotiate("en", "zh-CN")).isEqualTo(Lang.EN);
        assertThat(Lang.negotiate("zh", "en")).isEqualTo(Lang.ZH);
        assertThat(Lang.negotiate("zh-Hans", null)).isEqualTo(Lang.ZH);
    }

    @Test
    void accept_language_picks_the_best_supported_language() {
        assertThat(Lang.negotiate(null, "en-US,en;q=0.9")).isEqualTo(Lang.EN);
        assertThat(Lang.negotiate(null, "zh-CN,zh;q=0.9,en;q=0.8")).isEqualTo(Lang.ZH);
        assertThat(Lang.negotiate(null, "fr;q=1, en;q=0.3, zh-TW;q=0.6")).isEqualTo(Lang.ZH);
        assertThat(Lang.negotiate(null, "en;q=0, zh;q=0.1")).isEqualTo(Lang.ZH);
        assertThat(Lang.negotiate("klingon", "en")).isEqualTo(Lang.EN);
    }

    @Test
    void no_preference_is_chinese_and_an_unsupported_one_english() {
        assertThat(Lang.negotiate(null, null)).isEqualTo(Lang.ZH);
        assertThat(Lang.negotiate(null, " ")).isEqualTo(Lang.ZH);
        assertThat(Lang.negotiate(null, "fr-FR,de;q=0.5")).isEqualTo(Lang.EN);
    }

    @Test
    void any_header_is_answered_without_failing() {
        Property.forAll(random -> Property.anyString(random, 200), header -> assertThat(Lang.negotiate(null, header)).isNotNull());
    }
}
