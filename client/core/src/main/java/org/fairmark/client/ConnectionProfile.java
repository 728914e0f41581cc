package org.fairmark.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.MspId;

/**
 * Where each organization's Fabric Gateway peer is: one JSON file that maps every organization (MSP id) to its
 * gateway endpoint, with TLS settings, plus the channel and chaincode names. A {@link FairmarkClient} built with
 * {@link FairmarkClient.Builder#profile(ConnectionProfile)} connects every identity to its <em>own</em>
 * organization's gateway, so on a real multi-org network each org's peer endorses for its own members.
 *
 * <p>Format {@value #FORMAT} (see {@code docs/en/client.md}, "Connection profiles"):
 *
 * <pre>
 * {"format": "fairmark-connection-profile/1",
 *  "name": "qianxi-county",
 *  "channel": "fairmark",
 *  "chaincode": "fairmark",
 *  "organizations": {
 *    "CoopMSP":   {"endpoint": "peer0.coop.example.com:7051", "tls": true,
 *                  "tlsCACerts": {"path": "tls/coop-ca.pem"}},
 *    "BureauMSP": {"endpoint": "10.0.0.12:8051", "tls": true,
 *                  "tlsCACerts": {"pem": "-----BEGIN CERTIFICATE-----\n…"},
 *                  "serverNameOverride": "peer0.bureau.example.com"}}}
 * </pre>
 *
 * <p>Parsing is strict: an unknown or missing field, a value of the wrong type or range, a file larger than
 * {@value #MAX_BYTES} bytes or an unreadable CA certificate is refused with a {@link FairmarkException} before anything
 * connects. Relative {@code path}s are resolved against the profile file's directory.
 *
 * <pre>{@code
 * ConnectionProfile profile = ConnectionProfile.load(Path.of("network/connection.json"));
 * try (FairmarkClient producer = FairmarkClient.builder()
 *         .profile(profile)
 *         .identity(FairmarkIdentity.fromWallet(wallet, "producer@coop"))     // talks to CoopMSP's gateway
 *         .connect();
 *         FairmarkClient inspector = producer.withIdentity(
 *                 FairmarkIdentity.fromWallet(wallet, "inspector@bureau"))) {  // talks to BureauMSP's gateway
 *     ...
 * }
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ConnectionProfile {
    /** The value of the profile's {@code format} field. */
    public static final String FORMAT = "fairmark-connection-profile/1";
    /** The largest profile (and TLS CA certificate file) {@link #load} accepts, 1 MiB. */
    public static final int MAX_BYTES = 1024 * 1024;

    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9.-]{0,248}");
    private static final Pattern CHAINCODE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]{0,248}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");
    private static final int MAX_ORGANIZATIONS = 256;
    private static final Set<String> TOP_FIELDS = Set.of("format", "name", "channel", "chaincode", "organizations");
    private static final Set<String> ORG_FIELDS = Set.of("endpoint", "tls", "tlsCACerts", "serverNameOverride");
    private static final Set<String> CA_FIELDS = Set.of("path", "pem");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final String name;
    private final String channel;
    private final String chaincode;
    private final Map<String, GatewayEndpoint> gateways;

    private ConnectionProfile(String name, String channel, String chaincode, Collection<GatewayEndpoint> gateways) {
        this.name = name;
        this.channel = requireName(channel, CHANNEL, "channel");
        this.chaincode = requireName(chaincode, CHAINCODE, "chaincode");
        Objects.requireNonNull(gateways, "gateways == null");
        if (gateways.isEmpty()) {
            throw new IllegalArgumentException("a connection profile needs at least one organization");
        }
        Map<String, GatewayEndpoint> byOrg = new LinkedHashMap<>();
        for (GatewayEndpoint gateway : gateways) {
            Objects.requireNonNull(gateway, "gateway == null");
            if (byOrg.putIfAbsent(gateway.mspId(), gateway) != null) {
                throw new IllegalArgumentException("two gateways for " + gateway.mspId());
            }
        }
        this.gateways = java.util.Collections.unmodifiableMap(byOrg);
    }

    /**
     * A profile of {@code gateways} (one per organization) on {@code channel} and {@code chaincode}.
     *
     * @throws IllegalArgumentException when a name is invalid, there is no gateway or two are for the same org
     */
    public static ConnectionProfile of(String channel, String chaincode, Collection<GatewayEndpoint> gateways) {
        return new ConnectionProfile(null, channel, chaincode, List.copyOf(gateways));
    }

    /** A builder; channel and chaincode default to {@code fairmark}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a profile file; relative CA certificate paths are resolved against its directory and read now.
     *
     * @throws FairmarkException {@link ErrorCode#INVALID_ARGUMENT} when the file cannot be read or is not a valid
     *     profile, {@link ErrorCode#PAYLOAD_TOO_LARGE} when it has more than {@value #MAX_BYTES} bytes
     */
    public static ConnectionProfile load(Path file) {
        Objects.requireNonNull(file, "file == null");
        byte[] bytes = readLimited(file, "the connection profile " + file);
        Path directory = file.toAbsolutePath().getParent();
        return parse(bytes, directory, file.toString());
    }

    /**
     * Parses profile JSON; relative CA certificate paths are resolved against {@code baseDirectory}.
     *
     * @throws FairmarkException as {@link #load}
     */
    public static ConnectionProfile parse(byte[] json, Path baseDirectory) {
        Objects.requireNonNull(json, "json == null");
        Objects.requireNonNull(baseDirectory, "baseDirectory == null");
        if (json.length > MAX_BYTES) {
            throw tooLarge("the connection profile");
        }
        return parse(json, baseDirectory.toAbsolutePath(), "the connection profile");
    }

    private static ConnectionProfile parse(byte[] json, Path directory, String where) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw invalid(where + " is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw invalid(where + " is not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw invalid(where + " must be a JSON object");
        }
        checkFields(root, TOP_FIELDS, Set.of("format", "channel", "chaincode", "organizations"), where);
        String format = text(root, "format", where);
        if (!format.equals(FORMAT)) {
            throw invalid(where + ": format must be \"" + FORMAT + "\", not \"" + format + "\"");
        }
        String name = root.has("name") ? text(root, "name", where) : null;
        if (name != null && (name.isBlank() || name.length() > 256)) {
            throw invalid(where + ": name must be 1..256 characters");
        }
        String channel = text(root, "channel", where);
        if (!CHANNEL.matcher(channel).matches()) {
            throw invalid(where + ": channel '" + channel + "' is not a Fabric channel name (" + CHANNEL.pattern() + ")");
        }
        String chaincode = text(root, "chaincode", where);
        if (!CHAINCODE.matcher(chaincode).matches()) {
            throw invalid(where + ": chaincode '" + chaincode + "' is not a chaincode name (" + CHAINCODE.pattern() + ")");
        }
        JsonNode organizations = root.get("organizations");
        if (!organizations.isObject() || organizations.isEmpty()) {
            throw invalid(where + ": organizations must be an object with at least one MSP id");
        }
        if (organizations.size() > MAX_ORGANIZATIONS) {
            throw invalid(where + ": at most " + MAX_ORGANIZATIONS + " organizations");
        }
        List<GatewayEndpoint> gateways = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : organizations.properties()) {
            gateways.add(parseOrganization(entry.getKey(), entry.getValue(), directory, where));
        }
        return new ConnectionProfile(name, channel, chaincode, gateways);
    }

    private static GatewayEndpoint parseOrganization(String mspId, JsonNode node, Path directory, String where) {
        String at = where + ": organizations." + mspId;
        if (!MspId.isValid(mspId)) {
            throw invalid(where + ": organization '" + mspId + "' is not an MSP id (" + MspId.SYNTAX + ")");
        }
        if (!node.isObject()) {
            throw invalid(at + " must be an object");
        }
        checkFields(node, ORG_FIELDS, Set.of("endpoint", "tls"), at);
        String endpoint = text(node, "endpoint", at);
        int colon = endpoint.lastIndexOf(':');
        String host = colon > 0 ? endpoint.substring(0, colon) : "";
        String portText = colon > 0 ? endpoint.substring(colon + 1) : "";
        if (!HOST.matcher(host).matches() || !portText.matches("[0-9]{1,5}")) {
            throw invalid(at + ".endpoint must be HOST:PORT (an IPv6 address in brackets), not '" + endpoint + "'");
        }
        int port = Integer.parseInt(portText);
        if (port < 1 || port > 65_535) {
            throw invalid(at + ".endpoint: the port must be 1..65535, not " + port);
        }
        JsonNode tlsNode = node.get("tls");
        if (!tlsNode.isBoolean()) {
            throw invalid(at + ".tls must be true or false");
        }
        boolean tls = tlsNode.booleanValue();
        if (!tls && (node.has("tlsCACerts") || node.has("serverNameOverride"))) {
            throw invalid(at + ": tlsCACerts and serverNameOverride need \"tls\": true");
        }
        GatewayEndpoint gateway = tls ? GatewayEndpoint.tls(mspId, host, port) : GatewayEndpoint.plaintext(mspId, host, port);
        if (node.has("tlsCACerts")) {
            JsonNode ca = node.get("tlsCACerts");
            String caAt = at + ".tlsCACerts";
            if (!ca.isObject()) {
                throw invalid(caAt + " must be an object with \"path\" or \"pem\"");
            }
            checkFields(ca, CA_FIELDS, Set.of(), caAt);
            if (ca.has("path") == ca.has("pem")) {
                throw invalid(caAt + " needs exactly one of \"path\" and \"pem\"");
            }
            if (ca.has("path")) {
                String path = text(ca, "path", caAt);
                if (path.isBlank() || path.indexOf('\0') >= 0) {
                    throw invalid(caAt + ".path must name a file");
                }
                Path file;
                try {
                    file = directory.resolve(path).normalize();
                } catch (java.nio.file.InvalidPathException e) {
                    throw invalid(caAt + ".path '" + path + "' is not a path", e);
                }
                gateway = gateway.withTlsCaCertificates(file);
            } else {
                gateway = gateway.withTlsCaCertificatesPem(text(ca, "pem", caAt), caAt + ".pem");
            }
        }
        if (node.has("serverNameOverride")) {
            String serverName = text(node, "serverNameOverride", at);
            if (!HOST.matcher(serverName).matches()) {
                throw invalid(at + ".serverNameOverride must be a host name, not '" + serverName + "'");
            }
            gateway = gateway.withServerNameOverride(serverName);
        }
        return gateway;
    }

    private static void checkFields(JsonNode node, Set<String> known, Set<String> required, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!known.contains(field)) {
                throw invalid(where + ": unknown field '" + field + "' (known: " + String.join(", ", new java.util.TreeSet<>(known))
                        + ")");
            }
        }
        for (String field : new java.util.TreeSet<>(required)) {
            if (!node.has(field) || node.get(field).isNull()) {
                throw invalid(where + ": the field '" + field + "' is missing");
            }
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid(where + "." + field + " must be a string");
        }
        return value.textValue();
    }

    /** The profile's name, when it has one. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** A copy with {@code name} (1..256 characters). */
    public ConnectionProfile withName(String name) {
        Objects.requireNonNull(name, "name == null");
        if (name.isBlank() || name.length() > 256) {
            throw new IllegalArgumentException("name must be 1..256 characters");
        }
        return new ConnectionProfile(name, channel, chaincode, gateways.values());
    }

    /** The Fabric channel. */
    public String channel() {
        return channel;
    }

    /** The chaincode. */
    public String chaincode() {
        return chaincode;
    }

    /** The MSP ids of the profile, in file order. */
    public List<String> organizations() {
        return List.copyOf(gateways.keySet());
    }

    /** Every organization's gateway, in file order. */
    public List<GatewayEndpoint> gateways() {
        return List.copyOf(gateways.values());
    }

    /**
     * The gateway of organization {@code mspId}.
     *
     * @throws FairmarkException {@link ErrorCode#IDENTITY_INVALID} when the profile has no gateway for it; the
     *     message names the organizations it has
     */
    public GatewayEndpoint gateway(String mspId) {
        Objects.requireNonNull(mspId, "mspId == null");
        GatewayEndpoint gateway = gateways.get(mspId);
        if (gateway == null) {
            throw new FairmarkException(ErrorCode.IDENTITY_INVALID, "the connection profile has no gateway for " + mspId
                    + "; it has " + String.join(", ", gateways.keySet()), FairmarkException.Stage.CONNECT, null, null,
                    false, null);
        }
        return gateway;
    }

    /** The profile as JSON (indented, UTF-8); CA certificate files are written as absolute paths. */
    public byte[] toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        if (name != null) {
            root.put("name", name);
        }
        root.put("channel", channel);
        root.put("chaincode", chaincode);
        ObjectNode organizations = root.putObject("organizations");
        for (GatewayEndpoint gateway : gateways.values()) {
            ObjectNode org = organizations.putObject(gateway.mspId());
            org.put("endpoint", gateway.endpoint());
            org.put("tls", gateway.tls());
            if (gateway.tlsCaCertificatesFile().isPresent()) {
                org.putObject("tlsCACerts").put("path", gateway.tlsCaCertificatesFile().get().toString());
            } else if (gateway.tlsCaCertificatesPem().isPresent()) {
                org.putObject("tlsCACerts").put("pem", gateway.tlsCaCertificatesPem().get());
            }
            gateway.serverNameOverride().ifPresent(serverName -> org.put("serverNameOverride", serverName));
        }
        try {
            return (MAPPER.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw FairmarkException.client(ErrorCode.INTERNAL_ERROR, "cannot write JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the profile to {@code file} atomically (a temporary file renamed), creating its directory.
     *
     * @throws FairmarkException {@link ErrorCode#INVALID_ARGUMENT} when the file cannot be written
     */
    public void write(Path file) {
        Objects.requireNonNull(file, "file == null");
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        try {
            Files.createDirectories(absolute.getParent());
            Files.write(temporary, toJson());
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw invalid("cannot write the connection profile " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConnectionProfile that && Objects.equals(name, that.name) && channel.equals(that.channel)
                && chaincode.equals(that.chaincode) && gateways.equals(that.gateways);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, channel, chaincode, gateways);
    }

    @Override
    public String toString() {
        return "ConnectionProfile[" + (name == null ? "" : name + ", ") + "channel=" + channel + ", chaincode="
                + chaincode + ", " + gateways.values() + "]";
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static String requireName(String value, Pattern pattern, String what) {
        Objects.requireNonNull(value, what + " == null");
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid " + what + " name: '" + value + "'");
        }
        return value;
    }

    static byte[] readLimited(Path file, String what) {
        try {
            if (Files.isDirectory(file)) {
                throw invalid(what + " is a directory, not a file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw tooLarge(what);
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge(what);
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw invalid(what + " does not exist", e);
        } catch (IOException e) {
            throw invalid("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    private static FairmarkException tooLarge(String what) {
        return FairmarkException.client(ErrorCode.PAYLOAD_TOO_LARGE, what + " is larger than " + MAX_BYTES + " bytes");
    }

    static FairmarkException invalid(String detail) {
        return FairmarkException.client(ErrorCode.INVALID_ARGUMENT, detail);
    }

    static FairmarkException invalid(String detail, Throwable cause) {
        return FairmarkException.client(ErrorCode.INVALID_ARGUMENT, detail, cause);
    }

    /**
     * One organization's Fabric Gateway peer: its endpoint, whether it speaks TLS, the CA certificates that issued its
     * TLS certificate (none: the JVM's default trust store) and the host name its certificate is checked against when
     * it differs from the endpoint's host.
     *
     * <pre>{@code
     * GatewayEndpoint coop = GatewayEndpoint.tls("CoopMSP", "peer0.coop.example.com", 7051)
     *         .withTlsCaCertificates(Path.of("tls/coop-ca.pem"));
     * GatewayEndpoint dev = GatewayEndpoint.plaintext("BureauMSP", "127.0.0.1", 7051);
     * }</pre>
     */
    public static final class GatewayEndpoint {
        private final String mspId;
        private final String host;
        private final int port;
        private final boolean tls;
        private final Path tlsCaCertificatesFile;
        private final String tlsCaCertificatesPem;
        private final String serverNameOverride;

        private GatewayEndpoint(String mspId, String host, int port, boolean tls, Path caFile, String caPem,
                String serverNameOverride) {
            this.mspId = mspId;
            this.host = host;
            this.port = port;
            this.tls = tls;
            this.tlsCaCertificatesFile = caFile;
            this.tlsCaCertificatesPem = caPem;
            this.serverNameOverride = serverNameOverride;
        }

        /** A gateway without TLS: development only. */
        public static GatewayEndpoint plaintext(String mspId, String host, int port) {
            return new GatewayEndpoint(requireMspId(mspId), requireHost(host), requirePort(port), false, null, null, null);
        }

        /** A TLS gateway whose certificate the JVM's default trust store verifies, unless CA certificates are added. */
        public static GatewayEndpoint tls(String mspId, String host, int port) {
            return new GatewayEndpoint(requireMspId(mspId), requireHost(host), requirePort(port), true, null, null, null);
        }

        /**
         * A copy trusting the CA certificates of the PEM file {@code pemFile}, read now.
         *
         * @throws IllegalStateException when this gateway is not TLS
         * @throws FairmarkException {@link ErrorCode#INVALID_ARGUMENT} when the file cannot be read or holds no
         *     certificate, {@link ErrorCode#PAYLOAD_TOO_LARGE} when it is larger than 1 MiB
         */
        public GatewayEndpoint withTlsCaCertificates(Path pemFile) {
            Objects.requireNonNull(pemFile, "pemFile == null");
            requireTls("tlsCaCertificates");
            Path absolute = pemFile.toAbsolutePath().normalize();
            String what = "the TLS CA certificate file " + absolute + " of " + mspId;
            String pem = new String(readLimited(absolute, what), StandardCharsets.UTF_8);
            checkCertificates(pem, what);
            return new GatewayEndpoint(mspId, host, port, true, absolute, pem, serverNameOverride);
        }

        /**
         * A copy trusting the CA certificates of {@code pem} (PEM text).
         *
         * @throws IllegalStateException when this gateway is not TLS
         * @throws FairmarkException {@link ErrorCode#INVALID_ARGUMENT} when the text holds no certificate
         */
        public GatewayEndpoint withTlsCaCertificatesPem(String pem) {
            return withTlsCaCertificatesPem(pem, "the TLS CA certificates of " + mspId);
        }

        GatewayEndpoint withTlsCaCertificatesPem(String pem, String what) {
            Objects.requireNonNull(pem, "pem == null");
            requireTls("tlsCaCertificates");
            if (pem.length() > MAX_BYTES) {
                throw tooLarge(what);
            }
            checkCertificates(pem, what);
            return new GatewayEndpoint(mspId, host, port, true, null, pem, serverNameOverride);
        }

        /** A copy checking the peer's TLS certificate against {@code serverName} instead of the endpoint's host. */
        public GatewayEndpoint withServerNameOverride(String serverName) {
            Objects.requireNonNull(serverName, "serverName == null");
            requireTls("serverNameOverride");
            if (!HOST.matcher(serverName).matches()) {
                throw new IllegalArgumentException("not a host name: '" + serverName + "'");
            }
            return new GatewayEndpoint(mspId, host, port, true, tlsCaCertificatesFile, tlsCaCertificatesPem, serverName);
        }

        /** The organization's MSP id, e.g. {@code CoopMSP}. */
        public String mspId() {
            return mspId;
        }

        /** The gateway peer's host name or address (an IPv6 address in brackets). */
        public String host() {
            return host;
        }

        /** The gateway peer's port. */
        public int port() {
            return port;
        }

        /** {@code host:port}. */
        public String endpoint() {
            return host + ":" + port;
        }

        /** Whether the gateway speaks TLS. */
        public boolean tls() {
            return tls;
        }

        /** The PEM file the CA certificates were read from, when they came from a file. */
        public Optional<Path> tlsCaCertificatesFile() {
            return Optional.ofNullable(tlsCaCertificatesFile);
        }

        /** The PEM text of the trusted CA certificates; empty for the JVM's default trust store. */
        public Optional<String> tlsCaCertificatesPem() {
            return Optional.ofNullable(tlsCaCertificatesPem);
        }

        /** The host name expected in the peer's TLS certificate, when it is not {@link #host()}. */
        public Optional<String> serverNameOverride() {
            return Optional.ofNullable(serverNameOverride);
        }

        /** Whether two organizations can share one gRPC channel: same address and TLS settings. */
        boolean sameConnection(GatewayEndpoint other) {
            return host.equals(other.host) && port == other.port && tls == other.tls
                    && Objects.equals(tlsCaCertificatesPem, other.tlsCaCertificatesPem)
                    && Objects.equals(serverNameOverride, other.serverNameOverride);
        }

        private void requireTls(String what) {
            if (!tls) {
                throw new IllegalStateException(what + " applies to a TLS gateway; " + mspId + "'s is plaintext");
            }
        }

        private static void checkCertificates(String pem, String what) {
            List<java.security.cert.X509Certificate> certificates;
            try {
                certificates = FairmarkIdentity.certificates(pem, what);
            } catch (FairmarkException e) {
                throw invalid(what + " holds a malformed certificate", e);
            }
            if (certificates.isEmpty()) {
                throw invalid(what + " holds no PEM certificate");
            }
        }

        private static String requireMspId(String mspId) {
            Objects.requireNonNull(mspId, "mspId == null");
            if (!MspId.isValid(mspId)) {
                throw new IllegalArgumentException("not an MSP id: '" + mspId + "'");
            }
            return mspId;
        }

        private static String requireHost(String host) {
            Objects.requireNonNull(host, "host == null");
            if (!HOST.matcher(host).matches()) {
                throw new IllegalArgumentException("not a host name or address: '" + host + "'");
            }
            return host;
        }

        private static int requirePort(int port) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be 1..65535, got " + port);
            }
            return port;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof GatewayEndpoint that && mspId.equals(that.mspId) && sameConnection(that)
                    && Objects.equals(tlsCaCertificatesFile, that.tlsCaCertificatesFile);
        }

        @Override
        public int hashCode() {
            return Objects.hash(mspId, host, port, tls, tlsCaCertificatesPem, serverNameOverride);
        }

        @Override
        public String toString() {
            return mspId + "=" + (tls ? "grpcs://" : "grpc://") + endpoint()
                    + (serverNameOverride == null ? "" : " (TLS name " + serverNameOverride + ")");
        }
    }

    /**
     * Settings of a {@link ConnectionProfile}.
     *
     * <pre>{@code
     * ConnectionProfile profile = ConnectionProfile.builder()
     *         .gateway(GatewayEndpoint.plaintext("CoopMSP", "127.0.0.1", 7051))
     *         .gateway(GatewayEndpoint.plaintext("BureauMSP", "127.0.0.1", 7051))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private String name;
        private String channel = "fairmark";
        private String chaincode = "fairmark";
        private final List<GatewayEndpoint> gateways = new ArrayList<>();

        private Builder() {}

        /** A name for people, e.g. {@code qianxi-county}. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name == null");
            return this;
        }

        /** The Fabric channel, default {@code fairmark}. */
        public Builder channel(String channel) {
            this.channel = Objects.requireNonNull(channel, "channel == null");
            return this;
        }

        /** The chaincode, default {@code fairmark}. */
        public Builder chaincode(String chaincode) {
            this.chaincode = Objects.requireNonNull(chaincode, "chaincode == null");
            return this;
        }

        /** Adds an organization's gateway. */
        public Builder gateway(GatewayEndpoint gateway) {
            gateways.add(Objects.requireNonNull(gateway, "gateway == null"));
            return this;
        }

        /**
         * The profile.
         *
         * @throws IllegalArgumentException when a name is invalid, there is no gateway or two are for the same org
         */
        public ConnectionProfile build() {
            ConnectionProfile profile = new ConnectionProfile(null, channel, chaincode, List.copyOf(gateways));
            return name == null ? profile : profile.withName(name);
        }
    }
}
