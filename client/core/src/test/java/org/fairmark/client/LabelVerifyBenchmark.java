package org.fairmark.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairmark.devca.CertificateAuthority;
import org.fairmark.devca.Identity;
import org.fairmark.samples.Samples;

/**
 * Offline label verification throughput against the raw ECDSA P-256 verify rate of each JCA provider available here
 * and {@code openssl speed -seconds 3 ecdsap256}, in one run; writes {@code bench/results/label-verify.md}.
 *
 * <p>Run from the repository root:
 * {@code mvn -q -f client/core/pom.xml test-compile exec:java -Dexec.mainClass=org.fairmark.client.LabelVerifyBenchmark -Dexec.classpathScope=test}
 * (or with {@code java -cp} on the test class path). Single thread; medians of 5 interleaved runs of 1 s.
 */
public final class LabelVerifyBenchmark {
    private static final Duration WARMUP = Duration.ofSeconds(2);
    private static final Duration RUN = Duration.ofSeconds(1);
    private static final int RUNS = 5;

    private LabelVerifyBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path out = args.length > 0 ? Path.of(args[0]) : repositoryRoot().resolve("bench/results/label-verify.md");
        // a packer key, 1000 signed labels and a trust bundle signed by a development auditor
        LabelSigner signer = LabelSigner.generate();
        String gtin = Samples.GTIN;
        List<String> uris = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            uris.add(signer.sign(new LabelClaim(gtin, "QX-2024-001", String.format("P%05d", i), "FIRST", 500,
                    LocalDate.of(2024, 9, 15), "130227", signer.keyId()), "https://id.fairmark.cn").uri());
        }
        CertificateAuthority ca = CertificateAuthority.create("BureauMSP", "bureau");
        Identity auditor = ca.issue("auditor", Map.of("fairmark.role", "auditor"));
        TrustBundle bundle = TrustBundle.read(bundleJson(signer, auditor, ca), List.of(ca.certificate()));

        List<String[]> rows = new ArrayList<>();
        StringBuilder notes = new StringBuilder();
        double bestRaw = 0;
        String bestName = "";
        double labelsWithChosen = 0;
        CryptoProvider chosen = CryptoProvider.fastest();
        for (CryptoProvider provider : CryptoProvider.measureAll()) {
            LabelVerifier verifier = LabelVerifier.builder(bundle).cryptoProvider(provider).build();
            Body raw0 = rawBody(provider);
            Body label0 = labelBody(verifier, uris);
            warm(raw0);
            warm(label0);
            // interleaved, so that both sides of each ratio see the same load on a shared machine
            double[] raws = new double[RUNS];
            double[] labelRates = new double[RUNS];
            double[] ratios = new double[RUNS];
            for (int run = 0; run < RUNS; run++) {
                raws[run] = rate(raw0);
                labelRates[run] = rate(label0);
                ratios[run] = labelRates[run] / raws[run];
            }
            double raw = median(raws);
            double labels = median(labelRates);
            rows.add(new String[] {provider.name(), format(raw), format(labels), String.format(Locale.ROOT, "%.2f", median(ratios))});
            System.out.printf(Locale.ROOT, "%-10s raw ECDSA P-256 verify %10.0f/s   label verify %10.0f/s%n", provider.name(), raw, labels);
            if (raw > bestRaw) {
                bestRaw = raw;
                bestName = provider.name();
            }
            if (provider.name().equals(chosen.name())) {
                labelsWithChosen = labels;
            }
        }
        String conscryptNote = rows.stream().anyMatch(row -> row[0].equals("Conscrypt")) ? ""
                : "Conscrypt (org.conscrypt:conscrypt-openjdk-uber) did not load here; it is not in the table.\n";
        notes.append(conscryptNote);
        double openssl = opensslVerifies(notes);
        System.out.printf(Locale.ROOT, "openssl speed ecdsap256 verify %10.0f/s%n", openssl);

        StringBuilder md = new StringBuilder();
        md.append("# Offline label verification vs raw ECDSA P-256\n\n");
        md.append("Written by `LabelVerifyBenchmark` (client/core, src/test) on ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(": ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                .append(", ").append(System.getProperty("os.arch")).append(".\n\n");
        md.append("One thread. Each figure is the median of ").append(RUNS).append(" runs of ").append(RUN.toSeconds())
                .append(" s after ").append(WARMUP.toSeconds()).append(" s of warm-up; raw and label runs alternate and the ratio is the ")
                .append("median of the per-pair ratios, so both sides of a ratio saw the same load. Load average at the start: ")
                .append(loadAverage()).append(". A *label verify* is the whole offline path of ")
                .append("`LabelVerifier.verify(String)`: parse the URI (GS1 Digital Link, 6 parameters), rebuild the canonical claim, ")
                .append("find the key in the trust bundle and check the ES256 signature. *Raw* is `Signature.verify` on a fixed ")
                .append("200-byte message with a DER signature.\n\n");
        md.append("| provider | raw verify/s | label verify/s | labels / raw |\n|---|---:|---:|---:|\n");
        for (String[] row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        md.append("| openssl speed -seconds 3 ecdsap256 (C, ").append(opensslVersion()).append(") | ")
                .append(openssl > 0 ? format(openssl) : "n/a").append(" | | |\n\n");
        md.append("Provider chosen by `CryptoProvider.fastest()` in this run: **").append(chosen.name()).append("** (")
                .append(format(labelsWithChosen)).append(" labels/s); the fastest raw verifier measured here: ").append(bestName).append(".\n\n");
        if (openssl > 0 && labelsWithChosen > 0) {
            md.append(String.format(Locale.ROOT, "Label verification with the chosen provider runs at %.0f %% of OpenSSL's raw verify rate.%n%n",
                    100 * labelsWithChosen / openssl));
        }
        md.append(notes);
        md.append("\nThe machine is shared with other builds, so absolute figures vary between runs; the ratios are the point.\n");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md.toString());
        System.out.println("wrote " + out.toAbsolutePath());
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static byte[] bundleJson(LabelSigner signer, Identity auditor, CertificateAuthority ca) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("format", TrustBundle.FORMAT);
        body.put("channel", "fairmark");
        body.put("chaincode", "fairmark");
        body.put("issuedAt", now.toString());
        body.put("validUntil", now.plus(Duration.ofDays(1)).toString());
        body.putObject("issuer").put("mspId", auditor.mspId()).put("certificate", auditor.certificatePem());
        body.putArray("organizations").addObject().put("mspId", "CoopMSP").putArray("caCertificates").add(ca.certificatePem());
        ArrayNode keys = body.putArray("labelKeys");
        keys.addObject().put("keyId", signer.keyId()).put("publicKey", signer.publicKeyBase64()).put("ownerOrg", "CoopMSP")
                .put("ownerId", "packer").put("registeredAt", now.toString()).put("revoked", false);
        ObjectNode envelope = Json.MAPPER.createObjectNode();
        envelope.set("bundle", body);
        envelope.put("signature", Base64.getEncoder().encodeToString(auditor.sign(Json.canonical(body))));
        return Json.canonical(envelope);
    }

    private static Body rawBody(CryptoProvider provider) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        byte[] message = new byte[200];
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(message);
        byte[] der = signer.sign();
        PublicKey key = provider.publicKey(pair.getPublic().getEncoded());
        Signature verifier = Signature.getInstance("SHA256withECDSA", CryptoProvider.candidates().stream()
                .filter(p -> p.getName().equals(provider.name())).findFirst().orElseThrow());
        return () -> {
            verifier.initVerify(key);
            verifier.update(message);
            if (!verifier.verify(der)) {
                throw new IllegalStateException("raw verify failed");
            }
        };
    }

    private static Body labelBody(LabelVerifier verifier, List<String> uris) {
        int[] next = {0};
        return () -> {
            String uri = uris.get(next[0]++ % uris.size());
            if (!verifier.verify(uri).isGenuine()) {
                throw new IllegalStateException("label rejected: " + uri);
            }
        };
    }

    interface Body {
        void run() throws Exception;
    }

    private static void warm(Body body) throws Exception {
        long warmupEnd = System.nanoTime() + WARMUP.toNanos();
        while (System.nanoTime() < warmupEnd) {
            body.run();
        }
    }

    private static double rate(Body body) throws Exception {
        long start = System.nanoTime();
        long end = start + RUN.toNanos();
        long count = 0;
        long now;
        do {
            for (int i = 0; i < 16; i++) {
                body.run();
            }
            count += 16;
            now = System.nanoTime();
        } while (now < end);
        return count * 1e9 / (now - start);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double opensslVerifies(StringBuilder notes) {
        try {
            Process process = new ProcessBuilder("openssl", "speed", "-seconds", "3", "ecdsap256").redirectErrorStream(true).start();
            String output;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                output = String.join("\n", reader.lines().toList());
            }
            process.waitFor();
            // "256 bits ecdsa (nistp256)   0.0000s   0.0001s  36000.0  12000.0": sign/s then verify/s
            Matcher matcher = Pattern.compile("256 bits ecdsa \\(nistp256\\)\\s+\\S+s\\s+\\S+s\\s+([0-9.]+)\\s+([0-9.]+)").matcher(output);
            if (matcher.find()) {
                return Double.parseDouble(matcher.group(2));
            }
            notes.append("`openssl speed` printed no ECDSA P-256 line.\n");
        } catch (IOException e) {
            notes.append("`openssl` is not installed here.\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static String opensslVersion() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line = reader.readLine();
                process.waitFor();
                return line == null ? "unknown" : line.replaceAll("\\s*\\(Library.*", "");
            }
        } catch (IOException e) {
            return "not installed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip().replaceAll("^(\\S+ \\S+ \\S+).*", "$1");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isDirectory(candidate.resolve(".git")) || Files.isDirectory(candidate.resolve("chaincode"))) {
                return candidate;
            }
        }
        return dir;
    }
}
