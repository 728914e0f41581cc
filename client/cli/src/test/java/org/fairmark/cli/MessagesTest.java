package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.fairmark.domain.ErrorCode;
import org.junit.jupiter.api.Test;

/** The English and Chinese messages have the same keys and every error code has its Chinese explanation. */
class MessagesTest {
    static Set<String> keys(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream(resource)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new TreeSet<>(properties.stringPropertyNames());
    }

    @Test
    void chinese_has_every_english_message_and_every_error_code() throws IOException {
        Set<String> english = keys("messages.properties");
        Set<String> chinese = keys("messages_zh.properties");

        assertThat(chinese).containsAll(english);
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(chinese).as(code.name()).contains("code." + code.name());
        }
        assertThat(chinese.stream().filter(key -> !key.startsWith("code."))).containsExactlyInAnyOrderElementsOf(english);
    }

    @Test
    void messages_format_with_their_arguments_in_both_languages() {
        assertThat(Output.text(Language.EN, "identity.created", "clerk@coop", "CoopMSP", "producer"))
                .isEqualTo("Identity clerk@coop issued by CoopMSP with role producer");
        assertThat(Output.text(Language.ZH, "identity.created", "clerk@coop", "CoopMSP", "producer"))
                .isEqualTo("已由 CoopMSP 签发身份 clerk@coop，角色 producer");
        assertThat(Output.text(Language.ZH, "code.BATCH_NOT_FOUND")).isEqualTo("找不到该 GTIN 与批号的批次");
    }
}
