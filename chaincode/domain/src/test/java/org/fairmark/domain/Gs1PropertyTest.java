package org.fairmark.domain;

import org.fairmark.testkit.Property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairmark.testkit.Property.forAll;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Gs1PropertyTest {
    private static final ErrorCode[] DIGITAL_LINK_CODES = {
        ErrorCode.INVALID_ARGUMENT, ErrorCode.INVALID_GTIN, ErrorCode.INVALID_LOT, ErrorCode.INVALID_SERIAL
    };

    static DigitalLinkKey key(Random random) {
        String body = Property.digits(random, 13);
        String serial = random.nextInt(3) == 0 ? null : Property.from(random, Gs1Test.SET_82, 1, 20);
        return new DigitalLinkKey(body + Gtin.checkDigit(body), Property.from(random, Gs1Test.SET_82, 1, 20), serial);
    }

    @Test
    void parsing_a_built_path_gives_back_the_key() {
        forAll(Gs1PropertyTest::key, key -> {
            String path = key.toPath();
            assertThat(Gs1.parseDigitalLinkPath(path)).isEqualTo(key);
            assertThat(path).matches("[A-Za-z0-9/%._-]+");
        });
    }

    @Test
    void near_misses_of_valid_paths_only_fail_with_digital_link_codes() {
        forAll(random -> Property.mutate(random, key(random).toPath()), path -> {
            DigitalLinkKey parsed =
                    DomainAssertions.returnsOrRejectsWith(() -> Gs1.parseDigitalLinkPath(path), DIGITAL_LINK_CODES);
            if (parsed != null) {
                assertThat(Gs1.parseDigitalLinkPath(parsed.toPath())).isEqualTo(parsed);
            }
        });
    }

    @Test
    void random_strings_only_fail_with_digital_link_codes() {
        forAll(random -> random.nextBoolean()
                        ? Property.anyString(random, 60)
                        : "/01/" + Property.from(random, "/0123456789%aAfF21?#~ ", 0, 40),
                path -> DomainAssertions.returnsOrRejectsWith(() -> Gs1.parseDigitalLinkPath(path), DIGITAL_LINK_CODES));
    }

    @Test
    void lots_are_accepted_exactly_when_1_to_20_characters_of_set_82() {
        forAll(random -> random.nextBoolean()
                        ? Property.anyString(random, 25)
                        : Property.from(random, Gs1Test.SET_82 + " #~", 0, 22),
                lot -> {
                    String accepted =
                            DomainAssertions.returnsOrRejectsWith(() -> Gs1.requireLot(lot), ErrorCode.INVALID_LOT);
                    boolean expected = !lot.isEmpty() && lot.length() <= 20 && Gs1.isCharacterSet82(lot);
                    assertThat(accepted != null).isEqualTo(expected);
                });
    }
}
