package org.fairmark.contract.service;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.ChaincodeServerProperties;
import org.hyperledger.fabric.shim.NettyChaincodeServer;

/**
 * Runs the Fairmark contract as a chaincode service (Fabric's "chaincode as a service"): the peer dials this process at
 * the address its {@code connection.json} names.
 *
 * <p>Environment (the names the Java shim itself uses):
 *
 * <ul>
 *   <li>{@code CHAINCODE_SERVER_ADDRESS} (required) — {@code host:port} to listen on, e.g. {@code 0.0.0.0:9999};
 *   <li>{@code CORE_CHAINCODE_ID_NAME} (required) — the package id the peers installed, {@code label:sha256};
 *   <li>{@code CORE_PEER_TLS_ENABLED} — {@code true} to serve mutual TLS; then {@code CORE_TLS_CLIENT_CERT_FILE} and
 *       {@code CORE_TLS_CLIENT_KEY_FILE} (PEM server certificate chain and PKCS#8 key) and
 *       {@code CORE_PEER_TLS_ROOTCERT_FILE} (the CA bundle the peers' client certificates must chain to) are
 *       required. The shim also needs {@code CORE_TLS_CLIENT_CERT_PATH} and {@code CORE_TLS_CLIENT_KEY_PATH}
 *       whenever TLS is on: files holding the <em>base64</em> of the same PEM certificate and key (the form a peer
 *       writes for launched chaincode), read on every peer connection.
 * </ul>
 *
 * <pre>{@code
 * CHAINCODE_SERVER_ADDRESS=127.0.0.1:9999 CORE_CHAINCODE_ID_NAME=fairmark_1.0:3f5c... \
 *   java -jar fairmark-contract-service.jar
 * }</pre>
 *
 * <p>A missing or malformed setting ends the process with exit code 2 and one line per problem on standard error,
 * before anything listens.
 */
public final class ChaincodeService {
    public static final String SERVER_ADDRESS = "CHAINCODE_SERVER_ADDRESS";
    public static final String CHAINCODE_ID = "CORE_CHAINCODE_ID_NAME";
    public static final String TLS_ENABLED = "CORE_PEER_TLS_ENABLED";
    public static final String TLS_CERT_FILE = "CORE_TLS_CLIENT_CERT_FILE";
    public static final String TLS_KEY_FILE = "CORE_TLS_CLIENT_KEY_FILE";
    public static final String TLS_CLIENT_CA_FILE = "CORE_PEER_TLS_ROOTCERT_FILE";
    /** Required by the shim's option check when TLS is on; unused by a chaincode server. */
    public static final String SHIM_CERT_PATH = "CORE_TLS_CLIENT_CERT_PATH";
    /** Required by the shim's option check when TLS is on; unused by a chaincode server. */
    public static final String SHIM_KEY_PATH = "CORE_TLS_CLIENT_KEY_PATH";

    /** Exit code for a configuration problem (as for a usage error). */
    public static final int CONFIGURATION_ERROR = 2;

    private ChaincodeService() {}

    /** The validated settings of a chaincode service. */
    public record Settings(
            String host, int port, String chaincodeId, boolean tls, Path certFile, Path keyFile, Path clientCaFile) {
        public Settings {
            Objects.requireNonNull(host, "host == null");
            Objects.requireNonNull(chaincodeId, "chaincodeId == null");
        }

        /** The shim's server properties for these settings. */
        public ChaincodeServerProperties serverProperties() {
            ChaincodeServerProperties properties = new ChaincodeServerProperties();
            properties.setServerAddress(new InetSocketAddress(host, port));
            if (tls) {
                properties.setTlsEnabled(true);
                properties.setKeyCertChainFile(certFile.toString());
                properties.setKeyFile(keyFile.toString());
                if (clientCaFile != null) {
                    properties.setTrustCertCollectionFile(clientCaFile.toString());
                }
            }
            return properties;
        }
    }

    /** Thrown by {@link #settings(Map)} with every problem found, one per line. */
    public static final class ConfigurationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConfigurationException(List<String> problems) {
            super(String.join(System.lineSeparator(), problems));
        }
    }

    /**
     * Reads and checks the settings from an environment map.
     *
     * @throws ConfigurationException naming every missing or malformed variable
     */
    public static Settings settings(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment == null");
        List<String> problems = new ArrayList<>();
        String address = value(environment, SERVER_ADDRESS);
        String host = null;
        int port = -1;
        if (address == null) {
            problems.add(SERVER_ADDRESS + " is not set: the host:port this chaincode service listens on, e.g. 0.0.0.0:9999");
        } else {
            int colon = address.lastIndexOf(':');
            if (colon <= 0 || colon == address.length() - 1) {
                problems.add(SERVER_ADDRESS + "='" + address + "' is not host:port");
            } else {
                host = address.substring(0, colon);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                try {
                    port = Integer.parseInt(address.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = -1;
                }
                if (port < 0 || port > 65535) {
                    problems.add(SERVER_ADDRESS + "='" + address + "': the port must be a number from 0 to 65535");
                }
            }
        }
        String chaincodeId = value(environment, CHAINCODE_ID);
        if (chaincodeId == null) {
            problems.add(CHAINCODE_ID + " is not set: the package id the peers installed (label:hash, as printed by"
                    + " 'peer lifecycle chaincode calculatepackageid')");
        }
        String tlsValue = value(environment, TLS_ENABLED);
        boolean tls = false;
        if (tlsValue != null) {
            if (tlsValue.equalsIgnoreCase("true")) {
                tls = true;
            } else if (!tlsValue.equalsIgnoreCase("false")) {
                problems.add(TLS_ENABLED + "='" + tlsValue + "' must be true or false");
            }
        }
        Path cert = null;
        Path key = null;
        Path clientCa = null;
        if (tls) {
            cert = file(environment, TLS_CERT_FILE, true, problems);
            key = file(environment, TLS_KEY_FILE, true, problems);
            clientCa = file(environment, TLS_CLIENT_CA_FILE, true, problems);
            for (String name : List.of(SHIM_CERT_PATH, SHIM_KEY_PATH)) {
                if (value(environment, name) == null) {
                    problems.add(name + " is not set: fabric-chaincode-shim 2.5 requires it when " + TLS_ENABLED
                            + "=true: a file holding the base64 of the PEM in "
                            + (name.equals(SHIM_CERT_PATH) ? TLS_CERT_FILE : TLS_KEY_FILE)
                            + " (e.g. base64 -w0 cert.pem > cert.b64)");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return new Settings(host, port, chaincodeId, tls, cert, key, clientCa);
    }

    private static Path file(Map<String, String> environment, String name, boolean required, List<String> problems) {
        String path = value(environment, name);
        if (path == null) {
            if (required) {
                problems.add(name + " is not set (required when " + TLS_ENABLED + "=true): a PEM file");
            }
            return null;
        }
        Path file = Path.of(path);
        if (!Files.isReadable(file)) {
            problems.add(name + "='" + path + "' is not a readable file");
        }
        return file;
    }

    private static String value(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Starts the contract's chaincode server and blocks until it shuts down. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Settings settings;
        try {
            settings = settings(System.getenv());
        } catch (ConfigurationException e) {
            System.err.println("fairmark chaincode service: cannot start");
            e.getMessage().lines().forEach(line -> System.err.println("  " + line));
            System.exit(CONFIGURATION_ERROR);
            return;
        }
        // The router reads CORE_CHAINCODE_ID_NAME (and logging levels) from the environment itself.
        ContractRouter router = new ContractRouter(new String[0]);
        NettyChaincodeServer server = new NettyChaincodeServer(router, settings.serverProperties());
        System.err.println("fairmark chaincode service " + settings.chaincodeId() + " listening on "
                + settings.host() + ":" + settings.port() + (settings.tls() ? " (TLS)" : ""));
        router.startRouterWithChaincodeServer(server);
    }
}
