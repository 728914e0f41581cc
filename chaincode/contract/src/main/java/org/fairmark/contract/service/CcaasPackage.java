package org.fairmark.contract.service;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A chaincode-as-a-service package for {@code peer lifecycle chaincode install}: a gzipped tar of
 * {@code metadata.json} ({@code {"label":...,"type":"ccaas"}}) and {@code code.tar.gz}, which holds
 * {@code connection.json} (the address the peers dial, the dial timeout and the TLS settings).
 *
 * <p>The bytes depend only on the inputs: tar entries in a fixed order with mode 0644, owner 0:0, empty owner names and
 * modification time 0; gzip with modification time 0 and stored (uncompressed) deflate blocks, so neither the clock,
 * the user nor the zlib version changes them. The package id Fabric computes, {@code label:sha256(package)}, is
 * therefore the same for every rebuild of the same settings — a contract process announcing that id keeps working.
 *
 * <pre>{@code
 * CcaasPackage pkg = CcaasPackage.builder("fairmark_1.0", "127.0.0.1:9999").build();
 * Files.write(Path.of("fairmark.tar.gz"), pkg.bytes());
 * String id = pkg.packageId();   // fairmark_1.0:5a1c...
 * }</pre>
 *
 * <p>Command line: {@code java -cp fairmark-contract-service.jar org.fairmark.contract.service.CcaasPackage
 * --label fairmark_1.0 --address 127.0.0.1:9999 --out fairmark.tar.gz [--dial-timeout 10s]
 * [--tls-root-cert ca.pem [--tls-client-cert cert.pem --tls-client-key key.pem]]} writes the package and prints the
 * package id.
 */
public final class CcaasPackage {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_.+-]+");
    private static final Pattern DURATION = Pattern.compile("[0-9]+(ms|s|m|h)");

    private final String label;
    private final byte[] bytes;

    private CcaasPackage(String label, byte[] bytes) {
        this.label = label;
        this.bytes = bytes;
    }

    /** Starts a package for {@code label} (Fabric's label rule: letters, digits, {@code _.+-}) served at address. */
    public static Builder builder(String label, String address) {
        return new Builder(label, address);
    }

    /** Builder of a {@link CcaasPackage}. */
    public static final class Builder {
        private final String label;
        private final String address;
        private String dialTimeout = "10s";
        private String rootCert;
        private String clientCert;
        private String clientKey;

        private Builder(String label, String address) {
            this.label = Objects.requireNonNull(label, "label == null");
            this.address = Objects.requireNonNull(address, "address == null");
        }

        /** The peer's dial timeout as a Go duration, e.g. {@code 10s} (default). */
        public Builder dialTimeout(String dialTimeout) {
            this.dialTimeout = Objects.requireNonNull(dialTimeout, "dialTimeout == null");
            return this;
        }

        /**
         * Makes the peers dial with TLS, trusting {@code rootCertPem} for the contract's server certificate.
         *
         * @param rootCertPem PEM CA certificate(s)
         */
        public Builder tls(String rootCertPem) {
            this.rootCert = Objects.requireNonNull(rootCertPem, "rootCertPem == null");
            return this;
        }

        /** With {@link #tls}: the client certificate and key the peers present (the contract requires client auth). */
        public Builder clientAuth(String clientCertPem, String clientKeyPem) {
            this.clientCert = Objects.requireNonNull(clientCertPem, "clientCertPem == null");
            this.clientKey = Objects.requireNonNull(clientKeyPem, "clientKeyPem == null");
            return this;
        }

        /**
         * Builds the package.
         *
         * @throws IllegalArgumentException if the label, address or timeout is malformed, or client auth is asked
         *     without TLS
         */
        public CcaasPackage build() {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("label '" + label + "' must match " + LABEL.pattern());
            }
            int colon = address.lastIndexOf(':');
            if (colon <= 0 || !address.substring(colon + 1).matches("[0-9]{1,5}")) {
                throw new IllegalArgumentException("address '" + address + "' is not host:port");
            }
            if (!DURATION.matcher(dialTimeout).matches()) {
                throw new IllegalArgumentException("dial timeout '" + dialTimeout + "' is not a duration like 10s");
            }
            if (clientCert != null && rootCert == null) {
                throw new IllegalArgumentException("client authentication needs TLS (a root certificate)");
            }
            Map<String, Object> connection = new LinkedHashMap<>();
            connection.put("address", address);
            connection.put("dial_timeout", dialTimeout);
            connection.put("tls_required", rootCert != null);
            if (rootCert != null) {
                connection.put("client_auth_required", clientCert != null);
                if (clientCert != null) {
                    connection.put("client_key", clientKey);
                    connection.put("client_cert", clientCert);
                }
                connection.put("root_cert", rootCert);
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("type", "ccaas");
            metadata.put("label", label);
            byte[] code = gzip(tar(List.of(new Entry("connection.json", json(connection)))));
            byte[] pkg = gzip(tar(List.of(new Entry("metadata.json", json(metadata)), new Entry("code.tar.gz", code))));
            return new CcaasPackage(label, pkg);
        }
    }

    /** The package label. */
    public String label() {
        return label;
    }

    /** The package file's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Fabric's package id: {@code label:hex(sha256(package bytes))}. */
    public String packageId() {
        try {
            return label + ":" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Entry(String name, byte[] content) {}

    static byte[] json(Map<String, Object> values) {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(quote(entry.getKey())).append(':');
            Object value = entry.getValue();
            out.append(value instanceof Boolean ? value.toString() : quote(value.toString()));
        }
        return out.append('}').toString().getBytes(UTF_8);
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A POSIX ustar archive of regular files: mode 0644, uid/gid 0, no owner names, mtime 0. */
    private static byte[] tar(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Entry entry : entries) {
            byte[] header = new byte[512];
            byte[] name = entry.name().getBytes(UTF_8);
            System.arraycopy(name, 0, header, 0, name.length);
            octal(header, 100, 8, 0644);
            octal(header, 108, 8, 0);
            octal(header, 116, 8, 0);
            octal(header, 124, 12, entry.content().length);
            octal(header, 136, 12, 0);
            for (int i = 148; i < 156; i++) {
                header[i] = ' ';
            }
            header[156] = '0';
            System.arraycopy("ustar\0".getBytes(UTF_8), 0, header, 257, 6);
            header[263] = '0';
            header[264] = '0';
            long sum = 0;
            for (byte b : header) {
                sum += b & 0xff;
            }
            octal(header, 148, 7, sum);
            header[155] = ' ';
            out.writeBytes(header);
            out.writeBytes(entry.content());
            int padding = (512 - entry.content().length % 512) % 512;
            out.writeBytes(new byte[padding]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    /** Writes value as zero-padded octal digits followed by NUL in {@code length} bytes. */
    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(length - 1 - digits.length()) + digits;
        System.arraycopy(padded.getBytes(UTF_8), 0, header, offset, length - 1);
        header[offset + length - 1] = 0;
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new StoredGzip(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Java's gzip header has mtime 0 and no file name; stored blocks do not depend on the zlib version. */
    private static final class StoredGzip extends GZIPOutputStream {
        StoredGzip(OutputStream out) throws IOException {
            super(out);
            def.setLevel(Deflater.NO_COMPRESSION);
        }
    }

    /** Writes a package file and prints its package id; see the class comment for the options. */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || i + 1 >= args.length) {
                problems.add("unexpected argument '" + arg + "'");
                continue;
            }
            options.put(arg.substring(2), args[++i]);
        }
        for (String required : List.of("label", "address", "out")) {
            if (!options.containsKey(required)) {
                problems.add("--" + required + " is required");
            }
        }
        for (String name : options.keySet()) {
            if (!List.of("label", "address", "out", "dial-timeout", "tls-root-cert", "tls-client-cert",
                            "tls-client-key")
                    .contains(name)) {
                problems.add("unknown option --" + name);
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(problem -> System.err.println("ccaas package: " + problem));
            System.err.println("usage: CcaasPackage --label L --address HOST:PORT --out FILE [--dial-timeout 10s]"
                    + " [--tls-root-cert PEM [--tls-client-cert PEM --tls-client-key PEM]]");
            System.exit(2);
            return;
        }
        Builder builder = builder(options.get("label"), options.get("address"));
        if (options.containsKey("dial-timeout")) {
            builder.dialTimeout(options.get("dial-timeout"));
        }
        if (options.containsKey("tls-root-cert")) {
            builder.tls(Files.readString(Path.of(options.get("tls-root-cert"))));
        }
        if (options.containsKey("tls-client-cert") || options.containsKey("tls-client-key")) {
            builder.clientAuth(
                    Files.readString(Path.of(Objects.requireNonNull(options.get("tls-client-cert"), "--tls-client-cert"))),
                    Files.readString(Path.of(Objects.requireNonNull(options.get("tls-client-key"), "--tls-client-key"))));
        }
        CcaasPackage pkg;
        try {
            pkg = builder.build();
        } catch (IllegalArgumentException e) {
            System.err.println("ccaas package: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path out = Path.of(options.get("out"));
        Files.write(out, pkg.bytes);
        System.out.println(pkg.packageId());
    }
}
