package org.fairmark.domain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The reference test of a lot of prepackages, as legal-metrology inspectors run it: OIML R 87 (Quantity of product in
 * prepackages) and China's JJF 1070 (定量包装商品净含量计量检验规则), which share this sampling plan (JJF 1070-2005
 * Table 2 and 《定量包装商品计量监督管理办法》 附表 4; OIML R 87 Table 2 for lots of 100 and more):
 *
 * <pre>
 *  lot size N     sample n   λ = t(0.995, n−1)/√n   T1 errors allowed   T2 errors allowed
 *  1 – 10         N (all)    —  (mean ≥ Qn)          0                   0
 *  11 – 50        10         1.028                   0                   0
 *  51 – 99        13         0.848                   1                   0
 *  100 – 500      50         0.379                   3                   0
 *  501 – 3 200    80         0.295                   5                   0
 *  over 3 200     125        0.234                   7                   0
 * </pre>
 *
 * <p>A lot passes when the sample has at most the allowed T1 errors, no T2 error, and its mean net content meets
 * x̄ ≥ Qn − λ·s (s the sample standard deviation). For lots of 1 to 10, every package is weighed and the mean must
 * reach Qn: JJF 1070 checks only single packages there, the EU reference test (76/211/EEC, UK SI 2006/659 Schedule 2
 * 4.7) asks the whole-lot mean to reach Qn; Fairmark applies the stricter reading. The criterion is decided in exact
 * integer arithmetic (λ in thousandths, masses in decigrams), so every endorser reaches the same verdict.
 *
 * <pre>{@code
 * LotInspectionPlan.forLot(1200);                 // n = 80, 5 T1 allowed, λ = 0.295
 * LotInspectionPlan.judge(500, 1200, masses);     // PASS or FAIL with the reasons
 * }</pre>
 *
 * @param minLotSize smallest lot of the band
 * @param maxLotSize largest lot of the band, {@link Long#MAX_VALUE} for the last band
 * @param sampleSize packages to weigh, 0 for "every package of the lot"
 * @param lambdaThousandths λ × 1000, 0 when the mean must reach Qn
 * @param allowedT1 T1 errors allowed in the sample
 */
public record LotInspectionPlan(
        long minLotSize, long maxLotSize, int sampleSize, int lambdaThousandths, int allowedT1) {
    /** T2 errors are never allowed. */
    public static final int ALLOWED_T2 = 0;

    /** The bands of the plan, smallest lots first. */
    public static final List<LotInspectionPlan> PLANS = List.of(
            new LotInspectionPlan(1, 10, 0, 0, 0),
            new LotInspectionPlan(11, 50, 10, 1028, 0),
            new LotInspectionPlan(51, 99, 13, 848, 1),
            new LotInspectionPlan(100, 500, 50, 379, 3),
            new LotInspectionPlan(501, 3200, 80, 295, 5),
            new LotInspectionPlan(3201, Long.MAX_VALUE, 125, 234, 7));

    /**
     * The plan for a lot of {@code lotSize} packages.
     *
     * @throws DomainException {@link ErrorCode#INVALID_SAMPLE} when {@code lotSize < 1}
     */
    public static LotInspectionPlan forLot(long lotSize) {
        if (lotSize < 1) {
            throw new DomainException(ErrorCode.INVALID_SAMPLE, "the lot holds no package");
        }
        for (LotInspectionPlan plan : PLANS) {
            if (lotSize <= plan.maxLotSize()) {
                return plan;
            }
        }
        throw new AssertionError("the last band is open");
    }

    /** The number of packages to weigh from a lot of {@code lotSize}. */
    public int sampleSizeFor(long lotSize) {
        return sampleSize == 0 ? Math.toIntExact(lotSize) : sampleSize;
    }

    static Integer printedLambdaThousandths(int n) {
        for (LotInspectionPlan plan : PLANS) {
            if (plan.sampleSize() == n) {
                return plan.lambdaThousandths();
            }
        }
        return null;
    }

    /**
     * The judgement of a lot from its sample.
     *
     * @param lotSize N
     * @param sampleSize n
     * @param lambdaThousandths λ × 1000 used, 0 when the mean must reach Qn
     * @param allowedT1 T1 errors allowed
     * @param t1Count packages in the sample with a T1 error (deficiency over T, at most 2T)
     * @param t2Count packages with a T2 error (deficiency over 2T)
     * @param meanDecigramsFloor the sample mean, rounded down
     * @param standardDeviationDecigramsFloor s, rounded down (0 for one package)
     * @param meanLimitDecigramsCeiling Qn − λ·s rounded up, for display; the verdict uses the exact comparison
     * @param meanMet whether x̄ ≥ Qn − λ·s
     * @param passed whether the lot passes: T1 within the allowance, no T2, mean criterion met
     * @param reasons why the lot failed, empty when it passed
     */
    public record Verdict(
            long nominalGrams,
            long tolerableDeficiencyDecigrams,
            long lotSize,
            long sampleSize,
            long lambdaThousandths,
            long allowedT1,
            long t1Count,
            long t2Count,
            long meanDecigramsFloor,
            long standardDeviationDecigramsFloor,
            long meanLimitDecigramsCeiling,
            boolean meanMet,
            boolean passed,
            List<String> reasons) {
        public Verdict {
            reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons == null"));
        }
    }

    /**
     * Judges a lot of {@code lotSize} packages of {@code nominalGrams} from the net masses of its sample.
     *
     * @throws DomainException {@link ErrorCode#INVALID_SAMPLE} when the sample size is not the plan's;
     *     {@link ErrorCode#INVALID_MASS} for masses out of range
     */
    public static Verdict judge(long nominalGrams, long lotSize, List<Long> sampleDecigrams) {
        Objects.requireNonNull(sampleDecigrams, "sampleDecigrams == null");
        LotInspectionPlan plan = forLot(lotSize);
        int n = plan.sampleSizeFor(lotSize);
        if (sampleDecigrams.size() != n) {
            throw new DomainException(ErrorCode.INVALID_SAMPLE, "a lot of " + lotSize + " packages needs a sample of "
                    + n + (plan.sampleSize() == 0 ? " (every package)" : "") + ", got " + sampleDecigrams.size());
        }
        ShortWeight.WeighingVerdict packages = ShortWeight.judgeEach(nominalGrams, sampleDecigrams);
        boolean meanMet = meanCriterionMet(nominalGrams, sampleDecigrams, plan.lambdaThousandths());
        List<String> reasons = new ArrayList<>();
        if (packages.t2Count() > ALLOWED_T2) {
            reasons.add(packages.t2Count() + " package(s) short by more than 2T; none is allowed");
        }
        if (packages.t1Count() > plan.allowedT1()) {
            reasons.add(packages.t1Count() + " package(s) short by more than T; " + plan.allowedT1() + " allowed");
        }
        long limitCeiling = meanLimitDecigramsCeiling(nominalGrams, sampleDecigrams, plan.lambdaThousandths());
        if (!meanMet) {
            reasons.add("mean " + Masses.formatDecigrams(packages.averageDecigramsFloor()) + " is below "
                    + (plan.lambdaThousandths() == 0 ? "Qn " : "Qn − λ·s = ") + Masses.formatDecigrams(limitCeiling));
        }
        return new Verdict(nominalGrams, packages.tolerableDeficiencyDecigrams(), lotSize, n, plan.lambdaThousandths(),
                plan.allowedT1(), packages.t1Count(), packages.t2Count(), packages.averageDecigramsFloor(),
                standardDeviationFloor(sampleDecigrams), limitCeiling, meanMet, reasons.isEmpty(), reasons);
    }

    /**
     * Whether x̄ ≥ Qn − λ·s, exactly: with S = Σx, S2 = Σx², D = n·Qn − S, it holds when D ≤ 0, or when λ &gt; 0 and
     * L²·(n·S2 − S²)·n ≥ 10⁶·(n − 1)·D² (λ = L / 1000). With λ = 0 it is the plain x̄ ≥ Qn.
     *
     * @throws DomainException {@link ErrorCode#INVALID_ARGUMENT} for an empty sample, {@link ErrorCode#INVALID_MASS}
     *     for masses out of range
     */
    public static boolean meanCriterionMet(long nominalGrams, List<Long> sampleDecigrams, int lambdaThousandths) {
        Masses.requireNominalMass(nominalGrams);
        if (sampleDecigrams.isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_ARGUMENT, "no package was weighed");
        }
        BigInteger n = BigInteger.valueOf(sampleDecigrams.size());
        BigInteger sum = BigInteger.ZERO;
        BigInteger sumSquares = BigInteger.ZERO;
        for (Long x : sampleDecigrams) {
            long v = ShortWeight.requireActualDecigrams(x);
            sum = sum.add(BigInteger.valueOf(v));
            sumSquares = sumSquares.add(BigInteger.valueOf(v).pow(2));
        }
        BigInteger deficit = n.multiply(BigInteger.valueOf(nominalGrams * 10)).subtract(sum);
        if (deficit.signum() <= 0) {
            return true;
        }
        if (lambdaThousandths == 0 || sampleDecigrams.size() < 2) {
            return false;
        }
        BigInteger l2 = BigInteger.valueOf(lambdaThousandths).pow(2);
        BigInteger left = l2.multiply(n.multiply(sumSquares).subtract(sum.pow(2))).multiply(n);
        BigInteger right = BigInteger.valueOf(1_000_000).multiply(n.subtract(BigInteger.ONE)).multiply(deficit.pow(2));
        return left.compareTo(right) >= 0;
    }

    /** floor(s) in decigrams: s² = (n·S2 − S²) / (n·(n − 1)). */
    static long standardDeviationFloor(List<Long> sampleDecigrams) {
        if (sampleDecigrams.size() < 2) {
            return 0;
        }
        BigInteger[] v = variance(sampleDecigrams);
        return v[0].divide(v[1]).sqrt().longValueExact();
    }

    /** Qn − λ·s rounded up, in decigrams: Qn·10 − floor(λ·s), with floor(λ·s) = floor(√(L²·s²) / 1000). */
    static long meanLimitDecigramsCeiling(long nominalGrams, List<Long> sampleDecigrams, int lambdaThousandths) {
        if (lambdaThousandths == 0 || sampleDecigrams.size() < 2) {
            return nominalGrams * 10;
        }
        BigInteger[] v = variance(sampleDecigrams);
        BigInteger lambdaS = v[0].multiply(BigInteger.valueOf(lambdaThousandths).pow(2)).divide(v[1]).sqrt()
                .divide(BigInteger.valueOf(1000));
        return nominalGrams * 10 - lambdaS.longValueExact();
    }

    private static BigInteger[] variance(List<Long> xs) {
        BigInteger n = BigInteger.valueOf(xs.size());
        BigInteger sum = BigInteger.ZERO;
        BigInteger sumSquares = BigInteger.ZERO;
        for (Long x : xs) {
            sum = sum.add(BigInteger.valueOf(x));
            sumSquares = sumSquares.add(BigInteger.valueOf(x).pow(2));
        }
        return new BigInteger[] {n.multiply(sumSquares).subtract(sum.pow(2)), n.multiply(n.subtract(BigInteger.ONE))};
    }
}
