package org.fairmark.domain;

/**
 * Mass balance of a batch (DOMAIN.md, rule 4): the nominal mass of all packages packed from a batch never
 * exceeds its declared mass less the declared packing-loss allowance.
 *
 * <p>This is the rule that stops a packer from selling more "certified" produce than was harvested and
 * inspected, the usual way inferior goods are passed off under a good batch's labels.
 *
 * <pre>{@code
 * MassBalance.requireFits(100_000, 5_000, 90_000, 5_000);   // fits exactly
 * MassBalance.requireFits(100_000, 5_000, 90_000, 5_001);   // MASS_BALANCE_EXCEEDED
 * }</pre>
 */
public final class MassBalance {
    private MassBalance() {}

    /**
     * Grams of nominal package mass that may still be packed: declared − loss allowance − already packed.
     * Negative only if the packed mass already exceeds the allowance, which {@link #requireFits} prevents.
     *
     * @throws DomainException {@link ErrorCode#INVALID_MASS} when the declared mass is out of range, the loss
     *     allowance is not {@code 0 <= loss < declared} or the already packed mass is negative
     */
    public static long remainingGrams(long declaredMassGrams, long lossAllowanceGrams, long alreadyPackedGrams) {
        Masses.requireDeclaredMass(declaredMassGrams);
        if (lossAllowanceGrams < 0 || lossAllowanceGrams >= declaredMassGrams) {
            throw new DomainException(
                    ErrorCode.INVALID_MASS,
                    "loss allowance must be at least 0 g and less than the declared " + declaredMassGrams
                            + " g, got " + lossAllowanceGrams + " g");
        }
        if (alreadyPackedGrams < 0) {
            throw new DomainException(
                    ErrorCode.INVALID_MASS, "already packed mass must not be negative, got " + alreadyPackedGrams + " g");
        }
        return Math.subtractExact(declaredMassGrams - lossAllowanceGrams, alreadyPackedGrams);
    }

    /**
     * Checks that packing {@code additionalNominalGrams} more keeps the batch in balance. The comparison is
     * against the remaining mass, so no sum is formed that could overflow.
     *
     * @throws DomainException {@link ErrorCode#MASS_BALANCE_EXCEEDED} with all the numbers when it does not fit;
     *     {@link ErrorCode#INVALID_MASS} for the reasons of {@link #remainingGrams} or a negative addition
     */
    public static void requireFits(
            long declaredMassGrams, long lossAllowanceGrams, long alreadyPackedGrams, long additionalNominalGrams) {
        long remaining = remainingGrams(declaredMassGrams, lossAllowanceGrams, alreadyPackedGrams);
        if (additionalNominalGrams < 0) {
            throw new DomainException(
                    ErrorCode.INVALID_MASS,
                    "nominal mass to pack must not be negative, got " + additionalNominalGrams + " g");
        }
        if (additionalNominalGrams > remaining) {
            throw new DomainException(
                    ErrorCode.MASS_BALANCE_EXCEEDED,
                    "packing " + additionalNominalGrams + " g exceeds the " + Math.max(remaining, 0)
                            + " g remaining: declared " + declaredMassGrams + " g, loss allowance "
                            + lossAllowanceGrams + " g, already packed " + alreadyPackedGrams + " g");
        }
    }
}
