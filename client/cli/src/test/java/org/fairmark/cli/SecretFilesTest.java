package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.fairmark.cli.web.TokenStore;
import org.fairmark.devca.Roster;
import org.fairmark.network.EmbeddedNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
    @TempDir
    Path dataDir;

    @Test
    void a_fresh_data_directory_keeps_every_key_and_the_token_store_owner_only() throws IOException {
        try (EmbeddedNetwork network = EmbeddedNetwork.builder().dataDir(dataDir).port(-1).start()) {
            assertThat(network.dataDir()).isEqualTo(dataDir);
            TokenStore.inDataDir(dataDir).create(EmbeddedNetwork.BUYER, "scale");
            new LabelKeyStore(dataDir).save(org.fairmark.client.LabelSigner.generate());
            List<Path> secrets;
            try (Stream<Path> files = Files.walk(dataDir)) {
                secrets = files.filter(Files::isRegularFile).filter(SecretFiles::isSecret).toList();
            }
            assertThat(secrets.stream().map(p -> p.getFileName().toString()))
                    .contains("key.pem", "ca-key.pem", "web-tokens.json")
                    .anyMatch(name -> name.endsWith(".pem") && name.length() > 30);
            assertThat(SecretFiles.exposed(dataDir)).isEmpty();
        }
    }

    @Test
    void reports_a_widened_key_and_token_store_but_not_certificates() throws IOException {
        Path key = Files.createDirectories(dataDir.resolve("wallet").resolve(Roster.BUYER)).resolve("key.pem");
        Path certificate = key.resolveSibling("cert.pem");
        Path tokens = dataDir.resolve("web-tokens.json");
        Path labelKey = Files.createDirectories(dataDir.resolve("label-keys")).resolve("0a1b.pem");
        for (Path file : List.of(key, certificate, tokens, labelKey)) {
            Files.writeString(file, "x");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        assertThat(SecretFiles.exposed(dataDir)).extracting(SecretFiles.Exposed::file)
                .containsExactlyInAnyOrder(key, tokens, labelKey);
        assertThat(SecretFiles.exposed(dataDir).get(0).warning()).contains("rw-r--r--").contains("chmod 600");
        for (Path file : List.of(key, tokens, labelKey)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(SecretFiles.exposed(dataDir)).isEmpty();
    }
}
