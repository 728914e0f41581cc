package org.fairmark.domain;

import org.fairmark.testkit.Property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairmark.testkit.Property.forAll;

import org.junit.jupiter.api.Test;

class GtinPropertyTest {
    @Test
    void a_body_with_its_check_digit_is_valid_and_any_other_last_digit_is_not() {
        forAll(random -> Property.digits(random, 13) + random.nextInt(10), candidate -> {
            int check = Gtin.checkDigit(candidate.substring(0, 13));
            assertThat(Gtin.isValid(candidate)).isEqualTo(candidate.charAt(13) - '0' == check);
        });
    }

    @Test
    void every_single_digit_typo_is_detected() {
        forAll(random -> {
            String body = Property.digits(random, 13);
            String gtin = body + Gtin.checkDigit(body);
            int position = random.nextInt(14);
            char typo = (char) ('0' + (gtin.charAt(position) - '0' + random.nextInt(1, 10)) % 10);
            return gtin.substring(0, position) + typo + gtin.substring(position + 1);
        }, mistyped -> assertThat(Gtin.isValid(mistyped)).isFalse());
    }

    @Test
    void random_strings_only_fail_with_invalid_gtin_and_is_valid_agrees() {
        forAll(random -> switch (random.nextInt(3)) {
                    case 0 -> Property.digits(random, random.nextInt(12, 16));
                    case 1 -> Property.anyString(random, 16);
                    default -> {
                        String body = Property.digits(random, 13);
                        yield body + Gtin.checkDigit(body);
                    }
                },
                candidate -> {
                    String accepted = DomainAssertions.returnsOrRejectsWith(
                            () -> Gtin.requireValid(candidate), ErrorCode.INVALID_GTIN);
                    assertThat(Gtin.isValid(candidate)).isEqualTo(accepted != null);
                    if (accepted != null) {
                        assertThat(accepted).isEqualTo(candidate);
                    }
                });
    }
}
