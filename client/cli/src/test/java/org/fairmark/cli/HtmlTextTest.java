package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.fairmark.testkit.Property;
import org.junit.jupiter.api.Test;

class HtmlTextTest {
    @Test
    void escapes_markup_and_quotes() {
        assertThat(HtmlText.escape("<a href=\"x\" onclick='y'>&</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
        assertThat(HtmlText.escape(null)).isEmpty();
        assertThat(HtmlText.escape("板栗 🌰")).isEqualTo("板栗 🌰");
    }

    @Test
    void escaped_text_never_opens_a_tag_or_leaves_an_attribute() {
        Property.forAll(random -> Property.anyString(random, 60), text -> {
            String escaped = HtmlText.escape(text);
            assertThat(escaped).doesNotContain("<", ">", "\"", "'");
            assertThat(escaped.replaceAll("&(amp|lt|gt|quot|#39);", "")).doesNotContain("&");
            assertThat(escaped.chars().filter(c -> c < 0x20 && c != '\n' && c != '\t')).isEmpty();
            for (int i = 0; i < escaped.length(); i++) {
                char c = escaped.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    assertThat(Character.isLowSurrogate(escaped.charAt(++i))).isTrue();
                } else {
                    assertThat(Character.isLowSurrogate(c)).isFalse();
                }
            }
        });
    }

    @Test
    void shows_bidirectional_controls_and_invisible_characters_as_a_replacement_mark() {
        // the domain refuses these at input; records written before that rule, or by other writers, still show them
        for (String sneaky : new String[] {"\u202e", "\u202a", "\u2066", "\u2069", "\u200e", "\u200f", "\u061c", "\u200b",
            "\u2060", "\ufeff", "\u00ad", "\u180e", "\u2028", "\u2029"}) {
            assertThat(HtmlText.escape("gpj" + sneaky + ".exe")).as("U+%04X", (int) sneaky.charAt(0)).isEqualTo("gpj\uFFFD.exe");
        }
        assertThat(HtmlText.escape("\uD83D\uDC68\u200D\uD83C\uDF3E")).isEqualTo("\uD83D\uDC68\u200D\uD83C\uDF3E");
    }
}
