package org.fairmark.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.fairmark.client.CryptoProvider;

/**
 * The ECDSA provider this command signs and verifies with, for {@code fairmark --version} and
 * {@code fairmark network status}; and the one the background network chose, which it writes into its log when it
 * starts ({@code signatures by Conscrypt 2.5.2}) and {@code network start} keeps in {@value #NETWORK_FILE}.
 */
final class CryptoInfo {
    static final String NETWORK_FILE = "network.crypto";

    private CryptoInfo() {}

    /** E.g. {@code Conscrypt 2.5.2 (first in the fixed order)}, with the candidates passed over and why. */
    static String text() {
        CryptoProvider provider = CryptoProvider.fastest();
        StringBuilder text = new StringBuilder(summary(provider)).append(" (").append(provider.choice()).append(')');
        for (Map.Entry<String, String> skipped : provider.unavailable().entrySet()) {
            text.append("; ").append(skipped.getKey()).append(' ').append(skipped.getValue());
        }
        return text.toString();
    }

    /** {@code {"name":"Conscrypt","version":"2.5.2","choice":"first in the fixed order","unavailable":{}}}. */
    static ObjectNode json() {
        CryptoProvider provider = CryptoProvider.fastest();
        ObjectNode json = CliJson.object();
        json.put("name", provider.name());
        json.put("version", provider.version());
        json.put("choice", provider.choice());
        ObjectNode unavailable = json.putObject("unavailable");
        provider.unavailable().forEach(unavailable::put);
        return json;
    }

    /** Name and version, e.g. {@code Conscrypt 2.5.2}. */
    static String summary(CryptoProvider provider) {
        return (provider.name() + " " + provider.version()).strip();
    }

    /** The provider the background network of {@code dataDir} reported when it started, if known. */
    static Optional<String> network(Path dataDir) {
        try {
            String text = Files.readString(dataDir.resolve(NETWORK_FILE), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
