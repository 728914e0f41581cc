package org.fairmark.domain;

/**
 * Checks on masses, which are integer grams everywhere on the ledger so that every endorser computes the same
 * sums and no rounding can hide a short weight.
 */
public final class Masses {
    private Masses() {}

    /**
     * Returns the declared mass of a batch when it is 1 g to {@link Limits#MAX_DECLARED_MASS_GRAMS}.
     *
     * @throws DomainException {@link ErrorCode#INVALID_MASS}
     */
    public static long requireDeclaredMass(long grams) {
        if (grams < 1 || grams > Limits.MAX_DECLARED_MASS_GRAMS) {
            throw new DomainException(
                    ErrorCode.INVALID_MASS,
                    "declared mass must be 1.." + Limits.MAX_DECLARED_MASS_GRAMS + " g, got " + grams + " g");
        }
        return grams;
    }

    /**
     * Returns the nominal net mass of a package when it is {@link Limits#MIN_PACKAGE_NOMINAL_GRAMS} to
     * {@link Limits#MAX_PACKAGE_NOMINAL_GRAMS}, the range in which short weight can be judged.
     *
     * @throws DomainException {@link ErrorCode#INVALID_MASS}
     */
    public static long requireNominalMass(long grams) {
        if (grams < Limits.MIN_PACKAGE_NOMINAL_GRAMS || grams > Limits.MAX_PACKAGE_NOMINAL_GRAMS) {
            throw new DomainException(
                    ErrorCode.INVALID_MASS,
                    "nominal mass must be " + Limits.MIN_PACKAGE_NOMINAL_GRAMS + ".."
                            + Limits.MAX_PACKAGE_NOMINAL_GRAMS + " g, got " + grams + " g");
        }
        return grams;
    }

    /**
     * Decigrams (the unit short weight is computed in) as people read them: grams with one decimal, {@code 498.5 g}.
     * Every message about a measured mass uses this, never the internal decigrams.
     */
    public static String formatDecigrams(long decigrams) {
        String sign = decigrams < 0 ? "-" : "";
        // Long.MIN_VALUE has no positive counterpart: split before taking the magnitude
        long whole = Math.abs(decigrams / 10);
        long tenth = Math.abs(decigrams % 10);
        return sign + whole + "." + tenth + " g";
    }
}
