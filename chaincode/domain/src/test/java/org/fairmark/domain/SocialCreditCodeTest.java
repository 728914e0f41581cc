package org.fairmark.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairmark.domain.DomainAssertions.assertRejected;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SocialCreditCodeTest {
    /**
     * The example of GB 32100-2015 and codes printed on business licences in public registration records (companies,
     * an "MA" code issued after 2015, a social organization with registration authority 1).
     */
    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "91350200776049653A", "91350500798359476R", "91350503MA31DKY80A",
        "91440101MA5CJQ4N59", "913502000728319549", "123502001549897397", "9135021359498494XQ", "91350213678251743X"})
    void accepts_published_codes(String code) {
        assertThat(SocialCreditCode.requireValid(code)).isEqualTo(code);
        assertThat(SocialCreditCode.isValid(code)).isTrue();
    }

    @Test
    void computes_both_check_characters() {
        assertThat(SocialCreditCode.checkCharacter("91350100M000100Y4")).isEqualTo('3');
        assertThat(SocialCreditCode.organizationCheckCharacter("M000100Y")).isEqualTo('4');
        assertThat(SocialCreditCode.organizationCheckCharacter("59498494")).isEqualTo('X');
        assertThat(SocialCreditCode.divisionCode("91350100M000100Y43")).isEqualTo("350100");
    }

    @Test
    void every_single_character_change_of_a_valid_code_is_refused() {
        // 31 is prime and no weight is 0 mod 31, so the final check catches every single substitution.
        String valid = "91440101MA5CJQ4N59";
        int refused = 0;
        for (int i = 0; i < valid.length(); i++) {
            for (char c : SocialCreditCode.CHARSET.toCharArray()) {
                String mutated = valid.substring(0, i) + c + valid.substring(i + 1);
                if (c != valid.charAt(i)) {
                    assertRejected(() -> SocialCreditCode.requireValid(mutated), ErrorCode.INVALID_SOCIAL_CREDIT_CODE);
                    refused++;
                }
            }
        }
        assertThat(refused).isEqualTo(18 * 30);
    }

    @Test
    void a_wrong_final_check_character_is_named() {
        assertRejected(() -> SocialCreditCode.requireValid("91350100M000100Y44"), ErrorCode.INVALID_SOCIAL_CREDIT_CODE)
                .hasMessageContaining("should be 3");
    }

    @Test
    void a_wrong_organization_check_character_is_named_even_when_the_final_one_is_recomputed() {
        String body = "91350100M000100Y5";
        String code = body + SocialCreditCode.checkCharacter(body);
        assertRejected(() -> SocialCreditCode.requireValid(code), ErrorCode.INVALID_SOCIAL_CREDIT_CODE)
                .hasMessageContaining("GB 11714").hasMessageContaining("should be 4");
    }

    @Test
    void an_early_pilot_code_that_fails_the_standard_check_is_refused() {
        assertRejected(() -> SocialCreditCode.requireValid("91350203M0001QAY9B"), ErrorCode.INVALID_SOCIAL_CREDIT_CODE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "91350100M000100Y4", "91350100M000100Y433", "91350100m000100y43", "91350100M000I00Y43",
        "9135O100M000100Y43", "91A50100M000100Y43", "91990100M000100Y43", "９1350100M000100Y43"})
    void refuses_malformed_codes(String code) {
        assertRejected(() -> SocialCreditCode.requireValid(code), ErrorCode.INVALID_SOCIAL_CREDIT_CODE);
    }

    @Test
    void refuses_a_missing_code() {
        assertRejected(() -> SocialCreditCode.requireValid(null), ErrorCode.INVALID_SOCIAL_CREDIT_CODE)
                .hasMessageContaining("missing");
    }
}
