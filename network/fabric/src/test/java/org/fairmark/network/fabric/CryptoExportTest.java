package org.fairmark.network.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.util.List;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Pem;
import org.fairmark.devca.Roster;
import org.fairmark.devca.Wallet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CryptoExportTest {
    @Test
    void writes_fabric_msp_folders_with_node_ous_matching_the_dev_ca_certificates(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("crypto");
        CryptoExport.export(out, null, dir.resolve("wallet"));

        for (String msp : List.of("CoopMSP", "BureauMSP", "CarrierMSP", "MarketMSP", "OrdererMSP")) {
            Path org = out.resolve("orgs").resolve(msp);
            X509Certificate root = Pem.readCertificate(Files.readString(org.resolve("msp/cacerts/ca.pem")));
            assertThat(Files.readString(org.resolve("msp/tlscacerts/ca.pem")))
                    .isEqualTo(Files.readString(org.resolve("msp/cacerts/ca.pem")));
            assertThat(Files.readString(org.resolve("msp/config.yaml")))
                    .contains("Enable: true")
                    .contains("OrganizationalUnitIdentifier: client")
                    .contains("OrganizationalUnitIdentifier: peer")
                    .contains("OrganizationalUnitIdentifier: admin")
                    .contains("OrganizationalUnitIdentifier: orderer");
            Path node = msp.equals("OrdererMSP") ? org.resolve("orderers/orderer0") : org.resolve("peers/peer0");
            X509Certificate signer = Pem.readCertificate(Files.readString(node.resolve("msp/signcerts/cert.pem")));
            assertThat(CertificateAuthority.isIssuedBy(signer, root)).isTrue();
            assertThat(signer.getSubjectX500Principal().getName())
                    .contains("OU=" + (msp.equals("OrdererMSP") ? "orderer" : "peer"));
            assertThat(Files.getPosixFilePermissions(node.resolve("msp/keystore/key.pem")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            X509Certificate tls = Pem.readCertificate(Files.readString(node.resolve("tls/server.crt")));
            String host = Files.readString(node.resolve("hostname")).strip();
            assertThat(tls.getSubjectAlternativeNames()).extracting(name -> name.get(1).toString())
                    .contains(host, "localhost", "127.0.0.1");
            X509Certificate admin = Pem.readCertificate(Files.readString(org.resolve("users/admin/msp/signcerts/cert.pem")));
            assertThat(admin.getSubjectX500Principal().getName()).contains("OU=admin");
            assertThat(org.resolve("users/admin/tls/client.crt")).exists();
        }
        assertThat(Files.readString(out.resolve("orgs/CoopMSP/peers/peer0/hostname")).strip())
                .isEqualTo("peer0.coop.fairmark.local");
        X509Certificate contractTls = Pem.readCertificate(Files.readString(out.resolve("contract/tls/server.crt")));
        assertThat(CertificateAuthority.isIssuedBy(contractTls,
                        Pem.readCertificate(Files.readString(out.resolve("contract/tls/ca.crt")))))
                .isTrue();
        assertThat(contractTls.getSubjectAlternativeNames()).extracting(name -> name.get(1).toString())
                .contains("127.0.0.1", "localhost");
        Wallet wallet = Wallet.open(dir.resolve("wallet"));
        assertThat(wallet.get(Roster.PRODUCER).role()).isEqualTo("producer");
        assertThat(wallet.get(Roster.INSPECTOR).attributes()).containsEntry("fairmark.jurisdiction", "130227,1302");
        assertThat(wallet.get(Roster.PRODUCER).mspId()).isEqualTo("CoopMSP");
    }

    @Test
    void a_second_export_keeps_the_cas_so_wallet_identities_stay_valid(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("crypto");
        CryptoExport.export(out, null, dir.resolve("wallet"));
        String root = Files.readString(out.resolve("orgs/CoopMSP/msp/cacerts/ca.pem"));
        CryptoExport.export(out, null, null);
        assertThat(Files.readString(out.resolve("orgs/CoopMSP/msp/cacerts/ca.pem"))).isEqualTo(root);
    }

    @Test
    void takes_the_peer_org_cas_from_an_embedded_data_directory(@TempDir Path dir) throws Exception {
        Path embedded = dir.resolve("embedded");
        for (Roster.Org org : CryptoExport.PEER_ORGS) {
            CertificateAuthority.create(org.mspId(), org.domain("example.com")).save(embedded.resolve("orgs").resolve(org.mspId()).resolve("ca"));
        }
        Path out = dir.resolve("crypto");
        CryptoExport.export(out, embedded, dir.resolve("wallet"));

        assertThat(Files.readString(out.resolve("orgs/CoopMSP/msp/cacerts/ca.pem")))
                .isEqualTo(Files.readString(embedded.resolve("orgs/CoopMSP/ca/ca-cert.pem")));
        assertThat(Files.readString(out.resolve("orgs/CoopMSP/peers/peer0/hostname")).strip())
                .isEqualTo("peer0.coop.example.com");
        assertThat(dir.resolve("wallet")).doesNotExist();
    }

    @Test
    void refuses_a_directory_without_a_dev_ca(@TempDir Path dir) {
        assertThatThrownBy(() -> CryptoExport.export(dir.resolve("crypto"), dir.resolve("empty"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no dev CA");
    }
    @Test
    void a_certificate_revoked_at_an_org_ca_goes_into_the_crls_folder_of_its_msp(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("crypto");
        CryptoExport.export(out, null, dir.resolve("wallet"));
        Path coop = out.resolve("orgs").resolve("CoopMSP");
        assertThat(coop.resolve("msp/crls/crl.pem")).doesNotExist();

        CertificateAuthority ca = CertificateAuthority.load(coop.resolve("ca"));
        X509Certificate revoked = ca.issue("gone@coop", java.util.Map.of("fairmark.role", "producer")).certificate();
        ca.revoke(revoked);
        ca.save(coop.resolve("ca"));
        CryptoExport.export(out, null, dir.resolve("wallet"));

        java.security.cert.X509CRL crl = Pem.readCrl(Files.readString(coop.resolve("msp/crls/crl.pem")));
        crl.verify(ca.certificate().getPublicKey());
        assertThat(crl.isRevoked(revoked)).isTrue();
        assertThat(crl.getExtensionValue("2.5.29.35")).as("authority key identifier, which Fabric matches").isNotNull();
        assertThat(coop.resolve("peers/peer0/msp/crls/crl.pem")).exists();
        assertThat(out.resolve("orgs/BureauMSP/msp/crls/crl.pem")).doesNotExist();
    }
}
