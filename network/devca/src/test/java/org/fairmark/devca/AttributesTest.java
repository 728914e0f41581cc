package org.fairmark.devca;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.fairmark.testkit.Property;
import org.junit.jupiter.api.Test;

class AttributesTest {
    private static final CertificateAuthority CA = CertificateAuthority.create("InspectMSP", "inspect.example.com");

    /** The shim's parseAttributes, step by step: getExtensionValue, one DEROctetString, the octets as UTF-8. */
    private static String shimExtensionText(X509Certificate certificate) throws Exception {
        byte[] extensionValue = certificate.getExtensionValue("1.2.3.4.5.6.7.8.1");
        assertThat(extensionValue).as("attribute extension").isNotNull();
        try (ASN1InputStream in = new ASN1InputStream(new ByteArrayInputStream(extensionValue))) {
            ASN1Primitive object = in.readObject();
            assertThat(object).isInstanceOf(DEROctetString.class);
            return new String(((DEROctetString) object).getOctets(), UTF_8);
        }
    }

    @Test
    void extension_holds_sorted_fabric_ca_json_unwrapped_once() throws Exception {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("fairmark.role", "inspector");
        attributes.put("fairmark.jurisdiction", "530102,530103");
        Identity inspector = CA.issue("ins.li", attributes);

        assertThat(shimExtensionText(inspector.certificate()))
                .isEqualTo("{\"attrs\":{\"fairmark.jurisdiction\":\"530102,530103\",\"fairmark.role\":\"inspector\"}}");
        assertThat(inspector.certificate().getNonCriticalExtensionOIDs()).contains("1.2.3.4.5.6.7.8.1");
        assertThat(inspector.certificate().getCriticalExtensionOIDs()).doesNotContain("1.2.3.4.5.6.7.8.1");
    }

    @Test
    void shim_client_identity_reads_role_and_jurisdiction() throws Exception {
        Identity inspector = CA.issue(
                "ins.wang", Map.of("fairmark.role", "inspector", "fairmark.jurisdiction", "530102,530103,530111"));

        ClientIdentity client = ShimAttributes.clientIdentity(inspector.serialized());

        assertThat(client.getMSPID()).isEqualTo("InspectMSP");
        assertThat(client.getAttributeValue("fairmark.role")).isEqualTo("inspector");
        assertThat(client.getAttributeValue("fairmark.jurisdiction")).isEqualTo("530102,530103,530111");
        assertThat(client.getAttributeValue("hf.EnrollmentID")).isNull();
        assertThat(client.assertAttributeValue("fairmark.role", "inspector")).isTrue();
        assertThat(client.getX509Certificate()).isEqualTo(inspector.certificate());
    }

    @Test
    void identity_attributes_and_role_match_the_shim() throws Exception {
        Identity producer = CA.issue("farmer.zhao", Map.of("fairmark.role", "producer", "coop", "Red Hill"));

        assertThat(producer.attributes())
                .containsExactly(Map.entry("coop", "Red Hill"), Map.entry("fairmark.role", "producer"));
        assertThat(producer.role()).isEqualTo("producer");
        ClientIdentity client = ShimAttributes.clientIdentity(producer.serialized());
        producer.attributes().forEach((name, value) -> assertThat(client.getAttributeValue(name))
                .isEqualTo(value));
    }

    @Test
    void values_needing_json_escapes_reach_the_shim_unchanged() throws Exception {
        String value = "quote \" backslash \\ slash / <tag> & 合作社 ✓";
        Identity identity = CA.issue("escaper", Map.of("note", value));

        assertThat(shimExtensionText(identity.certificate()))
                .isEqualTo(
                        "{\"attrs\":{\"note\":\"quote \\\" backslash \\\\ slash / \\u003ctag\\u003e \\u0026 合作社 ✓\"}}");
        assertThat(ShimAttributes.clientIdentity(identity.serialized()).getAttributeValue("note"))
                .isEqualTo(value);
        assertThat(identity.attributes()).containsExactly(Map.entry("note", value));
    }

    @Test
    void no_attributes_means_no_extension_and_no_role() throws Exception {
        Identity plain = CA.issue("plain", Map.of());

        assertThat(plain.certificate().getExtensionValue("1.2.3.4.5.6.7.8.1")).isNull();
        assertThat(plain.attributes()).isEmpty();
        assertThat(plain.role()).isNull();
        assertThat(ShimAttributes.clientIdentity(plain.serialized()).getAttributeValue("fairmark.role"))
                .isNull();
        assertThat(CA.issuePeer("peer0.inspect.example.com").attributes()).isEmpty();
    }

    @Test
    void empty_value_is_kept() throws Exception {
        Identity identity = CA.issue("blank", Map.of("fairmark.jurisdiction", ""));

        assertThat(ShimAttributes.clientIdentity(identity.serialized()).getAttributeValue("fairmark.jurisdiction"))
                .isEmpty();
    }

    @Test
    void rejects_malformed_attribute_names() {
        for (String name : new String[] {"", "has space", "role:x", "名字", "a/b", "x".repeat(129)}) {
            assertThatThrownBy(() -> CA.issue("bob", Map.of(name, "v")))
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("attribute name must match");
        }
    }

    @Test
    void rejects_values_with_control_or_unprintable_characters() {
        for (String value :
                new String[] {"line\nbreak", "tab\there", "nul\u0000", "del\u007f", "sep\u2028", "\ud800"}) {
            assertThatThrownBy(() -> CA.issue("bob", Map.of("fairmark.role", value)))
                    .as(value)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("non-printable character");
        }
    }

    @Test
    void rejects_null_names_and_values() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("fairmark.role", null);
        Map<String, String> nullName = new HashMap<>();
        nullName.put(null, "producer");

        assertThatThrownBy(() -> CA.issue("bob", nullValue)).hasMessage("attribute fairmark.role: value == null");
        assertThatThrownBy(() -> CA.issue("bob", nullName)).hasMessage("attribute name == null");
        assertThatThrownBy(() -> CA.issue("bob", null)).hasMessage("attributes == null");
    }

    @Test
    void any_valid_attributes_round_trip_through_the_shim() {
        Property.forAll(60, AttributesTest::attributeMap, attributes -> {
            Identity identity = CA.issue("prop", attributes);

            ClientIdentity client = ShimAttributes.clientIdentity(identity.serialized());
            attributes.forEach((name, value) ->
                    assertThat(client.getAttributeValue(name)).as(name).isEqualTo(value));
            assertThat(identity.attributes()).isEqualTo(attributes);
        });
    }

    static Map<String, String> attributeMap(java.util.Random random) {
        Map<String, String> attributes = new java.util.TreeMap<>();
        int size = random.nextInt(1, 7);
        while (attributes.size() < size) {
            String value = Property.from(random, printableAscii() + "合作社检验<>&\"\\/é€", 0, 40);
            attributes.put(Property.from(random, "abcXYZ019._-", 1, 20), value);
        }
        return attributes;
    }

    private static String printableAscii() {
        StringBuilder chars = new StringBuilder();
        for (char c = ' '; c <= '~'; c++) {
            chars.append(c);
        }
        return chars.toString();
    }
}
