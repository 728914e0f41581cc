package org.fairmark.cli.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void the_language_link_keeps_every_other_parameter() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("3103", "000500");
        query.put("s", "a+b/c");
        query.put("lang", "zh");
        assertThat(Html.withLang(query, Lang.EN)).isEqualTo("?3103=000500&amp;s=a%2Bb%2Fc&amp;lang=en");
        assertThat(Html.withLang(Map.of(), Lang.ZH)).isEqualTo("?lang=zh");
    }
}
