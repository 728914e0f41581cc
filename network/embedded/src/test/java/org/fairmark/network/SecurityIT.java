package org.fairmark.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.util.Map;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Identity;
import org.fairmark.devca.Roster;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.client.identity.Signer;
import org.hyperledger.fabric.client.identity.Signers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every proposal, transaction and request is checked against the creator's certificate, its CA and the revocation
 * list; a rejected one changes nothing.
 */
class SecurityIT {
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    @TempDir
    static Path dataDir;

    static EmbeddedNetwork network;
    static Identity producer;

    @BeforeAll
    static void start() throws Exception {
        network = EmbeddedNetwork.builder()
                .dataDir(DevNetworkTemplate.copyTo(dataDir))
                .port(-1)
                .blockSize(10)
                .blockTimeout(Duration.ofMillis(20))
                .start();
        producer = network.wallet().get(EmbeddedNetwork.PRODUCER);
    }

    @AfterAll
    static void stop() {
        network.close();
    }

    @Test
    void a_proposal_signed_with_the_wrong_key_is_rejected_and_nothing_is_written() throws Exception {
        Signer wrongKey = Signers.newPrivateKeySigner((ECPrivateKey) FairmarkRequests.labelKeyPair().getPrivate());
        long height = network.height();
        try (Gateway gateway = Clients.connect(network.inProcessChannel(), producer, wrongKey)) {
            Contract contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());

            EndorseException endorse = catchThrowableOfType(EndorseException.class, () -> contract.submitTransaction(
                    "batch:Register", FairmarkRequests.registerBatch(FairmarkRequests.newLot())));
            GatewayException evaluate = catchThrowableOfType(GatewayException.class,
                    () -> contract.evaluateTransaction("batch:Get", FairmarkRequests.batchRef("QX-1")));

            assertThat(endorse.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
            assertThat(endorse.getDetails().get(0).getMessage())
                    .isEqualTo("error validating proposal: access denied: channel [fairmark] creator org [CoopMSP]");
            assertThat(evaluate.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(evaluate.getMessage()).contains("access denied: channel [fairmark] creator org [CoopMSP]");
        }
        assertThat(network.height()).isEqualTo(height);
    }

    @Test
    void a_high_s_signature_is_rejected_as_fabric_rejects_it() throws Exception {
        Signer lowS = Signers.newPrivateKeySigner((ECPrivateKey) producer.privateKey());
        Signer highS = digest -> toHighS(lowS.sign(digest));
        try (Gateway gateway = Clients.connect(network.inProcessChannel(), producer, highS)) {
            Contract contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());

            GatewayException error = catchThrowableOfType(GatewayException.class,
                    () -> contract.evaluateTransaction("batch:Get", FairmarkRequests.batchRef("QX-1")));

            assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(error.getMessage()).contains("access denied");
        }
    }

    @Test
    void an_identity_of_an_organization_outside_the_channel_is_unknown() throws Exception {
        Identity stranger = CertificateAuthority.create("EvilMSP", "evil.example.com")
                .issue("mallory", Map.of("fairmark.role", "producer"));
        try (Gateway gateway = Clients.connect(network.inProcessChannel(), stranger)) {
            Contract contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());

            EndorseException error = catchThrowableOfType(EndorseException.class, () -> contract.submitTransaction(
                    "batch:Register", FairmarkRequests.registerBatch(FairmarkRequests.newLot())));

            assertThat(error.getDetails().get(0).getMessage()).isEqualTo(
                    "error validating proposal: access denied: channel [fairmark] creator org unknown, creator is"
                            + " malformed");
        }
    }

    @Test
    void a_certificate_from_a_foreign_ca_claiming_a_member_msp_is_rejected() throws Exception {
        Identity impostor = CertificateAuthority.create("CoopMSP", "coop.example.com")
                .issue(Roster.PRODUCER, Map.of("fairmark.role", "producer"));
        long height = network.height();
        try (Gateway gateway = Clients.connect(network.inProcessChannel(), impostor)) {
            Contract contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());

            EndorseException error = catchThrowableOfType(EndorseException.class, () -> contract.submitTransaction(
                    "batch:Register", FairmarkRequests.registerBatch(FairmarkRequests.newLot())));

            assertThat(error.getDetails().get(0).getMessage())
                    .isEqualTo("error validating proposal: access denied: channel [fairmark] creator org [CoopMSP]");
            assertThat(error.getDetails().get(0).getMspId()).isEqualTo("CoopMSP");
        }
        assertThat(network.height()).isEqualTo(height);
    }

    @Test
    void a_transaction_signed_with_the_wrong_key_is_refused_by_the_orderer() throws Exception {
        KeyPair otherKey = FairmarkRequests.labelKeyPair();
        long height = network.height();
        try (Gateway gateway = Clients.connect(network.inProcessChannel(), producer)) {
            Contract contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());
            Transaction endorsed = contract.newProposal("batch:Register")
                    .addArguments(FairmarkRequests.registerBatch(FairmarkRequests.newLot()))
                    .build()
                    .endorse();
            byte[] badSignature =
                    Signers.newPrivateKeySigner((ECPrivateKey) otherKey.getPrivate()).sign(endorsed.getDigest());
            Transaction forged = gateway.newSignedTransaction(endorsed.getBytes(), badSignature);

            SubmitException error = catchThrowableOfType(SubmitException.class, forged::submitAsync);

            assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
            assertThat(error.getMessage()).contains("received unsuccessful response from orderer: status=FORBIDDEN");
            assertThat(error.getTransactionId()).isEqualTo(endorsed.getTransactionId());
        }
        assertThat(network.height()).isEqualTo(height);
    }

    @Test
    void a_revoked_certificate_is_rejected_after_revocation() throws Exception {
        Identity carrier = network.wallet().get(EmbeddedNetwork.CARRIER);
        try (Gateway gateway = Clients.connect(network.inProcessChannel(), carrier)) {
            Contract contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());
            GatewayException beforeRevocation = catchThrowableOfType(GatewayException.class,
                    () -> contract.evaluateTransaction("batch:Get", FairmarkRequests.batchRef("QX-NONE")));
            assertThat(beforeRevocation.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
            long height = network.height();

            network.revoke(EmbeddedNetwork.CARRIER);

            GatewayException evaluate = catchThrowableOfType(GatewayException.class,
                    () -> contract.evaluateTransaction("batch:Get", FairmarkRequests.batchRef("QX-NONE")));
            EndorseException endorse = catchThrowableOfType(EndorseException.class, () -> contract.submitTransaction(
                    "batch:Register", FairmarkRequests.registerBatch(FairmarkRequests.newLot())));
            assertThat(evaluate.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(evaluate.getMessage()).contains("access denied: channel [fairmark] creator org [CarrierMSP]");
            assertThat(endorse.getDetails().get(0).getMessage()).contains("access denied");
            assertThat(network.height()).isEqualTo(height);
        }
    }

    /**
     * A certificate issued by the member's own CA, with the producer's subject, key and attributes, but outside its
     * validity: expired a month ago, or valid only from next month. Both are refused at endorsement and evaluation,
     * and nothing is written.
     */
    @Test
    void an_expired_or_not_yet_valid_certificate_of_the_members_own_ca_is_refused() throws Exception {
        Path caDir = network.wallet().directory().getParent().resolve("orgs").resolve("CoopMSP").resolve("ca");
        java.security.cert.X509Certificate ca =
                org.fairmark.devca.Pem.readCertificate(java.nio.file.Files.readString(caDir.resolve("ca-cert.pem")));
        java.security.PrivateKey caKey =
                org.fairmark.devca.Pem.readPrivateKey(java.nio.file.Files.readString(caDir.resolve("ca-key.pem")));
        java.time.Instant now = java.time.Instant.now();
        for (java.time.Instant[] validity : new java.time.Instant[][] {
                {now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(30))},
                {now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(400))}}) {
            java.security.cert.X509Certificate current = producer.certificate();
            org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder builder =
                    new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(ca, BigInteger.valueOf(now.toEpochMilli()),
                            java.util.Date.from(validity[0]), java.util.Date.from(validity[1]),
                            current.getSubjectX500Principal(), current.getPublicKey());
            org.bouncycastle.cert.X509CertificateHolder holder =
                    new org.bouncycastle.cert.jcajce.JcaX509CertificateHolder(current);
            for (Object oid : holder.getExtensionOIDs()) {
                builder.addExtension(holder.getExtension((org.bouncycastle.asn1.ASN1ObjectIdentifier) oid));
            }
            java.security.cert.X509Certificate outOfDate = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
                    .getCertificate(builder.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder(
                            "SHA256withECDSA").build(caKey)));
            outOfDate.verify(ca.getPublicKey()); // a genuine signature of the member's CA
            Identity stale = new Identity(EmbeddedNetwork.PRODUCER, "CoopMSP", outOfDate, producer.privateKey());
            long height = network.height();
            try (Gateway gateway = Clients.connect(network.inProcessChannel(), stale)) {
                Contract contract = gateway.getNetwork(network.channelName()).getContract(network.chaincodeName());
                EndorseException endorse = catchThrowableOfType(EndorseException.class, () -> contract.submitTransaction(
                        "batch:Register", FairmarkRequests.registerBatch(FairmarkRequests.newLot())));
                GatewayException evaluate = catchThrowableOfType(GatewayException.class,
                        () -> contract.evaluateTransaction("batch:Get", FairmarkRequests.batchRef("QX-NONE")));
                assertThat(endorse).as("valid %s..%s", validity[0], validity[1]).isNotNull();
                assertThat(endorse.getDetails().get(0).getMessage())
                        .isEqualTo("error validating proposal: access denied: channel [fairmark] creator org [CoopMSP]");
                assertThat(evaluate.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                assertThat(evaluate.getMessage()).contains("access denied: channel [fairmark] creator org [CoopMSP]");
            }
            assertThat(network.height()).isEqualTo(height);
        }
    }

    @Test
    void commit_status_and_events_need_a_valid_signature() throws Exception {
        Signer wrongKey = Signers.newPrivateKeySigner((ECPrivateKey) FairmarkRequests.labelKeyPair().getPrivate());
        try (Gateway honest = Clients.connect(network.inProcessChannel(), producer);
                Gateway forger = Clients.connect(network.inProcessChannel(), producer, wrongKey)) {
            Contract contract = honest.getNetwork(network.channelName()).getContract(network.chaincodeName());
            SubmittedTransaction submitted = contract.newProposal("batch:Register")
                    .addArguments(FairmarkRequests.registerBatch(FairmarkRequests.newLot()))
                    .build()
                    .endorse()
                    .submitAsync();
            assertThat(submitted.getStatus().isSuccessful()).isTrue();
            String txId = submitted.getTransactionId();
            org.hyperledger.fabric.protos.gateway.CommitStatusRequest request =
                    org.hyperledger.fabric.protos.gateway.CommitStatusRequest.newBuilder()
                            .setChannelId(network.channelName())
                            .setTransactionId(txId)
                            .setIdentity(com.google.protobuf.ByteString.copyFrom(producer.serialized()))
                            .build();
            byte[] requestBytes = org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest.newBuilder()
                    .setRequest(request.toByteString())
                    .build()
                    .toByteArray();

            CommitStatusException status = catchThrowableOfType(CommitStatusException.class,
                    () -> forger.newSignedCommit(requestBytes, wrongKey.sign(sha256(request.toByteArray())))
                            .getStatus());
            assertThat(status.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);

            try (CloseableIterator<ChaincodeEvent> events =
                    forger.getNetwork(network.channelName()).getChaincodeEvents(network.chaincodeName())) {
                GatewayRuntimeException error = catchThrowableOfType(GatewayRuntimeException.class, events::next);
                assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
            }
        }
    }

    private static byte[] sha256(byte[] message) throws Exception {
        return java.security.MessageDigest.getInstance("SHA-256").digest(message);
    }

    /** The same signature with {@code s} replaced by {@code n - s}: valid ECDSA, but not Fabric's low-S form. */
    private static byte[] toHighS(byte[] der) {
        int rLength = der[3];
        byte[] r = java.util.Arrays.copyOfRange(der, 4, 4 + rLength);
        int sLength = der[5 + rLength];
        byte[] s = java.util.Arrays.copyOfRange(der, 6 + rLength, 6 + rLength + sLength);
        BigInteger highS = P256_ORDER.subtract(new BigInteger(1, s));
        byte[] rBytes = new BigInteger(1, r).toByteArray();
        byte[] sBytes = highS.toByteArray();
        byte[] out = new byte[6 + rBytes.length + sBytes.length];
        out[0] = 0x30;
        out[1] = (byte) (4 + rBytes.length + sBytes.length);
        out[2] = 0x02;
        out[3] = (byte) rBytes.length;
        System.arraycopy(rBytes, 0, out, 4, rBytes.length);
        out[4 + rBytes.length] = 0x02;
        out[5 + rBytes.length] = (byte) sBytes.length;
        System.arraycopy(sBytes, 0, out, 6 + rBytes.length, sBytes.length);
        return out;
    }
}
