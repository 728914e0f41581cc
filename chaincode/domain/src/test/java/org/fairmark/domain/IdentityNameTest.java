package org.fairmark.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentityNameTest {
    @Test
    void a_letter_or_digit_then_up_to_63_of_letters_digits_dot_dash_underscore_at() {
        for (String good : new String[] {"buyer@market", "inspector.1", "a", "A_b-c", "9" + "x".repeat(63)}) {
            assertThat(IdentityName.isValid(good)).as(good).isTrue();
        }
        for (String bad : new String[] {null, "", "@buyer", "-a", "a b", "a/b", "9" + "x".repeat(64), "买家"}) {
            assertThat(IdentityName.isValid(bad)).as(String.valueOf(bad)).isFalse();
        }
    }
}
