package org.fairmark.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.fairmark.domain.AdministrativeDivisions;
import org.fairmark.domain.BusinessDates;
import org.fairmark.domain.ShortWeight;
import org.fairmark.domain.model.Batch;
import org.fairmark.domain.model.Custody;
import org.fairmark.domain.model.CustodyHop;
import org.fairmark.domain.model.Inspection;
import org.fairmark.domain.model.PackageRecord;
import org.fairmark.domain.model.PackingRun;
import org.fairmark.domain.model.RecallRecord;
import org.fairmark.domain.model.Receipt;
import org.fairmark.domain.model.Trace;
import org.fairmark.domain.model.Verdict;

/**
 * A batch's history as an EPCIS 2.0 JSON-LD document ({@code EPCISDocument}, schema version 2.0), with CBV 2.0
 * business steps and dispositions:
 *
 * <table>
 *   <caption>Events</caption>
 *   <tr><th>ledger fact</th><th>EPCIS event</th><th>bizStep</th><th>disposition</th></tr>
 *   <tr><td>batch registered</td><td>ObjectEvent ADD of the LGTIN class, declared mass in KGM</td><td>commissioning</td><td>active</td></tr>
 *   <tr><td>inspection</td><td>ObjectEvent OBSERVE of the class, sampled mass</td><td>inspecting</td><td>conformant / non_conformant</td></tr>
 *   <tr><td>packing run</td><td>TransformationEvent: class quantity in, SGTINs out</td><td>packing</td><td>active</td></tr>
 *   <tr><td>hand-over</td><td>ObjectEvent OBSERVE of the SGTINs, owning parties from → to</td><td>shipping</td><td>in_transit</td></tr>
 *   <tr><td>acceptance</td><td>ObjectEvent OBSERVE of the SGTINs</td><td>receiving</td><td>active</td></tr>
 *   <tr><td>receipt weighing</td><td>ObjectEvent OBSERVE of the weighed SGTINs, findings as extensions</td><td>accepting</td><td>conformant / non_conformant (any T1/T2)</td></tr>
 *   <tr><td>recall</td><td>ObjectEvent OBSERVE of the class</td><td>holding</td><td>recalled</td></tr>
 * </table>
 *
 * <p>Identifiers are EPC URIs by default ({@code urn:epc:class:lgtin:…} for the batch, {@code urn:epc:id:sgtin:…} for
 * packages), which need the length of the GS1 company prefix inside the GTIN (default 7, as for most 690–691 Chinese
 * prefixes); or GS1 Digital Link URIs ({@code https://id.gs1.org/01/…}). Fairmark facts without a CBV field are
 * extensions in the {@code fm:} namespace ({@code urn:fairmark:epcis:}). Event ids are {@code urn:fairmark:tx:<txId>}
 * (suffixed when one transaction yields several events).
 *
 * <p>Parties stay ids in the events ({@code urn:fairmark:msp:<mspId>} in {@code sourceList}/{@code destinationList},
 * MSP ids in {@code fm:*Org}); who they are is master data in {@code epcisHeader.epcisMasterData}: a vocabulary of type
 * {@code urn:epcglobal:epcis:vtype:Party} with each organization's profile (CBV {@code urn:epcglobal:cbv:mda#name} in
 * Chinese, {@code fm:} English name, unified social credit code, kind, county), and one of type
 * {@code urn:fairmark:epcis:vtype:AdministrativeDivision} ({@code urn:fairmark:gbt2260:<code>}) with the full GB/T 2260
 * names of the origin and the organizations' counties. An organization without a profile is listed by its MSP id only.
 *
 * <pre>{@code
 * String jsonLd = EpcisExport.builder(client.participant()).companyPrefixLength(7).build()
 *         .batchHistory("06901234567892", "QX-2024-001");
 * }</pre>
 */
public final class EpcisExport {
    /** The JSON-LD namespace of Fairmark extensions, bound to the prefix {@code fm}. */
    public static final String NAMESPACE = "urn:fairmark:epcis:";
    /** The standard EPCIS 2.0 JSON-LD context. */
    public static final String EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/epcis-context.jsonld";
    private static final String TIME_ZONE = BusinessDates.OFFSET.getId();

    private final Participant ledger;
    private final int companyPrefixLength;
    private final boolean digitalLinks;
    private final boolean includeCustody;

    private EpcisExport(Builder builder) {
        this.ledger = builder.ledger;
        this.companyPrefixLength = builder.companyPrefixLength;
        this.digitalLinks = builder.digitalLinks;
        this.includeCustody = builder.includeCustody;
    }

    /** A builder reading through {@code ledger} (any role's facade). */
    public static Builder builder(Participant ledger) {
        return new Builder(ledger);
    }

    /**
     * The EPCIS document of a batch: its registration, inspections, packing runs, custody of every package and recall.
     * Reads {@code trace:Batch}, every page of the batch's packages and, with custody, {@code trace:Package} per
     * package.
     *
     * @throws FairmarkException when the ledger refuses (e.g. {@code BATCH_NOT_FOUND})
     */
    public String batchHistory(String gtin, String lot) {
        Trace trace = ledger.traceBatch(gtin, lot);
        Batch batch = trace.batch().batch();
        List<PackageRecord> packages = ledger.allPackages(gtin, lot);
        List<ObjectNode> events = new ArrayList<>();
        events.add(commissioning(batch));
        for (Inspection inspection : trace.inspections()) {
            events.add(inspecting(batch, inspection));
        }
        for (PackingRun run : trace.packingRuns()) {
            List<String> serials = packages.stream()
                    .filter(pkg -> run.packingId().equals(pkg.packingId()))
                    .map(PackageRecord::serial)
                    .toList();
            events.add(packing(batch, run, serials));
        }
        if (includeCustody && !packages.isEmpty()) {
            events.addAll(custody(batch, packages));
        }
        if (trace.recall() != null) {
            events.add(recall(batch, trace.recall()));
        }
        events.sort(Comparator.comparing(event -> Instant.parse(event.get("eventTime").asText())));

        Set<String> orgs = new TreeSet<>();
        orgs.add(batch.producerOrg());
        events.forEach(event -> collectOrgs(event, orgs));

        ObjectNode document = Json.MAPPER.createObjectNode();
        ArrayNode context = document.putArray("@context");
        context.add(EPCIS_CONTEXT);
        context.addObject().put("fm", NAMESPACE);
        document.put("type", "EPCISDocument");
        document.put("schemaVersion", "2.0");
        document.put("creationDate", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        document.put("sender", "urn:fairmark:msp:" + batch.producerOrg());
        document.putObject("epcisHeader").set("epcisMasterData", masterData(orgs, batch.origin().countyCode()));
        ArrayNode eventList = document.putObject("epcisBody").putArray("eventList");
        events.forEach(eventList::add);
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write an EPCIS document", e);
        }
    }

    /** The MSP ids an event names: its source and destination parties and its {@code fm:*Org} fields. */
    private static void collectOrgs(ObjectNode event, Set<String> orgs) {
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> field : event.properties()) {
            if (field.getKey().startsWith("fm:") && field.getKey().endsWith("Org") && field.getValue().isTextual()) {
                orgs.add(field.getValue().asText());
            }
        }
        event.path("sourceList").forEach(source -> orgs.add(source.path("source").asText().substring(PARTY.length())));
        event.path("destinationList").forEach(d -> orgs.add(d.path("destination").asText().substring(PARTY.length())));
    }

    /** The parties' profiles and the divisions' names ({@code epcisMasterData}). */
    private ObjectNode masterData(Set<String> orgs, String originCode) {
        OrgDirectory directory = OrgDirectory.of(ledger);
        Set<String> divisions = new TreeSet<>();
        divisions.add(originCode);
        ObjectNode masterData = Json.MAPPER.createObjectNode();
        ArrayNode vocabularies = masterData.putArray("vocabularyList");
        ObjectNode parties = vocabularies.addObject().put("type", "urn:epcglobal:epcis:vtype:Party");
        ArrayNode partyList = parties.putArray("vocabularyElementList");
        for (String org : orgs) {
            ObjectNode element = partyList.addObject().put("id", party(org));
            ArrayNode attributes = element.putArray("attributes");
            attribute(attributes, NAMESPACE + "mspId", org);
            directory.profile(org).ifPresent(profile -> {
                attribute(attributes, "urn:epcglobal:cbv:mda#name", profile.nameZh());
                attribute(attributes, NAMESPACE + "nameEn", profile.nameEn());
                attribute(attributes, NAMESPACE + "socialCreditCode", profile.socialCreditCode());
                if (profile.kind() != null) {
                    attribute(attributes, NAMESPACE + "kind", profile.kind().name());
                }
                if (profile.countyCode() != null) {
                    attribute(attributes, "urn:epcglobal:cbv:mda#countryCode", "CN");
                    attribute(attributes, NAMESPACE + "countyCode", profile.countyCode());
                    attribute(attributes, NAMESPACE + "countyName", AdministrativeDivisions.table().displayName(profile.countyCode()));
                    divisions.add(profile.countyCode());
                }
            });
        }
        ArrayNode divisionList = vocabularies.addObject().put("type", NAMESPACE + "vtype:AdministrativeDivision")
                .putArray("vocabularyElementList");
        for (String code : divisions) {
            ObjectNode element = divisionList.addObject().put("id", "urn:fairmark:gbt2260:" + code);
            ArrayNode attributes = element.putArray("attributes");
            attribute(attributes, NAMESPACE + "code", code);
            AdministrativeDivisions.table().find(code).ifPresent(division -> {
                attribute(attributes, "urn:epcglobal:cbv:mda#name", division.fullName());
                attribute(attributes, NAMESPACE + "divisionName", division.name());
                attribute(attributes, NAMESPACE + "level", division.level().name());
                if (division.retiredYear() != null) {
                    attributes.addObject().put("id", NAMESPACE + "retiredYear").put("attribute", division.retiredYear());
                }
            });
        }
        return masterData;
    }

    private static void attribute(ArrayNode attributes, String id, String value) {
        if (value != null) {
            attributes.addObject().put("id", id).put("attribute", value);
        }
    }

    private ObjectNode commissioning(Batch batch) {
        ObjectNode event = event("ObjectEvent", batch.registeredAt(), batch.txId(), null);
        event.put("action", "ADD");
        event.put("bizStep", "commissioning");
        event.put("disposition", "active");
        quantity(event.putArray("quantityList"), batch, batch.declaredMassGrams());
        if (batch.origin().point() != null) {
            event.putObject("readPoint").put("id", "geo:" + degrees(batch.origin().point().latitudeMicrodegrees()) + ","
                    + degrees(batch.origin().point().longitudeMicrodegrees()));
        }
        event.putArray("sourceList").addObject().put("type", "owning_party").put("source", party(batch.producerOrg()));
        ObjectNode ilmd = event.putObject("ilmd");
        ilmd.put("cbvmda:countryOfOrigin", "CN");
        ilmd.put("fm:product", batch.product());
        if (batch.variety() != null) {
            ilmd.put("fm:variety", batch.variety());
        }
        ilmd.put("fm:harvestDate", batch.harvestDate());
        ilmd.put("fm:countyCode", batch.origin().countyCode());
        ilmd.put("fm:countyName", AdministrativeDivisions.table().displayName(batch.origin().countyCode()));
        ilmd.put("fm:township", batch.origin().township());
        ilmd.put("fm:village", batch.origin().village());
        if (batch.origin().plot() != null) {
            ilmd.put("fm:plot", batch.origin().plot());
        }
        ilmd.put("fm:declaredMassGrams", batch.declaredMassGrams());
        return event;
    }

    private ObjectNode inspecting(Batch batch, Inspection inspection) {
        ObjectNode event = event("ObjectEvent", inspection.inspectedAt(), inspection.inspectionId(), null);
        event.put("action", "OBSERVE");
        event.put("bizStep", "inspecting");
        event.put("disposition", inspection.verdict() == Verdict.PASS ? "conformant" : "non_conformant");
        quantity(event.putArray("quantityList"), batch, inspection.sampledMassGrams());
        event.put("certificationInfo", "urn:fairmark:inspection:" + inspection.inspectionId());
        event.put("fm:standard", inspection.standardCode() + ":" + inspection.standardVersion());
        event.put("fm:grade", inspection.grade());
        event.put("fm:derivedGrade", inspection.derivedGrade());
        event.put("fm:verdict", inspection.verdict().name());
        event.put("fm:validUntil", inspection.validUntil());
        event.put("fm:inspectorOrg", inspection.inspectorOrg());
        return event;
    }

    private ObjectNode packing(Batch batch, PackingRun run, List<String> serials) {
        ObjectNode event = event("TransformationEvent", run.packedAt(), run.packingId(), null);
        quantity(event.putArray("inputQuantityList"), batch, run.nominalTotalGrams());
        ArrayNode outputs = event.putArray("outputEPCList");
        serials.forEach(serial -> outputs.add(instance(batch, serial)));
        event.put("transformationID", "urn:fairmark:packing:" + run.packingId());
        event.put("bizStep", "packing");
        event.put("disposition", "active");
        if (run.grade() != null) {
            event.put("fm:grade", run.grade());
        }
        event.put("fm:packerOrg", run.packerOrg());
        event.put("fm:labelKeyId", run.labelKeyId());
        event.put("fm:packingDate", run.packingDate());
        return event;
    }

    /**
     * Shipping and receiving events, one per hand-over and acceptance transaction, and accepting events, one per
     * receipt weighing, over all packages.
     */
    private List<ObjectNode> custody(Batch batch, List<PackageRecord> packages) {
        record Move(String txId, String time, String fromOrg, String toOrg, boolean accepted) {}
        Map<Move, List<String>> moves = new LinkedHashMap<>();
        Map<String, List<Receipt.PackageWeighing>> receipts = new LinkedHashMap<>();
        for (PackageRecord pkg : packages) {
            Trace trace = ledger.tracePackage(batch.gtin(), batch.lot(), pkg.serial());
            for (Receipt.PackageWeighing weighing : trace.weighings()) {
                if (weighing.receiptId() != null) {
                    receipts.computeIfAbsent(weighing.receiptId(), k -> new ArrayList<>()).add(weighing);
                }
            }
            for (CustodyHop hop : trace.hops()) {
                moves.computeIfAbsent(new Move(hop.handOverTxId(), hop.handedOverAt(), hop.fromOrg(), hop.toOrg(), false),
                        k -> new ArrayList<>()).add(pkg.serial());
                moves.computeIfAbsent(new Move(hop.acceptTxId(), hop.acceptedAt(), hop.fromOrg(), hop.toOrg(), true),
                        k -> new ArrayList<>()).add(pkg.serial());
            }
            Custody custody = trace.custody();
            if (custody != null && custody.status() == Custody.CustodyStatus.IN_TRANSIT) {
                moves.computeIfAbsent(new Move(custody.txId(), custody.since(), custody.holderOrg(), custody.pendingOrg(), false),
                        k -> new ArrayList<>()).add(pkg.serial());
            }
        }
        List<ObjectNode> events = new ArrayList<>();
        moves.forEach((move, serials) -> {
            ObjectNode event = event("ObjectEvent", move.time(), move.txId(), move.accepted() ? "receiving" : "shipping");
            ArrayNode epcs = event.putArray("epcList");
            serials.forEach(serial -> epcs.add(instance(batch, serial)));
            event.put("action", "OBSERVE");
            event.put("bizStep", move.accepted() ? "receiving" : "shipping");
            event.put("disposition", move.accepted() ? "active" : "in_transit");
            event.putArray("sourceList").addObject().put("type", "owning_party").put("source", party(move.fromOrg()));
            event.putArray("destinationList").addObject().put("type", "owning_party").put("destination", party(move.toOrg()));
            events.add(event);
        });
        receipts.forEach((receiptId, weighings) -> events.add(accepting(batch, receiptId, weighings)));
        return events;
    }

    private ObjectNode accepting(Batch batch, String receiptId, List<Receipt.PackageWeighing> weighings) {
        Receipt.PackageWeighing first = weighings.get(0);
        ObjectNode event = event("ObjectEvent", first.receivedAt(), receiptId, "accepting");
        ArrayNode epcs = event.putArray("epcList");
        weighings.forEach(w -> epcs.add(instance(batch, w.serial())));
        boolean conformant = weighings.stream().allMatch(w -> w.finding() == ShortWeight.Finding.WITHIN_TOLERANCE);
        event.put("action", "OBSERVE");
        event.put("bizStep", "accepting");
        event.put("disposition", conformant ? "conformant" : "non_conformant");
        event.putArray("destinationList").addObject().put("type", "owning_party").put("destination", party(first.receiverOrg()));
        ArrayNode findings = event.putArray("fm:weighings");
        for (Receipt.PackageWeighing w : weighings) {
            findings.addObject().put("fm:serial", w.serial()).put("fm:nominalMassGrams", w.nominalMassGrams())
                    .put("fm:measuredNetDecigrams", w.measuredNetDecigrams()).put("fm:finding", w.finding() == null ? null : w.finding().name());
        }
        return event;
    }

    private ObjectNode recall(Batch batch, RecallRecord recall) {
        ObjectNode event = event("ObjectEvent", recall.recalledAt(), recall.txId(), null);
        event.put("action", "OBSERVE");
        event.put("bizStep", "holding");
        event.put("disposition", "recalled");
        quantity(event.putArray("quantityList"), batch, null);
        event.put("fm:recallReason", recall.reason());
        event.put("fm:recalledByOrg", recall.recalledByOrg());
        return event;
    }

    private static ObjectNode event(String type, String time, String txId, String suffix) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("type", type);
        event.put("eventTime", time);
        event.put("eventTimeZoneOffset", TIME_ZONE);
        event.put("eventID", "urn:fairmark:tx:" + txId + (suffix == null ? "" : ":" + suffix));
        return event;
    }

    private void quantity(ArrayNode list, Batch batch, Long grams) {
        ObjectNode element = list.addObject();
        element.put("epcClass", batchClass(batch));
        if (grams != null) {
            element.put("quantity", BigDecimal.valueOf(grams, 3));
            element.put("uom", "KGM");
        }
    }

    private static final String PARTY = "urn:fairmark:msp:";

    private static String party(String mspId) {
        return PARTY + mspId;
    }

    private static String degrees(long microdegrees) {
        return BigDecimal.valueOf(microdegrees, 6).toPlainString();
    }

    /** The batch as a class: LGTIN URN or Digital Link {@code /01/{gtin}/10/{lot}}. */
    String batchClass(Batch batch) {
        if (digitalLinks) {
            return "https://id.gs1.org" + org.fairmark.domain.Gs1.toDigitalLinkPath(batch.gtin(), batch.lot(), null);
        }
        return "urn:epc:class:lgtin:" + gtinParts(batch.gtin()) + "." + epcEscape(batch.lot());
    }

    /** A package as an instance: SGTIN URN or Digital Link {@code /01/{gtin}/21/{serial}}. */
    String instance(Batch batch, String serial) {
        if (digitalLinks) {
            return "https://id.gs1.org" + org.fairmark.domain.Gs1.toDigitalLinkSerialPath(batch.gtin(), serial);
        }
        return "urn:epc:id:sgtin:" + gtinParts(batch.gtin()) + "." + epcEscape(serial);
    }

    /** {@code companyPrefix.indicatorItemReference} of a GTIN-14 (the check digit dropped), per the EPC Tag Data Standard. */
    private String gtinParts(String gtin) {
        String companyPrefix = gtin.substring(1, 1 + companyPrefixLength);
        String itemReference = gtin.charAt(0) + gtin.substring(1 + companyPrefixLength, 13);
        return companyPrefix + "." + itemReference;
    }

    /** EPC URI escaping of a GS1 set-82 string: {@code " % & / < > ?} become {@code %XX}. */
    static String epcEscape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"', '%', '&', '/', '<', '>', '?' -> out.append('%').append(String.format("%02X", (int) c));
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Settings of an {@link EpcisExport}. */
    public static final class Builder {
        private final Participant ledger;
        private int companyPrefixLength = 7;
        private boolean digitalLinks;
        private boolean includeCustody = true;

        private Builder(Participant ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger == null");
        }

        /** Digits of the GS1 company prefix in the GTINs (after the indicator digit), 6..12; default 7. */
        public Builder companyPrefixLength(int companyPrefixLength) {
            if (companyPrefixLength < 6 || companyPrefixLength > 12) {
                throw new IllegalArgumentException("companyPrefixLength must be 6..12, got " + companyPrefixLength);
            }
            this.companyPrefixLength = companyPrefixLength;
            return this;
        }

        /** Use GS1 Digital Link URIs instead of EPC URNs (no company prefix length needed). */
        public Builder digitalLinkIdentifiers() {
            this.digitalLinks = true;
            return this;
        }

        /** Whether to read every package's custody (one {@code trace:Package} call each); default true. */
        public Builder includeCustody(boolean includeCustody) {
            this.includeCustody = includeCustody;
            return this;
        }

        /** The exporter. */
        public EpcisExport build() {
            return new EpcisExport(this);
        }
    }
}
