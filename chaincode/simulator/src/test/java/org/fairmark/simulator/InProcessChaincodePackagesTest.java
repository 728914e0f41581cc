package org.fairmark.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@value InProcessChaincode#PACKAGES_PROPERTY} limits the contract scan to the named packages and the chaincode
 * routes, serializes and answers as with the scan of the whole classpath. Each load runs in a JVM of its own, since
 * the shim keeps its registries in static state.
 */
class InProcessChaincodePackagesTest {
    @Test
    void a_scan_limited_to_the_contracts_package_routes_as_the_full_scan() throws Exception {
        String limited = probe("-D" + InProcessChaincode.PACKAGES_PROPERTY + "=org.fairmark.simulator");
        String full = probe("-D" + InProcessChaincode.PACKAGES_PROPERTY + "=");

        assertThat(limited).contains("put=200 get=apple kv:get=apple");
        assertThat(limited).isEqualTo(full);
    }

    @Test
    void a_scan_of_packages_without_contracts_finds_none() throws Exception {
        String none = probe("-D" + InProcessChaincode.PACKAGES_PROPERTY + "=org.nowhere");

        assertThat(none).contains("IllegalStateException: no @Contract class");
    }

    private static String probe(String property) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), property, "-cp",
                System.getProperty("java.class.path"), Probe.class.getName()))
                .redirectErrorStream(true)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        int result = text.indexOf("RESULT ");
        return result < 0 ? text : text.substring(result).strip();
    }

    /** Loads the chaincode, puts and reads a key; prints one line. */
    public static final class Probe {
        public static void main(String[] args) {
            try {
                TestLedger ledger = new TestLedger();
                SimulationResult put = ledger.submit("put", "a", "apple");
                System.out.println("RESULT put=" + put.status() + " get=" + ledger.evaluate("get", "a").payloadAsString()
                        + " kv:get=" + ledger.evaluate("kv:get", "a").payloadAsString());
            } catch (RuntimeException | Error e) {
                Throwable cause = e;
                while (cause.getCause() != null && !(cause instanceof IllegalStateException)) {
                    cause = cause.getCause();
                }
                System.out.println("RESULT " + cause);
            }
            System.exit(0);
        }
    }
}
