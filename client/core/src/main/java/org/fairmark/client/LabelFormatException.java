package org.fairmark.client;

import java.util.Objects;
import org.fairmark.domain.ErrorCode;

/**
 * A label could not be read: the text is not a Fairmark label URI, a part is cut off, or an image holds no readable
 * QR code. {@link #reason()} says which, in the same terms a {@link LabelVerdict.Rejected} verdict uses; the code is
 * always {@link ErrorCode#INVALID_ARGUMENT} and the stage {@link Stage#CLIENT}.
 *
 * <pre>{@code
 * try {
 *     SignedLabel label = SignedLabel.parse(scannedText);
 * } catch (LabelFormatException e) {
 *     show(e.reason());            // MALFORMED or TRUNCATED
 * }
 * }</pre>
 */
public final class LabelFormatException extends FairmarkException {
    private static final long serialVersionUID = 1L;

    private final LabelRejection reason;

    LabelFormatException(LabelRejection reason, String detail) {
        this(reason, detail, null);
    }

    LabelFormatException(LabelRejection reason, String detail, Throwable cause) {
        super(ErrorCode.INVALID_ARGUMENT, Objects.requireNonNull(reason, "reason == null").name().toLowerCase(java.util.Locale.ROOT)
                + " label: " + detail, Stage.CLIENT, null, null, false, cause);
        this.reason = reason;
    }

    /** Why the label could not be read: {@link LabelRejection#MALFORMED} or {@link LabelRejection#TRUNCATED}. */
    public LabelRejection reason() {
        return reason;
    }
}
