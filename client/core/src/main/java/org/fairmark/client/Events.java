package org.fairmark.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fairmark.client.LedgerEvent.BatchRecalled;
import org.fairmark.client.LedgerEvent.BatchRegistered;
import org.fairmark.client.LedgerEvent.CustodyAccepted;
import org.fairmark.client.LedgerEvent.CustodyHandedOver;
import org.fairmark.client.LedgerEvent.DisputeOpened;
import org.fairmark.client.LedgerEvent.DisputeResolved;
import org.fairmark.client.LedgerEvent.DisputeTaken;
import org.fairmark.client.LedgerEvent.DisputeWithdrawn;
import org.fairmark.client.LedgerEvent.EventInfo;
import org.fairmark.client.LedgerEvent.InspectionRecorded;
import org.fairmark.client.LedgerEvent.LabelKeyRegistered;
import org.fairmark.client.LedgerEvent.LabelKeyRevoked;
import org.fairmark.client.LedgerEvent.LabelScanned;
import org.fairmark.client.LedgerEvent.Other;
import org.fairmark.client.LedgerEvent.PackagesPacked;
import org.fairmark.client.LedgerEvent.ReceiptRecorded;
import org.fairmark.client.LedgerEvent.ScanPolicySet;
import org.fairmark.client.LedgerEvent.StandardPublished;

/** Types raw chaincode events as {@link LedgerEvent}s. */
final class Events {
    private Events() {}

    /** Types a raw chaincode event; a payload that is not JSON yields {@link Other}. */
    static LedgerEvent of(String name, long blockNumber, String transactionId, byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(payload);
        } catch (java.io.IOException e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            return new Other(new EventInfo(name, blockNumber, transactionId, null, null, text));
        }
        JsonNode p = json;
        EventInfo info = new EventInfo(name, blockNumber, transactionId, Fields.text(p, "requestId"),
                Fields.text(p, "timestamp"), text);
        return switch (name) {
            case "BatchRegistered" -> new BatchRegistered(info, Fields.text(p, "gtin"), Fields.text(p, "lot"),
                    Fields.text(p, "producerOrg"), Fields.text(p, "countyCode"), Fields.number(p, "declaredMassGrams"));
            case "StandardPublished" -> new StandardPublished(info, Fields.text(p, "code"), Fields.text(p, "version"),
                    Fields.text(p, "product"), Fields.text(p, "publisherOrg"));
            case "InspectionRecorded" -> new InspectionRecorded(info, Fields.text(p, "gtin"), Fields.text(p, "lot"),
                    Fields.text(p, "inspectionId"), Fields.text(p, "grade"), Fields.text(p, "verdict"),
                    Fields.text(p, "inspectorOrg"), Fields.text(p, "producerOrg"));
            case "PackagesPacked" -> new PackagesPacked(info, Fields.text(p, "gtin"), Fields.text(p, "lot"),
                    Fields.text(p, "packingId"), Fields.number(p, "packageCount"), Fields.number(p, "nominalTotalGrams"),
                    Fields.text(p, "packerOrg"), Fields.text(p, "producerOrg"), Fields.texts(p, "serials"));
            case "LabelKeyRegistered" -> new LabelKeyRegistered(info, Fields.text(p, "keyId"), Fields.text(p, "ownerOrg"));
            case "LabelKeyRevoked" -> new LabelKeyRevoked(info, Fields.text(p, "keyId"), Fields.text(p, "ownerOrg"));
            case "CustodyHandedOver" -> new CustodyHandedOver(info, Fields.text(p, "fromOrg"), Fields.text(p, "toOrg"),
                    Fields.texts(p, "packages"));
            case "CustodyAccepted" -> new CustodyAccepted(info, Fields.text(p, "toOrg"), Fields.texts(p, "packages"));
            case "ReceiptRecorded" -> new ReceiptRecorded(info, Fields.text(p, "receiptId"), Fields.text(p, "receiverOrg"),
                    Fields.number(p, "t1Count"), Fields.number(p, "t2Count"), Fields.bool(p, "averageMet"));
            case "DisputeOpened" -> new DisputeOpened(info, Fields.text(p, "disputeId"), Fields.text(p, "type"),
                    Fields.text(p, "gtin"), Fields.text(p, "lot"), Fields.text(p, "claimantOrg"),
                    Fields.text(p, "respondentOrg"));
            case "DisputeTaken" -> new DisputeTaken(info, Fields.text(p, "disputeId"), Fields.text(p, "reviewerOrg"));
            case "DisputeResolved" -> new DisputeResolved(info, Fields.text(p, "disputeId"), Fields.text(p, "outcome"),
                    Fields.text(p, "remedy"), Fields.number(p, "amountFen"), Fields.text(p, "gtin"),
                    Fields.text(p, "lot"), Fields.text(p, "respondentOrg"));
            case "DisputeWithdrawn" -> new DisputeWithdrawn(info, Fields.text(p, "disputeId"),
                    Fields.text(p, "claimantOrg"));
            case "BatchRecalled" -> new BatchRecalled(info, Fields.text(p, "gtin"), Fields.text(p, "lot"),
                    Fields.text(p, "recalledByOrg"), Fields.text(p, "producerOrg"));
            case "LabelScanned" -> new LabelScanned(info, Fields.text(p, "gtin"), Fields.text(p, "lot"),
                    Fields.text(p, "serial"), Fields.number(p, "scanCount"), Fields.bool(p, "cloneSuspected"));
            case "ScanPolicySet" -> new ScanPolicySet(info, Fields.number(p, "maxScans"),
                    Fields.number(p, "maxSpeedKmPerHour"));
            default -> new Other(info);
        };
    }

    /** Lenient readers of payload fields: absent or mistyped fields read as null (or an empty list). */
    static final class Fields {
        private Fields() {}

        static String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
        }

        static Long number(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value != null && value.canConvertToLong() ? value.asLong() : null;
        }

        static Boolean bool(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value != null && value.isBoolean() ? value.asBoolean() : null;
        }

        static List<String> texts(JsonNode node, String field) {
            List<String> values = new ArrayList<>();
            JsonNode value = node.get(field);
            if (value != null && value.isArray()) {
                value.forEach(item -> values.add(item.asText()));
            }
            return values;
        }
    }
}
