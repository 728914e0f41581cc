package org.fairmark.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fairmark.domain.model.OrgKind;
import org.fairmark.domain.model.PackResult;
import org.fairmark.domain.model.ProfileRequests;
import org.fairmark.domain.model.Requests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch's history exported as EPCIS 2.0 JSON-LD, validated against GS1's EPCIS 2.0 JSON schema. */
class EpcisIT {
    @TempDir
    static Path dataDir;

    static TestLedger ledger;
    static String lot;
    static JsonSchema schema;
    static final ObjectMapper MAPPER = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        ledger = new TestLedger(dataDir);
        ledger.producer.withIdentity(ledger.identity("admin@coop")).admin().setProfile(new ProfileRequests.SetProfile(null,
                "迁西县栗乡板栗专业合作社（示例）", "Qianxi Chestnut Growers' Cooperative (demo)",
                IntegrityBadgeIT.code("FM000001"), "130203", OrgKind.COOPERATIVE));
        lot = ledger.certifiedBatch();
        LabelSigner signer = ledger.registeredSigner();
        PackResult packed = ledger.pack(lot, signer, 3);
        List<Requests.PackageRef> refs = TestLedger.refs(lot, packed.serials());
        ledger.packer.packer().handOver(new Requests.HandOver(null, refs, "CarrierMSP", null));
        ledger.carrier.carrier().accept(new Requests.Accept(null, refs));
        ledger.carrier.carrier().handOver(new Requests.HandOver(null, refs.subList(0, 2), "MarketMSP", null));
        ledger.buyer.buyer().accept(new Requests.Accept(null, refs.subList(0, 1)));
        Requests.PackageRef weighed = refs.get(0);
        ledger.buyer.buyer().recordReceipt(new Requests.RecordReceipt(null, "SCALE-1", null, List.of(new Requests.Weighing(
                weighed.gtin(), weighed.lot(), weighed.serial(), 4_800L)))); // 500 g nominal, 20 g short: T1
        ledger.producer.producer().recallBatch(new Requests.Recall(null, TestLedger.GTIN, lot, "aflatoxin above limit"));
        try (InputStream in = EpcisIT.class.getResourceAsStream("/epcis/EPCIS-JSON-Schema.json")) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in, config);
        }
    }

    @AfterAll
    static void stop() {
        ledger.close();
    }

    static List<String> types(JsonNode document, String field) {
        List<String> values = new ArrayList<>();
        document.path("epcisBody").path("eventList").forEach(event -> values.add(event.path(field).asText()));
        return values;
    }

    @Test
    void the_export_is_valid_epcis_2_json() throws Exception {
        String json = EpcisExport.builder(ledger.auditor.participant()).build().batchHistory(TestLedger.GTIN, lot);
        Set<ValidationMessage> errors = schema.validate(MAPPER.readTree(json));
        assertThat(errors).isEmpty();
    }

    @Test
    void the_export_holds_commissioning_inspecting_packing_shipping_receiving_accepting_and_recall_in_time_order()
            throws Exception {
        JsonNode document = MAPPER.readTree(
                EpcisExport.builder(ledger.auditor.participant()).build().batchHistory(TestLedger.GTIN, lot));
        assertThat(types(document, "bizStep")).containsExactly("commissioning", "inspecting", "packing", "shipping",
                "receiving", "shipping", "receiving", "accepting", "holding");
        assertThat(types(document, "disposition")).containsExactly("active", "conformant", "active", "in_transit",
                "active", "in_transit", "active", "non_conformant", "recalled");
        JsonNode ilmd = document.path("epcisBody").path("eventList").get(0).path("ilmd");
        assertThat(ilmd.path("fm:countyCode").asText()).isEqualTo("130227");
        assertThat(ilmd.path("fm:countyName").asText()).isEqualTo("河北省 唐山市 迁西县");
        JsonNode accepting = document.path("epcisBody").path("eventList").get(7);
        assertThat(accepting.path("epcList")).hasSize(1);
        assertThat(accepting.path("fm:weighings").get(0).path("fm:finding").asText()).isEqualTo("T1");
        assertThat(accepting.path("destinationList").get(0).path("destination").asText())
                .isEqualTo("urn:fairmark:msp:MarketMSP");
        JsonNode packing = document.path("epcisBody").path("eventList").get(2);
        assertThat(packing.path("type").asText()).isEqualTo("TransformationEvent");
        assertThat(packing.path("inputQuantityList").get(0).path("epcClass").asText())
                .isEqualTo("urn:epc:class:lgtin:6901234.056789." + lot);
        assertThat(packing.path("outputEPCList")).hasSize(3);
        assertThat(packing.path("outputEPCList").get(0).asText()).startsWith("urn:epc:id:sgtin:6901234.056789.");
        JsonNode lastShipping = document.path("epcisBody").path("eventList").get(5);
        assertThat(lastShipping.path("epcList")).hasSize(2);
        assertThat(lastShipping.path("destinationList").get(0).path("destination").asText()).isEqualTo("urn:fairmark:msp:MarketMSP");
    }

    @Test
    void the_header_names_the_parties_from_their_profiles_and_the_divisions_from_the_table() throws Exception {
        JsonNode document = MAPPER.readTree(
                EpcisExport.builder(ledger.auditor.participant()).build().batchHistory(TestLedger.GTIN, lot));
        JsonNode vocabularies = document.at("/epcisHeader/epcisMasterData/vocabularyList");
        assertThat(vocabularies.get(0).path("type").asText()).isEqualTo("urn:epcglobal:epcis:vtype:Party");
        Map<String, Map<String, String>> parties = elements(vocabularies.get(0));
        assertThat(parties.keySet()).containsExactly("urn:fairmark:msp:BureauMSP", "urn:fairmark:msp:CarrierMSP",
                "urn:fairmark:msp:CoopMSP", "urn:fairmark:msp:MarketMSP");
        assertThat(parties.get("urn:fairmark:msp:CoopMSP")).containsEntry("urn:epcglobal:cbv:mda#name", "迁西县栗乡板栗专业合作社（示例）")
                .containsEntry("urn:fairmark:epcis:nameEn", "Qianxi Chestnut Growers' Cooperative (demo)")
                .containsEntry("urn:fairmark:epcis:kind", "COOPERATIVE")
                .containsEntry("urn:fairmark:epcis:countyName", "河北省 唐山市 路北区");
        assertThat(parties.get("urn:fairmark:msp:CarrierMSP")).as("no profile: the MSP id only")
                .containsExactly(Map.entry("urn:fairmark:epcis:mspId", "CarrierMSP"));
        assertThat(vocabularies.get(1).path("type").asText()).isEqualTo("urn:fairmark:epcis:vtype:AdministrativeDivision");
        Map<String, Map<String, String>> divisions = elements(vocabularies.get(1));
        assertThat(divisions.keySet()).containsExactly("urn:fairmark:gbt2260:130203", "urn:fairmark:gbt2260:130227");
        assertThat(divisions.get("urn:fairmark:gbt2260:130227")).containsEntry("urn:epcglobal:cbv:mda#name", "河北省 唐山市 迁西县")
                .containsEntry("urn:fairmark:epcis:divisionName", "迁西县").containsEntry("urn:fairmark:epcis:level", "COUNTY");
    }

    static Map<String, Map<String, String>> elements(JsonNode vocabulary) {
        Map<String, Map<String, String>> elements = new java.util.LinkedHashMap<>();
        vocabulary.path("vocabularyElementList").forEach(element -> {
            Map<String, String> attributes = new java.util.LinkedHashMap<>();
            element.path("attributes").forEach(a -> attributes.put(a.path("id").asText(), a.path("attribute").asText()));
            elements.put(element.path("id").asText(), attributes);
        });
        return elements;
    }

    @Test
    void digital_link_identifiers_are_valid_too() throws Exception {
        String json = EpcisExport.builder(ledger.auditor.participant()).digitalLinkIdentifiers().build()
                .batchHistory(TestLedger.GTIN, lot);
        JsonNode document = MAPPER.readTree(json);
        assertThat(schema.validate(document)).isEmpty();
        assertThat(json).contains("https://id.gs1.org/01/" + TestLedger.GTIN + "/10/" + lot);
        JsonNode packing = document.path("epcisBody").path("eventList").get(2);
        assertThat(packing.path("outputEPCList")).hasSize(3);
        for (JsonNode instance : packing.path("outputEPCList")) {
            // the one Digital Link builder: /01/{gtin}/21/{serial}, the serial percent-encoded by Gs1
            String serial = instance.asText().substring(instance.asText().lastIndexOf('/') + 1);
            assertThat(instance.asText()).isEqualTo("https://id.gs1.org"
                    + org.fairmark.domain.Gs1.toDigitalLinkSerialPath(TestLedger.GTIN, serial));
        }
    }

    @Test
    void the_schema_check_is_not_vacuous() throws Exception {
        ObjectNode document = (ObjectNode) MAPPER.readTree(
                EpcisExport.builder(ledger.auditor.participant()).build().batchHistory(TestLedger.GTIN, lot));
        ((ObjectNode) document.path("epcisBody").path("eventList").get(0)).put("bizStep", "harvesting");
        ((ObjectNode) document.path("epcisBody").path("eventList").get(1)).remove("eventTimeZoneOffset");
        assertThat(schema.validate(document)).isNotEmpty();
    }
}
