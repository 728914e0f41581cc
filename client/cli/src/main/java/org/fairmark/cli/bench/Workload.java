package org.fairmark.cli.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What one operation of a round does, named as in the rounds file. */
public enum Workload {
    /** {@code batch:Register} of a new lot, as the producer. */
    REGISTER_BATCH("register-batch", false, 1, false),
    /** {@code inspection:Record} of a prepared, registered batch, as the inspector. */
    INSPECT("inspect", true, 1, false),
    /** {@code packaging:Pack} of {@code packages} packages from a prepared, certified batch, as the packer. */
    PACK("pack", true, 10, false),
    /** {@code custody:HandOver} of {@code packages} prepared packages from the packer to the carrier. */
    HAND_OVER("hand-over", true, 1, false),
    /** {@code receipt:Record}: the buyer weighs {@code packages} prepared packages it holds. */
    RECEIVE("receive", true, 1, false),
    /** Online label verification (signature, label key, live status and trace; evaluate only), as the auditor. */
    VERIFY_ONLINE("verify-online", false, 1, false),
    /** {@code trace:Package} of a random prepared (or preloaded) package, as the auditor; evaluate only. */
    TRACE("trace", false, 10, false),
    /** Baseline: {@code bench:BlindWrite}, one key written without reading; embedded network only. */
    BLIND_WRITE("blind-write", false, 1, true),
    /** Baseline: {@code bench:Noop} evaluated, no state touched; embedded network only. */
    NOOP_EVALUATE("noop-evaluate", false, 1, true);

    private final String id;
    private final boolean consumesItems;
    private final int defaultPackages;
    private final boolean benchContract;

    Workload(String id, boolean consumesItems, int defaultPackages, boolean benchContract) {
        this.id = id;
        this.consumesItems = consumesItems;
        this.defaultPackages = defaultPackages;
        this.benchContract = benchContract;
    }

    /** The name in rounds files. */
    public String id() {
        return id;
    }

    /** Whether every operation uses up an item prepared before the round. */
    public boolean consumesItems() {
        return consumesItems;
    }

    int defaultPackages() {
        return defaultPackages;
    }

    /** Whether it calls the bench contract, which only the embedded network started by the bench serves. */
    public boolean needsBenchContract() {
        return benchContract;
    }

    static Optional<Workload> parse(String id) {
        return Arrays.stream(values()).filter(workload -> workload.id.equals(id)).findFirst();
    }

    static List<String> names() {
        return Arrays.stream(values()).map(Workload::id).toList();
    }
}
