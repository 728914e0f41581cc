package org.fairmark.client;

import java.util.List;
import java.util.Objects;
import org.fairmark.domain.model.Scan;
import org.fairmark.domain.model.Trace;

/**
 * A label checked against the ledger: the verdict a buyer sees first, why, and the provenance behind it.
 *
 * <pre>{@code
 * OnlineVerification check = client.participant().verifyLabel(uri);
 * switch (check.status()) {
 *     case GENUINE -> show(check.trace());
 *     case RECALLED, UNDER_DISPUTE -> warn(check.warnings());
 *     case FORGED, UNKNOWN -> alarm(check.rejection());
 * }
 * }</pre>
 *
 * @param status the verdict
 * @param rejection why the label is not genuine; {@code null} for GENUINE, RECALLED and UNDER_DISPUTE
 * @param detail an English sentence explaining the verdict
 * @param label the label as read; {@code null} when it could not be read
 * @param trace the package's provenance (batch, inspections, custody, weighings, disputes, recall, scans);
 *     {@code null} when the label is forged or unknown
 * @param scan the scan recorded by this verification, or {@code null}
 * @param warnings further findings for the buyer: clone suspicion, upheld rulings, a package still in transit
 */
public record OnlineVerification(
        LiveStatus status,
        LabelRejection rejection,
        String detail,
        SignedLabel label,
        Trace trace,
        Scan scan,
        List<String> warnings) {

    public OnlineVerification {
        Objects.requireNonNull(status, "status == null");
        Objects.requireNonNull(detail, "detail == null");
        warnings = List.copyOf(warnings);
    }

    /** True when the label is genuine and the package neither recalled nor disputed. */
    public boolean isGenuine() {
        return status == LiveStatus.GENUINE;
    }

    /** True when the ledger suspects the serial's label was copied. */
    public boolean cloneSuspected() {
        if (scan != null && Boolean.TRUE.equals(scan.cloneSuspected())) {
            return true;
        }
        return trace != null && trace.scans() != null && Boolean.TRUE.equals(trace.scans().cloneSuspected());
    }
}
