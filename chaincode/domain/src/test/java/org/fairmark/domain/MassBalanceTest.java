package org.fairmark.domain;

import org.fairmark.testkit.Property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.fairmark.domain.DomainAssertions.assertRejected;
import static org.fairmark.testkit.Property.forAll;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class MassBalanceTest {
    @Test
    void remaining_is_declared_less_loss_less_packed() {
        assertThat(MassBalance.remainingGrams(100_000, 5_000, 60_000)).isEqualTo(35_000);
        assertThat(MassBalance.remainingGrams(100_000, 0, 0)).isEqualTo(100_000);
    }

    @Test
    void accepts_packing_exactly_up_to_the_allowance() {
        assertThatCode(() -> MassBalance.requireFits(100_000, 5_000, 90_000, 5_000)).doesNotThrowAnyException();
        assertThat(MassBalance.remainingGrams(100_000, 5_000, 95_000)).isZero();
    }

    @Test
    void rejects_packing_beyond_declared_mass_with_all_numbers_in_the_message() {
        assertRejected(() -> MassBalance.requireFits(100_000, 5_000, 90_000, 5_001), ErrorCode.MASS_BALANCE_EXCEEDED)
                .hasMessageContaining("packing 5001 g")
                .hasMessageContaining("5000 g remaining")
                .hasMessageContaining("declared 100000 g")
                .hasMessageContaining("loss allowance 5000 g")
                .hasMessageContaining("already packed 90000 g");
    }

    @Test
    void rejects_loss_allowance_that_is_negative_or_not_below_declared_mass() {
        assertRejected(() -> MassBalance.remainingGrams(100_000, -1, 0), ErrorCode.INVALID_MASS)
                .hasMessageContaining("loss allowance");
        assertRejected(() -> MassBalance.remainingGrams(100_000, 100_000, 0), ErrorCode.INVALID_MASS);
        assertThat(MassBalance.remainingGrams(100_000, 99_999, 0)).isEqualTo(1);
    }

    @Test
    void rejects_invalid_declared_packed_and_additional_masses() {
        assertRejected(() -> MassBalance.remainingGrams(0, 0, 0), ErrorCode.INVALID_MASS);
        assertRejected(() -> MassBalance.remainingGrams(Limits.MAX_DECLARED_MASS_GRAMS + 1, 0, 0), ErrorCode.INVALID_MASS);
        assertRejected(() -> MassBalance.remainingGrams(100_000, 0, -1), ErrorCode.INVALID_MASS);
        assertRejected(() -> MassBalance.requireFits(100_000, 0, 0, -1), ErrorCode.INVALID_MASS);
    }

    @Test
    void never_overflows_on_extreme_values() {
        assertRejected(() -> MassBalance.requireFits(100_000, 0, 0, Long.MAX_VALUE), ErrorCode.MASS_BALANCE_EXCEEDED);
        assertRejected(() -> MassBalance.requireFits(100_000, 0, Long.MAX_VALUE, Long.MAX_VALUE),
                ErrorCode.MASS_BALANCE_EXCEEDED);
        assertThat(MassBalance.remainingGrams(100_000, 0, Long.MAX_VALUE)).isEqualTo(100_000 - Long.MAX_VALUE);
    }

    @Test
    void rejects_even_an_empty_packing_once_the_batch_is_over_packed() {
        assertRejected(() -> MassBalance.requireFits(100_000, 0, 100_001, 0), ErrorCode.MASS_BALANCE_EXCEEDED)
                .hasMessageContaining("0 g remaining");
    }

    record Packing(long declared, long loss, long packed, long additional) {}

    @Test
    void fits_exactly_when_packed_plus_additional_is_at_most_declared_less_loss() {
        forAll(random -> {
            long declared = Property.longBetween(random, 1, Limits.MAX_DECLARED_MASS_GRAMS);
            long loss = Property.longBetween(random, 0, declared - 1);
            long packed = random.nextInt(10) == 0 ? Property.longBetween(random, 0, Long.MAX_VALUE)
                    : Property.longBetween(random, 0, declared);
            long additional = random.nextInt(10) == 0 ? Property.longBetween(random, 0, Long.MAX_VALUE)
                    : Property.longBetween(random, 0, declared);
            return new Packing(declared, loss, packed, additional);
        }, p -> {
            boolean fits = BigInteger.valueOf(p.packed()).add(BigInteger.valueOf(p.additional()))
                    .compareTo(BigInteger.valueOf(p.declared() - p.loss())) <= 0;
            try {
                MassBalance.requireFits(p.declared(), p.loss(), p.packed(), p.additional());
                assertThat(fits).as("accepted").isTrue();
            } catch (DomainException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.MASS_BALANCE_EXCEEDED);
                assertThat(fits).as("rejected").isFalse();
            }
        });
    }

    @Test
    void random_inputs_only_fail_with_mass_codes() {
        forAll(random -> new Packing(
                        Property.longBetween(random, Long.MIN_VALUE, Long.MAX_VALUE),
                        Property.longBetween(random, Long.MIN_VALUE, Long.MAX_VALUE),
                        Property.longBetween(random, Long.MIN_VALUE, Long.MAX_VALUE),
                        Property.longBetween(random, Long.MIN_VALUE, Long.MAX_VALUE)),
                p -> DomainAssertions.returnsOrRejectsWith(() -> {
                            MassBalance.requireFits(p.declared(), p.loss(), p.packed(), p.additional());
                            return p;
                        },
                        ErrorCode.INVALID_MASS, ErrorCode.MASS_BALANCE_EXCEEDED));
    }
}
