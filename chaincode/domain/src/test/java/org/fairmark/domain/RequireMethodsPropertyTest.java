package org.fairmark.domain;

import org.fairmark.testkit.Property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fairmark.domain.DomainAssertions.returnsOrRejectsWith;
import static org.fairmark.testkit.Property.forAll;

import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Random and near-miss input never makes a {@code require…} method throw anything but a {@link DomainException}
 * with its own code, and whatever it accepts has the promised shape.
 */
class RequireMethodsPropertyTest {
    /** Random text, text from a relevant alphabet, or a one-character near miss of a valid example. */
    static Function<Random, String> inputs(String alphabet, int maxLength, String... valid) {
        return random -> switch (random.nextInt(3)) {
            case 0 -> Property.anyString(random, maxLength);
            case 1 -> Property.from(random, alphabet, 0, maxLength);
            default -> Property.mutate(random, valid[random.nextInt(valid.length)]);
        };
    }

    @Test
    void county_codes() {
        forAll(inputs("0123456789", 8, "330102", "110101", "429004"), code -> {
            String accepted = returnsOrRejectsWith(() -> CountyCode.requireValid(code), ErrorCode.INVALID_COUNTY_CODE);
            if (accepted != null) {
                assertThat(accepted).matches("[0-9]{6}").doesNotEndWith("00");
                assertThat(accepted.substring(2, 4)).isNotEqualTo("00");
                assertThat(CountyCode.province(accepted)).isEqualTo(accepted.substring(0, 2));
            }
        });
    }

    @Test
    void jurisdictions() {
        forAll(inputs("0123456789, \t", 20, "3301, 330381", "33", "330102,53"), attribute -> {
            Jurisdiction accepted =
                    returnsOrRejectsWith(() -> Jurisdiction.parse(attribute), ErrorCode.INVALID_COUNTY_CODE);
            if (accepted != null) {
                assertThat(Jurisdiction.parse(accepted.toAttribute())).isEqualTo(accepted);
                assertThat(accepted.entries()).allMatch(entry -> entry.matches("[0-9]{2}|[0-9]{4}|[0-9]{6}"));
            }
        });
    }

    @Test
    void hashes() {
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        forAll(inputs("0123456789abcdefABCDEFg", 66, abc), hash -> {
            String accepted = returnsOrRejectsWith(() -> Sha256Hex.requireValid(hash), ErrorCode.INVALID_HASH);
            if (accepted != null) {
                assertThat(accepted).matches("[0-9a-f]{64}");
            }
        });
    }

    @Test
    void free_text() {
        forAll(inputs("ab 板\n\t\u202e", 12, "临安山核桃", "Lin'an hickory"), text -> {
            String accepted = returnsOrRejectsWith(() -> Text.requireText("name", text, 10), ErrorCode.INVALID_ARGUMENT);
            if (accepted != null) {
                assertThat(accepted).isSameAs(text).isNotBlank();
                assertThat(accepted.codePointCount(0, accepted.length())).isLessThanOrEqualTo(10);
                assertThat(CanonicalJson.read(CanonicalJson.toJson(new String[] {accepted}), String[].class))
                        .containsExactly(accepted);
            }
        });
    }

    @Test
    void dates() {
        forAll(inputs("0123456789-", 11, "2024-02-29", "2000-01-01", "2099-12-31"), date -> {
            var accepted = returnsOrRejectsWith(() -> IsoDates.requireDate(date), ErrorCode.INVALID_DATE);
            if (accepted != null) {
                assertThat(accepted.toString()).isEqualTo(date);
                assertThat(accepted.getYear()).isBetween(2000, 2099);
            }
        });
    }

    @Test
    void request_ids() {
        forAll(inputs("abcXYZ019_-. ", 70, "3f2b8c1e-9a4d-4c6b-8e2f-1a2b3c4d5e6f", "abcd_123"), id -> {
            String accepted = returnsOrRejectsWith(() -> RequestId.requireValid(id), ErrorCode.INVALID_REQUEST_ID);
            if (accepted != null) {
                assertThat(accepted).matches("[A-Za-z0-9_-]{8,64}");
            }
        });
    }

    @Test
    void sscc_and_serial() {
        forAll(inputs("0123456789A", 20, "006141411234567890", "PKG-1"), value -> {
            returnsOrRejectsWith(() -> Gs1.requireSscc(value), ErrorCode.INVALID_SSCC);
            returnsOrRejectsWith(() -> Gs1.requireSerial(value), ErrorCode.INVALID_SERIAL);
        });
    }

    @Test
    void masses() {
        forAll(random -> Property.longBetween(random, Long.MIN_VALUE, Long.MAX_VALUE), grams -> {
            Long declared = returnsOrRejectsWith(() -> Masses.requireDeclaredMass(grams), ErrorCode.INVALID_MASS);
            assertThat(declared != null).isEqualTo(grams >= 1 && grams <= Limits.MAX_DECLARED_MASS_GRAMS);
            Long nominal = returnsOrRejectsWith(() -> Masses.requireNominalMass(grams), ErrorCode.INVALID_MASS);
            assertThat(nominal != null).isEqualTo(grams >= 1 && grams <= Limits.MAX_PACKAGE_NOMINAL_GRAMS);
        });
    }
}
