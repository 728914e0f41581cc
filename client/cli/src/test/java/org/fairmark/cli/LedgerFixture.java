package org.fairmark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fairmark.devca.Roster;
import org.fairmark.samples.Samples;

/**
 * A development ledger driven only through the command line: a published chestnut standard and a registered label
 * key, and helpers that bring fresh batches to the states the tests need.
 */
final class LedgerFixture {
    static final String GTIN = Samples.GTIN;
    /** The demo's chestnut standard as {@code standard publish} reads it. */
    static final String STANDARD_JSON =
            CliJson.write(Samples.chestnutStandard(DemoCommand.STANDARD_CODE, DemoCommand.STANDARD_VERSION));

    final Path dataDir;
    final CliRun cli;
    final String keyId;
    private int lots;

    private LedgerFixture(Path dataDir, String keyId) {
        this.dataDir = dataDir;
        this.cli = new CliRun(dataDir);
        this.keyId = keyId;
    }

    /** Publishes the standard and registers a label key in a new development network in {@code dataDir}. */
    static LedgerFixture create(Path dataDir) {
        CliRun cli = new CliRun(dataDir);
        Path standard = dataDir.resolve("standard.json");
        try {
            Files.createDirectories(dataDir);
            Files.writeString(standard, STANDARD_JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cli.run("--json", "standard", "publish", standard.toString()).ok();
        String keyId = cli.run("--json", "label", "key", "register").ok().json().get("keyId").asText();
        return new LedgerFixture(dataDir, keyId);
    }

    /** A lot no test has used. */
    String newLot() {
        return "T" + ProcessHandle.current().pid() % 1000 + "-" + ++lots;
    }

    /** Registers a 100 kg batch of Qianxi chestnuts. */
    JsonNode register(String lot) {
        return cli.run("--json", "batch", "register", GTIN, lot, "--product", Samples.PRODUCT, "--county", Samples.QIANXI,
                "--township", "Xingcheng", "--village", "Dongzhuang", "--harvest-date", Quantities.today().minusDays(10).toString(),
                "--declared", "100kg", "--loss-allowance", "1kg").ok().json();
    }

    /** Registers and inspects (grade FIRST) a new batch; returns its lot. */
    String certified() {
        String lot = newLot();
        register(lot);
        cli.run("--json", "inspect", GTIN, lot, "--standard", DemoCommand.STANDARD_CODE, "--sample-size", "200", "--sampled", "2kg",
                "--measure", "count_per_kg=92", "--measure", "defect_permille=28").ok();
        return lot;
    }

    /** A certified batch packed into {@code count} bags of 500 g; returns the serials. */
    List<String> packed(String lot, int count) {
        JsonNode json = cli.run("--json", "pack", GTIN, lot, "--count", Integer.toString(count), "--serial-prefix",
                lot + "-", "--nominal", "500g").ok().json();
        List<String> serials = new ArrayList<>();
        json.at("/result/serials").forEach(serial -> serials.add(serial.asText()));
        return serials;
    }

    /** Packages of {@code lot} moved packer → carrier → market and accepted by the buyer. */
    void deliverToMarket(String lot) {
        cli.run("ship", GTIN, lot, "--all", "--to", Roster.CARRIER_MSP).ok();
        cli.run("--as", Roster.CARRIER, "accept", GTIN, lot, "--all").ok();
        cli.run("--as", Roster.CARRIER, "ship", GTIN, lot, "--all", "--to", Roster.MARKET_MSP).ok();
        cli.run("accept", GTIN, lot, "--all").ok();
    }
}
