package org.fairmark.client;

import java.util.List;
import java.util.Objects;

/**
 * A chaincode event, typed by its name. Every write of the contract emits exactly one; {@link Other} covers names this
 * client does not know yet, so a newer contract never breaks an older listener. A {@code switch} must cover every
 * case:
 *
 * <pre>{@code
 * switch (event) {
 *     case LedgerEvent.BatchRecalled recalled -> alertShops(recalled.gtin(), recalled.lot());
 *     case LedgerEvent.DisputeResolved resolved -> notifyProducer(resolved.disputeId(), resolved.outcome());
 *     default -> log(event.info().name());
 * }
 * }</pre>
 */
public sealed interface LedgerEvent {

    /** Name, position and correlation ids common to every event. */
    EventInfo info();

    /**
     * What every event carries.
     *
     * @param name the event name, e.g. {@code BatchRegistered}
     * @param blockNumber the block that committed the transaction
     * @param transactionId the transaction that emitted it
     * @param requestId the request id of the write
     * @param timestamp the transaction timestamp, ISO-8601
     * @param payload the raw JSON payload
     */
    record EventInfo(
            String name, long blockNumber, String transactionId, String requestId, String timestamp, String payload) {
        public EventInfo {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(transactionId, "transactionId == null");
        }
    }

    /** {@code BatchRegistered}. */
    record BatchRegistered(EventInfo info, String gtin, String lot, String producerOrg, String countyCode,
            Long declaredMassGrams) implements LedgerEvent {}

    /** {@code StandardPublished}. */
    record StandardPublished(EventInfo info, String code, String version, String product, String publisherOrg)
            implements LedgerEvent {}

    /** {@code InspectionRecorded}. */
    record InspectionRecorded(EventInfo info, String gtin, String lot, String inspectionId, String grade,
            String verdict, String inspectorOrg, String producerOrg) implements LedgerEvent {}

    /** {@code PackagesPacked}. */
    record PackagesPacked(EventInfo info, String gtin, String lot, String packingId, Long packageCount,
            Long nominalTotalGrams, String packerOrg, String producerOrg, List<String> serials) implements LedgerEvent {
        public PackagesPacked {
            serials = List.copyOf(serials);
        }
    }

    /** {@code LabelKeyRegistered}. */
    record LabelKeyRegistered(EventInfo info, String keyId, String ownerOrg) implements LedgerEvent {}

    /** {@code LabelKeyRevoked}. */
    record LabelKeyRevoked(EventInfo info, String keyId, String ownerOrg) implements LedgerEvent {}

    /** {@code CustodyHandedOver}; packages as {@code gtin/lot/serial}. */
    record CustodyHandedOver(EventInfo info, String fromOrg, String toOrg, List<String> packages) implements LedgerEvent {
        public CustodyHandedOver {
            packages = List.copyOf(packages);
        }
    }

    /** {@code CustodyAccepted}; packages as {@code gtin/lot/serial}. */
    record CustodyAccepted(EventInfo info, String toOrg, List<String> packages) implements LedgerEvent {
        public CustodyAccepted {
            packages = List.copyOf(packages);
        }
    }

    /** {@code ReceiptRecorded}. */
    record ReceiptRecorded(EventInfo info, String receiptId, String receiverOrg, Long t1Count, Long t2Count,
            Boolean averageMet) implements LedgerEvent {}

    /** {@code DisputeOpened}. */
    record DisputeOpened(EventInfo info, String disputeId, String type, String gtin, String lot, String claimantOrg,
            String respondentOrg) implements LedgerEvent {}

    /** {@code DisputeTaken}. */
    record DisputeTaken(EventInfo info, String disputeId, String reviewerOrg) implements LedgerEvent {}

    /** {@code DisputeResolved}. */
    record DisputeResolved(EventInfo info, String disputeId, String outcome, String remedy, Long amountFen,
            String gtin, String lot, String respondentOrg) implements LedgerEvent {}

    /** {@code DisputeWithdrawn}. */
    record DisputeWithdrawn(EventInfo info, String disputeId, String claimantOrg) implements LedgerEvent {}

    /** {@code BatchRecalled}. */
    record BatchRecalled(EventInfo info, String gtin, String lot, String recalledByOrg, String producerOrg)
            implements LedgerEvent {}

    /** {@code LabelScanned}. */
    record LabelScanned(EventInfo info, String gtin, String lot, String serial, Long scanCount, Boolean cloneSuspected)
            implements LedgerEvent {}

    /** {@code ScanPolicySet}. */
    record ScanPolicySet(EventInfo info, Long maxScans, Long maxSpeedKmPerHour) implements LedgerEvent {}

    /** An event this client does not know by name; read {@link EventInfo#payload()}. */
    record Other(EventInfo info) implements LedgerEvent {}
}
