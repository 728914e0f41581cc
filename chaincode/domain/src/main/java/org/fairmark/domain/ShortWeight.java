package org.fairmark.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Short-weight judgement of prepackages after OIML R 87 and China's JJF 1070, which share this table of the
 * tolerable deficiency T (DOMAIN.md, rule 6):
 *
 * <pre>
 *  nominal Qn (g)      T
 *  0 &lt; Qn &lt;= 50         9 % of Qn
 *  50 &lt; Qn &lt;= 100       4.5 g
 *  100 &lt; Qn &lt;= 200      4.5 % of Qn
 *  200 &lt; Qn &lt;= 300      9 g
 *  300 &lt; Qn &lt;= 500      3 % of Qn
 *  500 &lt; Qn &lt;= 1000     15 g
 *  1000 &lt; Qn &lt;= 10000   1.5 % of Qn
 *  10000 &lt; Qn &lt;= 15000  150 g
 *  15000 &lt; Qn &lt;= 50000  1 % of Qn
 * </pre>
 *
 * <p>Everything is computed in integer decigrams (0.1 g) because percentages of T are rounded up to the next
 * 0.1 g; no floating point means every endorser reaches the same finding. A package whose deficiency exceeds T
 * is a {@link Finding#T1} error, over 2T a {@link Finding#T2} error; a receipt of several packages of one nominal
 * mass must also meet the mean criterion x̄ ≥ Qn − λ·s of the reference test ({@link LotInspectionPlan}), the
 * received packages being a sample of the packer's lot. A single package is judged against T alone: the average
 * requirement is a rule about a lot, and one package is not a lot.
 *
 * <pre>{@code
 * ShortWeight.tolerableDeficiencyDecigrams(500);   // 150 (15 g)
 * ShortWeight.judge(500, 4_849);                    // T1: 15.1 g short
 * }</pre>
 */
public final class ShortWeight {
    /**
     * Largest actual mass accepted, 500 kg in decigrams: no package of at most 50 kg nominal weighs more, so a
     * larger value is a unit error (kg typed as g). It also keeps every sum of measurements inside a {@code long}.
     */
    public static final long MAX_ACTUAL_DECIGRAMS = 100 * Limits.MAX_PACKAGE_NOMINAL_GRAMS;

    /**
     * The lightest plausible weighing, in percent of Qn. 2T is at most 18 % of Qn (T = 9 % up to 50 g), so every
     * T2 error from 2T down to half the nominal mass is still recorded; a lighter reading is a unit slip (grams
     * typed into a decigram field read 10 % of the truth), an empty or mis-zeroed scale, or a package that is
     * not the one labelled, and would otherwise be counted as a T2 error against the producer.
     */
    public static final int MIN_PLAUSIBLE_PERCENT = 50;

    /**
     * The heaviest plausible weighing, in percent of Qn. No prepackage is overfilled twofold, and a gross weighing
     * with its packaging stays well below it; a heavier reading is a unit slip (kilograms read as grams, decigrams
     * typed as grams), which would otherwise pass as within tolerance and hide a real short weight.
     */
    public static final int MAX_PLAUSIBLE_PERCENT = 200;

    /** One row of the table: Qn up to {@code upperGrams} inclusive, T either fixed or a permille of Qn. */
    private record Band(long upperGrams, long fixedDecigrams, long permille) {}

    private static final List<Band> TABLE = List.of(
            new Band(50, 0, 90),
            new Band(100, 45, 0),
            new Band(200, 0, 45),
            new Band(300, 90, 0),
            new Band(500, 0, 30),
            new Band(1_000, 150, 0),
            new Band(10_000, 0, 15),
            new Band(15_000, 1_500, 0),
            new Band(50_000, 0, 10));

    /** The outcome for one package. */
    public enum Finding {
        /** Deficiency at most T (or no deficiency at all). */
        WITHIN_TOLERANCE,
        /** Deficiency more than T and at most 2T. */
        T1,
        /** Deficiency more than 2T. */
        T2
    }

    /**
     * The judgement of a set of packages of one nominal mass, as recorded on a receipt.
     *
     * @param nominalGrams the nominal quantity Qn
     * @param tolerableDeficiencyDecigrams T for Qn
     * @param findings one finding per measured package, in the order measured
     * @param t1Count packages whose finding is {@link Finding#T1}; T2 packages are not counted here, so the
     *     packages short by more than T are {@code t1Count + t2Count}
     * @param t2Count packages whose finding is {@link Finding#T2}
     * @param averageApplies whether the average requirement applies: only to several (two or more) packages
     * @param averageMet {@code false} only when the average requirement applies and the mean criterion
     *     x̄ ≥ Qn − λ·s of the lot inspection ({@link LotInspectionPlan#meanCriterionMet}, λ for n packages) fails
     * @param averageDecigramsFloor the average actual mass in decigrams, rounded down
     */
    public record WeighingVerdict(
            long nominalGrams,
            long tolerableDeficiencyDecigrams,
            List<Finding> findings,
            long t1Count,
            long t2Count,
            boolean averageApplies,
            boolean averageMet,
            long averageDecigramsFloor) {
        public WeighingVerdict {
            findings = List.copyOf(Objects.requireNonNull(findings, "findings == null"));
        }
    }

    private ShortWeight() {}

    /**
     * The tolerable deficiency T for nominal quantity {@code nominalGrams}, in decigrams, exactly as in the
     * table: band lower bounds exclusive, upper bounds inclusive, percentages rounded up to the next 0.1 g.
     *
     * @throws DomainException {@link ErrorCode#INVALID_MASS} unless {@code 1 <= nominalGrams <= 50000}
     */
    public static long tolerableDeficiencyDecigrams(long nominalGrams) {
        Masses.requireNominalMass(nominalGrams);
        for (Band band : TABLE) {
            if (nominalGrams <= band.upperGrams()) {
                if (band.permille() == 0) {
                    return band.fixedDecigrams();
                }
                return ceilDiv(nominalGrams * 10 * band.permille(), 1000);
            }
        }
        throw new AssertionError("the table covers every nominal mass requireNominalMass accepts");
    }

    /** The lightest weighing {@link #requirePlausibleWeighing} accepts for {@code nominalGrams}, in decigrams. */
    public static long minimumPlausibleDecigrams(long nominalGrams) {
        Masses.requireNominalMass(nominalGrams);
        return nominalGrams * 10 * MIN_PLAUSIBLE_PERCENT / 100;
    }

    /** The heaviest weighing {@link #requirePlausibleWeighing} accepts for {@code nominalGrams}, in decigrams. */
    public static long maximumPlausibleDecigrams(long nominalGrams) {
        Masses.requireNominalMass(nominalGrams);
        return nominalGrams * 10 * MAX_PLAUSIBLE_PERCENT / 100;
    }

    /**
     * Returns a measured net mass when it is a plausible weighing of a package of {@code nominalGrams}: from
     * {@link #MIN_PLAUSIBLE_PERCENT} to {@link #MAX_PLAUSIBLE_PERCENT} of Qn, both inclusive. Check it before
     * {@link #judge}, which applies the table to any mass.
     *
     * @throws DomainException {@link ErrorCode#INVALID_WEIGHING} outside that range (with the masses in grams);
     *     {@link ErrorCode#INVALID_MASS} for a nominal mass outside 1..50000 g or an actual mass that is
     *     negative or over {@link #MAX_ACTUAL_DECIGRAMS}
     */
    public static long requirePlausibleWeighing(long nominalGrams, long actualDecigrams) {
        long min = minimumPlausibleDecigrams(nominalGrams);
        long max = maximumPlausibleDecigrams(nominalGrams);
        long actual = requireActual(actualDecigrams);
        if (actual < min || actual > max) {
            throw new DomainException(ErrorCode.INVALID_WEIGHING, "a weighing of " + Masses.formatDecigrams(actual)
                    + " is implausible for a package of " + nominalGrams + " g nominal: a weighing must be "
                    + Masses.formatDecigrams(min) + ".." + Masses.formatDecigrams(max) + " (" + MIN_PLAUSIBLE_PERCENT
                    + " %.." + MAX_PLAUSIBLE_PERCENT + " % of nominal); check the unit, the tare and the package");
        }
        return actual;
    }

    /**
     * Judges one package: deficiency = Qn (in decigrams) − actual; T1 when deficiency &gt; T, T2 when
     * deficiency &gt; 2T. Overfilled packages are within tolerance. This is the table alone: a recorded weighing
     * passes {@link #requirePlausibleWeighing} first.
     *
     * @throws DomainException {@link ErrorCode#INVALID_MASS} when the nominal mass is outside 1..50000 g or the
     *     actual mass outside 0..{@link #MAX_ACTUAL_DECIGRAMS}
     */
    public static Finding judge(long nominalGrams, long actualDecigrams) {
        return judge(nominalGrams, tolerableDeficiencyDecigrams(nominalGrams), actualDecigrams);
    }

    /**
     * Whether the average actual mass of packages of one nominal mass is at least the nominal mass, computed
     * exactly: sum of actuals &gt;= n × Qn in decigrams.
     *
     * @throws DomainException {@link ErrorCode#INVALID_ARGUMENT} when no measurement is given,
     *     {@link ErrorCode#INVALID_MASS} for a nominal or actual mass out of range
     */
    public static boolean averageRequirementMet(long nominalGrams, List<Long> actualDecigrams) {
        Masses.requireNominalMass(nominalGrams);
        long sum = requireSum(actualDecigrams);
        return sum >= Math.multiplyExact(nominalGrams * 10, actualDecigrams.size());
    }

    /** The fewest packages of one nominal mass in a receipt that the average requirement applies to. */
    public static final int MIN_PACKAGES_FOR_AVERAGE = 2;

    /**
     * Judges every package of a receipt of one nominal mass and, when there are at least
     * {@link #MIN_PACKAGES_FOR_AVERAGE} of them, the mean criterion of the reference test too: the received packages
     * are a sample of the packer's lot, so x̄ ≥ Qn − λ·s with λ = t(0.995, n − 1)/√n for the n packages weighed
     * ({@link StudentT#lambdaThousandths}).
     *
     * @throws DomainException as {@link #judge} and {@link #averageRequirementMet}
     */
    public static WeighingVerdict judgeAll(long nominalGrams, List<Long> actualDecigrams) {
        WeighingVerdict each = judgeEach(nominalGrams, actualDecigrams);
        int count = actualDecigrams.size();
        boolean averageApplies = count >= MIN_PACKAGES_FOR_AVERAGE;
        boolean averageMet = !averageApplies
                || LotInspectionPlan.meanCriterionMet(nominalGrams, actualDecigrams, StudentT.lambdaThousandths(count));
        return new WeighingVerdict(nominalGrams, each.tolerableDeficiencyDecigrams(), each.findings(), each.t1Count(),
                each.t2Count(), averageApplies, averageMet, each.averageDecigramsFloor());
    }

    /** Judges every package against T and T2 and averages them; the average requirement is left to the caller. */
    static WeighingVerdict judgeEach(long nominalGrams, List<Long> actualDecigrams) {
        long tolerable = tolerableDeficiencyDecigrams(nominalGrams);
        long sum = requireSum(actualDecigrams);
        List<Finding> findings = new ArrayList<>(actualDecigrams.size());
        long t1 = 0;
        long t2 = 0;
        for (Long actual : actualDecigrams) {
            Finding finding = judge(nominalGrams, tolerable, actual);
            findings.add(finding);
            if (finding == Finding.T1) {
                t1++;
            } else if (finding == Finding.T2) {
                t2++;
            }
        }
        long count = actualDecigrams.size();
        return new WeighingVerdict(nominalGrams, tolerable, findings, t1, t2, false, true, sum / count);
    }

    private static Finding judge(long nominalGrams, long tolerable, long actualDecigrams) {
        requireActual(actualDecigrams);
        long deficiency = nominalGrams * 10 - actualDecigrams;
        if (deficiency > 2 * tolerable) {
            return Finding.T2;
        }
        if (deficiency > tolerable) {
            return Finding.T1;
        }
        return Finding.WITHIN_TOLERANCE;
    }

    private static long requireSum(List<Long> actualDecigrams) {
        Objects.requireNonNull(actualDecigrams, "actualDecigrams == null");
        if (actualDecigrams.isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "no package was weighed");
        }
        long sum = 0;
        for (Long actual : actualDecigrams) {
            sum = Math.addExact(sum, requireActual(actual));
        }
        return sum;
    }

    static long requireActualDecigrams(Long actualDecigrams) {
        return requireActual(actualDecigrams);
    }

    private static long requireActual(Long actualDecigrams) {
        if (actualDecigrams == null) {
            throw new DomainException(ErrorCode.INVALID_MASS, "actual mass is missing");
        }
        if (actualDecigrams < 0 || actualDecigrams > MAX_ACTUAL_DECIGRAMS) {
            throw new DomainException(ErrorCode.INVALID_MASS, "actual mass must be " + Masses.formatDecigrams(0) + ".."
                    + Masses.formatDecigrams(MAX_ACTUAL_DECIGRAMS) + ", got " + Masses.formatDecigrams(actualDecigrams));
        }
        return actualDecigrams;
    }

    private static long ceilDiv(long dividend, long divisor) {
        return (dividend + divisor - 1) / divisor;
    }
}
