package org.fairmark.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a write is resubmitted when Fabric invalidates it with {@code MVCC_READ_CONFLICT} or
 * {@code PHANTOM_READ_CONFLICT} (another transaction changed what it read). Resubmitting is safe because the request
 * keeps its request id: the contract returns the first result if an earlier attempt did commit.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder()
 *         .maxAttempts(6)
 *         .initialBackoff(Duration.ofMillis(20))
 *         .maxBackoff(Duration.ofSeconds(1))
 *         .build();
 * }</pre>
 *
 * <p>Backoff doubles from {@link #initialBackoff()} up to {@link #maxBackoff()}, with full jitter so that clients
 * that collided do not collide again.
 */
public final class RetryPolicy {
    /** Eight attempts, 50 ms doubling up to 2 s (Fabric orders blocks every second or two). */
    public static final RetryPolicy DEFAULT = builder().build();
    /** One attempt: conflicts are reported at once. */
    public static final RetryPolicy NONE = builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    private RetryPolicy(Builder builder) {
        this.maxAttempts = builder.maxAttempts;
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
    }

    /** A builder starting from the defaults of {@link #DEFAULT}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Attempts in all, the first included; at least 1. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The longest wait before the second attempt. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** The cap of the wait between attempts. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** The wait before attempt {@code attempt + 1} (attempt counts from 1): uniformly random up to the capped backoff. */
    Duration backoff(int attempt) {
        long base = initialBackoff.toMillis();
        long cap = maxBackoff.toMillis();
        long ceiling = base;
        for (int i = 1; i < attempt && ceiling < cap; i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, cap);
        return Duration.ofMillis(ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                + maxBackoff + "]";
    }

    /** Builds a {@link RetryPolicy}. */
    public static final class Builder {
        private int maxAttempts = 8;
        private Duration initialBackoff = Duration.ofMillis(50);
        private Duration maxBackoff = Duration.ofSeconds(2);

        private Builder() {}

        /** Attempts in all, 1..100. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException("maxAttempts must be 1..100, got " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The wait before the second attempt; not negative. */
        public Builder initialBackoff(Duration initialBackoff) {
            Objects.requireNonNull(initialBackoff, "initialBackoff == null");
            if (initialBackoff.isNegative()) {
                throw new IllegalArgumentException("initialBackoff must not be negative");
            }
            this.initialBackoff = initialBackoff;
            return this;
        }

        /** The longest wait between two attempts; not negative. */
        public Builder maxBackoff(Duration maxBackoff) {
            Objects.requireNonNull(maxBackoff, "maxBackoff == null");
            if (maxBackoff.isNegative()) {
                throw new IllegalArgumentException("maxBackoff must not be negative");
            }
            this.maxBackoff = maxBackoff;
            return this;
        }

        /** The policy; the backoff cap is raised to the initial backoff when lower. */
        public RetryPolicy build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                maxBackoff = initialBackoff;
            }
            return new RetryPolicy(this);
        }
    }
}
