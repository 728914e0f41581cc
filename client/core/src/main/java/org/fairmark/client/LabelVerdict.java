package org.fairmark.client;

import java.util.Objects;
import org.fairmark.domain.model.LabelKey;

/**
 * The outcome of verifying a label offline: {@link Genuine} or {@link Rejected} with the reason. A {@code switch}
 * over it must cover both.
 *
 * <pre>{@code
 * String text = switch (verifier.verify(uri)) {
 *     case LabelVerdict.Genuine genuine -> "genuine, packed by " + genuine.key().ownerOrg();
 *     case LabelVerdict.Rejected rejected -> "rejected: " + rejected.reason();
 * };
 * }</pre>
 */
public sealed interface LabelVerdict permits LabelVerdict.Genuine, LabelVerdict.Rejected {

    /** True for {@link Genuine}. */
    boolean isGenuine();

    /**
     * The signature verifies with a registered, unrevoked key of a trusted organization.
     *
     * @param label the label read
     * @param key the label key that signed it, as the trust bundle records it
     */
    record Genuine(SignedLabel label, LabelKey key) implements LabelVerdict {
        public Genuine {
            Objects.requireNonNull(label, "label == null");
            Objects.requireNonNull(key, "key == null");
        }

        @Override
        public boolean isGenuine() {
            return true;
        }
    }

    /**
     * The label is not accepted.
     *
     * @param reason why
     * @param detail an English sentence for logs and support
     * @param label the label as read, or {@code null} when it could not be read ({@link LabelRejection#MALFORMED},
     *     {@link LabelRejection#TRUNCATED})
     */
    record Rejected(LabelRejection reason, String detail, SignedLabel label) implements LabelVerdict {
        public Rejected {
            Objects.requireNonNull(reason, "reason == null");
            Objects.requireNonNull(detail, "detail == null");
        }

        @Override
        public boolean isGenuine() {
            return false;
        }
    }
}
