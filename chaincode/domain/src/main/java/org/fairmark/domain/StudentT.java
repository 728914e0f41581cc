package org.fairmark.domain;

/**
 * The correction factor λ = t(0.995, n − 1) / √n of the mean criterion x̄ ≥ Qn − λ·s (OIML R 87, JJF 1070), in
 * thousandths.
 *
 * <p>The sample sizes of the lot inspection plan use the values printed in the standards' tables
 * ({@link LotInspectionPlan}); any other sample size (a buyer's receipt of n packages) gets the quantile computed here.
 * It is computed with {@link StrictMath} only, whose results are the same bit for bit on every JVM, so every endorser
 * derives the same λ.
 */
public final class StudentT {
    private StudentT() {}

    /**
     * λ for a sample of {@code n} packages, rounded to the nearest thousandth; the standards' printed value for the plan
     * sizes 10, 13, 50, 80 and 125.
     *
     * @throws IllegalArgumentException unless {@code 2 <= n <= 100000}
     */
    public static int lambdaThousandths(int n) {
        if (n < 2 || n > 100_000) {
            throw new IllegalArgumentException("n must be 2..100000, got " + n);
        }
        Integer printed = LotInspectionPlan.printedLambdaThousandths(n);
        if (printed != null) {
            return printed;
        }
        return (int) StrictMath.floor(quantile995(n - 1) / StrictMath.sqrt(n) * 1000 + 0.5);
    }

    /** The 0.995 quantile of Student's t distribution with {@code df} degrees of freedom, by bisection. */
    static double quantile995(int df) {
        double lo = 0;
        double hi = 1000;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (cdf(mid, df) < 0.995) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** P(T ≤ t) for t ≥ 0: 1 − ½·I_x(df/2, ½) with x = df / (df + t²). */
    static double cdf(double t, int df) {
        double x = df / (df + t * t);
        return 1 - 0.5 * regularizedBeta(x, df / 2.0, 0.5);
    }

    private static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = StrictMath.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b)
                + a * StrictMath.log(x) + b * StrictMath.log(1 - x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * continuedFraction(x, a, b) / a;
        }
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    /** Lentz's evaluation of the continued fraction of the incomplete beta function. */
    private static double continuedFraction(double x, double a, double b) {
        double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = StrictMath.abs(d) < tiny ? 1 / tiny : 1 / d;
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + aa * d;
            d = StrictMath.abs(d) < tiny ? 1 / tiny : 1 / d;
            c = 1 + aa / c;
            c = StrictMath.abs(c) < tiny ? tiny : c;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + aa * d;
            d = StrictMath.abs(d) < tiny ? 1 / tiny : 1 / d;
            c = 1 + aa / c;
            c = StrictMath.abs(c) < tiny ? tiny : c;
            double delta = d * c;
            h *= delta;
            if (StrictMath.abs(delta - 1) < 1e-15) {
                break;
            }
        }
        return h;
    }

    /** ln Γ(x) for x &gt; 0 (Lanczos, g = 7, nine coefficients). */
    private static double lnGamma(double x) {
        double[] g = {
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
        };
        double y = x - 1;
        double sum = g[0];
        for (int i = 1; i < g.length; i++) {
            sum += g[i] / (y + i);
        }
        double t = y + 7.5;
        return 0.5 * StrictMath.log(2 * StrictMath.PI) + (y + 0.5) * StrictMath.log(t) - t + StrictMath.log(sum);
    }
}
