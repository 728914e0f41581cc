package org.fairmark.network;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.UUID;
import org.fairmark.domain.PublicKeys;
import org.fairmark.samples.Samples;

/** JSON requests of the Fairmark contract, written out as a client application sends them. */
final class FairmarkRequests {
    /** A GTIN-14 with a valid check digit. */
    static final String GTIN = Samples.GTIN;
    /** Qianxi county, Hebei, inside the default inspector's jurisdiction. */
    static final String COUNTY = Samples.QIANXI;

    private FairmarkRequests() {}

    static String requestId() {
        return UUID.randomUUID().toString();
    }

    /** A unique GS1 lot, e.g. {@code QX-1a2b3c4d}. */
    static String newLot() {
        return "QX-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String registerBatch(String lot) {
        return registerBatch(requestId(), lot);
    }

    static String registerBatch(String requestId, String lot) {
        return "{\"requestId\":\"" + requestId + "\",\"gtin\":\"" + GTIN + "\",\"lot\":\"" + lot + "\","
                + "\"product\":\"chestnut\",\"variety\":\"Yanshan early\","
                + "\"origin\":{\"countyCode\":\"" + COUNTY + "\",\"township\":\"Hanerzhuang\",\"village\":\"Yuhu\"},"
                + "\"harvestDate\":\"2025-09-20\",\"declaredMassGrams\":1000000,\"packingLossAllowanceGrams\":10000}";
    }

    static String batchRef(String lot) {
        return "{\"gtin\":\"" + GTIN + "\",\"lot\":\"" + lot + "\"}";
    }

    static KeyPair labelKeyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static String registerLabelKey(KeyPair pair) {
        return "{\"requestId\":\"" + requestId() + "\",\"publicKey\":\"" + PublicKeys.toBase64(pair.getPublic())
                + "\"}";
    }

    static String revokeLabelKey(String keyId) {
        return "{\"requestId\":\"" + requestId() + "\",\"keyId\":\"" + keyId + "\",\"reason\":\"key compromised\"}";
    }

    static String keyId(KeyPair pair) {
        return PublicKeys.keyId(pair.getPublic());
    }
}
