package org.fairmark.network;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;
import org.fairmark.domain.ErrorCode;
import org.fairmark.network.ledger.SnapshotReport;
import org.fairmark.network.ledger.StateSnapshots;
import org.fairmark.network.ledger.VerifyReport;
import org.fairmark.presentation.ErrorPresentation;

/**
 * Command line of the embedded network.
 *
 * <pre>
 * java -cp ... org.fairmark.network.EmbeddedNetworkMain [start] --data-dir DIR [--port 7051] [--host 127.0.0.1]
 *      [--channel fairmark] [--chaincode fairmark] [--block-size 100] [--block-timeout-ms 200]
 *      [--endorsement-policy MAJORITY|ANY|"OutOf(2,'CoopMSP.peer',...)"] [--snapshot-interval 1000] [--tls]
 *      [--verbose]
 * java -cp ... org.fairmark.network.EmbeddedNetworkMain verify --data-dir DIR [--snapshot]
 * </pre>
 *
 * <p>{@code start} runs until SIGTERM or SIGINT, then commits what was submitted and exits (with the JVM's status for
 * the signal, 143 for SIGTERM). It logs one line per
 * event worth an operator's attention to standard output, among them {@code Fairmark embedded network started: ...
 * listening on HOST:PORT}. A start that cut an unfinished last append says so on standard error
 * ({@code warning: recovered: cut a torn frame of ...}), as does one that ignored a damaged or foreign state snapshot
 * ({@code warning: snapshot ignored: ...}). A start that fails prints {@code error: CODE: message} on
 * standard error and exits with the code's exit status ({@code LEDGER_CORRUPT} 74, {@code LEDGER_LOCKED} and
 * {@code PORT_IN_USE} 6, {@code DATA_DIR_INVALID} 3, {@code DATA_DIR_INACCESSIBLE} 74; see docs/error-codes.md).
 * {@code verify} prints the verification report and exits 0 when the ledger is sound, 1 when a block or a state
 * snapshot is bad ({@code --snapshot}: also replay the chain and compare with each snapshot). Bad
 * usage exits 2.
 */
public final class EmbeddedNetworkMain {
    /** Held so the configured level survives: java.util.logging keeps loggers only weakly. */
    private static final Logger FAIRMARK_LOGGER = Logger.getLogger("org.fairmark");

    private EmbeddedNetworkMain() {}

    /** How often a started network checks that its ledger directory still exists. */
    static final Duration LEDGER_WATCH_INTERVAL = Duration.ofSeconds(2);

    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.out, System.err);
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(usage());
            status = 2;
        }
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command; returns the exit status (never returns for a started network until it is stopped). */
    static int run(String[] args, PrintStream out, PrintStream err) throws UsageException {
        List<String> rest = new ArrayList<>(List.of(args));
        String command = "start";
        if (!rest.isEmpty() && !rest.get(0).startsWith("-")) {
            command = rest.remove(0);
        }
        Options options = Options.parse(rest);
        if (options.help) {
            out.println(usage());
            return 0;
        }
        if (options.dataDir == null) {
            throw new UsageException("--data-dir is required");
        }
        switch (command) {
            case "start" -> {
                return start(options, out, err);
            }
            case "verify" -> {
                return verify(options.dataDir, options.replaySnapshots, out, err);
            }
            default -> throw new UsageException("unknown command '" + command + "'");
        }
    }

    private static int verify(Path dataDir, boolean replay, PrintStream out, PrintStream err) {
        try {
            VerifyReport report = EmbeddedNetwork.verifyLedger(dataDir);
            out.println(report.summary());
            boolean ok = report.ok();
            if (ok) {
                List<SnapshotReport> snapshots = EmbeddedNetwork.verifySnapshots(dataDir, replay);
                for (SnapshotReport snapshot : snapshots) {
                    out.println(snapshot.summary());
                    ok &= snapshot.ok();
                }
                if (snapshots.isEmpty()) {
                    out.println("no state snapshot (a start replays every block)");
                }
            }
            return ok ? 0 : 1;
        } catch (IOException e) {
            err.println("cannot verify " + dataDir + ": " + e.getMessage());
            return 1;
        }
    }

    private static int start(Options options, PrintStream out, PrintStream err) throws UsageException {
        configureLogging(out, options.verbose);
        EmbeddedNetwork.Builder builder = EmbeddedNetwork.builder().dataDir(options.dataDir);
        try {
            builder.host(options.host)
                    .port(options.port)
                    .blockSize(options.blockSize)
                    .blockTimeout(options.blockTimeout)
                    .snapshotInterval(options.snapshotInterval)
                    .tls(options.tls);
            if (options.channel != null) {
                builder.channel(options.channel);
            }
            if (options.chaincode != null) {
                builder.chaincode(options.chaincode);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (options.endorsementPolicy != null) {
            try {
                builder.endorsementPolicy(options.endorsementPolicy);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--endorsement-policy: " + e.getMessage());
            }
        }
        EmbeddedNetwork network;
        try {
            network = builder.start();
        } catch (NetworkStartException e) {
            err.println("error: " + e.code().name() + ": cannot start the network in " + options.dataDir + ": "
                    + e.getMessage());
            err.flush();
            return ErrorPresentation.exitCode(e.code());
        } catch (IllegalArgumentException e) {
            // a setting the network cannot use, e.g. a policy naming an organization it does not have
            err.println("error: " + ErrorCode.INVALID_ARGUMENT.name() + ": cannot start the network in "
                    + options.dataDir + ": " + e.getMessage());
            err.flush();
            return ErrorPresentation.exitCode(ErrorCode.INVALID_ARGUMENT);
        } catch (IOException | RuntimeException e) {
            err.println("error: " + ErrorCode.INTERNAL_ERROR.name() + ": cannot start the network in "
                    + options.dataDir + ": " + e);
            e.printStackTrace(err);
            err.flush();
            return ErrorPresentation.exitCode(ErrorCode.INTERNAL_ERROR);
        }
        network.recovery().ifPresent(recovery -> {
            err.println("warning: " + recovery.summary());
            err.flush();
        });
        for (String warning : network.stateStartup().warnings()) {
            err.println("warning: " + warning);
            err.flush();
        }
        Logger logger = Logger.getLogger(EmbeddedNetworkMain.class.getName());
        logger.info(() -> "wallet " + network.wallet().directory().toAbsolutePath() + ": "
                + String.join(", ", network.wallet().names()));
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<String> stopReason = new AtomicReference<>("stopping on signal: committing what was submitted");
        // java.util.logging resets its handlers in a shutdown hook of its own, so the last lines go straight out.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say(out, stopReason.get());
            network.close();
            say(out, "Fairmark embedded network stopped at height " + network.height());
            stopped.countDown();
        }, "fairmark-shutdown"));
        watchLedgerDirectory(options.dataDir.resolve(NetworkLayout.LEDGER_DIR), err, stopReason);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * Stops the network with {@code DATA_DIR_INVALID} when its ledger directory is removed while it runs: nothing it
     * commits could be found again, and a network left running on a deleted directory (a test's temporary folder, a
     * data directory an operator removed) would hold its port and memory for nothing.
     */
    private static void watchLedgerDirectory(Path ledger, PrintStream err, AtomicReference<String> stopReason) {
        Thread watcher = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(LEDGER_WATCH_INTERVAL.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                if (!Files.isDirectory(ledger)) {
                    err.println("error: " + ErrorCode.DATA_DIR_INVALID.name() + ": the ledger directory " + ledger
                            + " was removed while the network ran: stopping");
                    err.flush();
                    stopReason.set("stopping: the ledger directory was removed");
                    System.exit(ErrorPresentation.exitCode(ErrorCode.DATA_DIR_INVALID));
                }
            }
        }, "fairmark-ledger-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void say(PrintStream out, String message) {
        LogRecord record = new LogRecord(Level.INFO, message);
        record.setLoggerName(EmbeddedNetworkMain.class.getName());
        out.print(new OneLineFormatter().format(record));
        out.flush();
    }

    /** One line per record on standard output: time, level, message; the network's own loggers at INFO. */
    private static void configureLogging(PrintStream out, boolean verbose) {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof ConsoleHandler) {
                root.removeHandler(handler);
            }
        }
        Handler handler = new StreamHandler(out, new OneLineFormatter()) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }

            /** Never closes standard output: java.util.logging closes its handlers at shutdown. */
            @Override
            public synchronized void close() {
                flush();
            }
        };
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.WARNING);
        FAIRMARK_LOGGER.setLevel(verbose ? Level.FINE : Level.INFO);
    }

    private static String usage() {
        return String.join("\n",
                "usage: EmbeddedNetworkMain [start] --data-dir DIR [--port N] [--host ADDRESS] [--channel NAME]",
                "                           [--chaincode NAME] [--block-size N] [--block-timeout-ms N]",
                "                           [--endorsement-policy POLICY] [--snapshot-interval N] [--tls] [--verbose]",
                "       EmbeddedNetworkMain verify --data-dir DIR [--snapshot]",
                "  --snapshot-interval N writes a state snapshot every N blocks (default "
                        + StateSnapshots.DEFAULT_INTERVAL + ", 0: only on a clean stop)",
                "  verify --snapshot also replays the chain and compares it with each state snapshot",
                "  --port 0 picks a free port (logged); -1 listens on no port",
                "  --tls serves TLS with a certificate of the data directory's TLS CA (DIR/tls/ca.pem)",
                "  --endorsement-policy defaults to MAJORITY (Fabric's default: more than half of the peers)");
    }

    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private static final class Options {
        Path dataDir;
        String host = "127.0.0.1";
        int port = 7051;
        String channel;
        String chaincode;
        int blockSize = EmbeddedNetwork.DEFAULT_BLOCK_SIZE;
        Duration blockTimeout = EmbeddedNetwork.DEFAULT_BLOCK_TIMEOUT;
        String endorsementPolicy;
        boolean verbose;
        boolean tls;
        boolean help;
        boolean replaySnapshots;
        int snapshotInterval = StateSnapshots.DEFAULT_INTERVAL;

        static Options parse(List<String> args) throws UsageException {
            Options options = new Options();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String value = null;
                int equals = arg.indexOf('=');
                if (arg.startsWith("--") && equals > 0) {
                    value = arg.substring(equals + 1);
                    arg = arg.substring(0, equals);
                }
                switch (arg) {
                    case "--help", "-h" -> options.help = true;
                    case "--verbose", "-v" -> options.verbose = true;
                    case "--tls" -> options.tls = true;
                    case "--snapshot" -> options.replaySnapshots = true;
                    default -> {
                        if (value == null) {
                            if (i + 1 >= args.size()) {
                                throw new UsageException(arg + " needs a value");
                            }
                            value = args.get(++i);
                        }
                        options.set(arg, value);
                    }
                }
            }
            return options;
        }

        private void set(String name, String value) throws UsageException {
            try {
                switch (name) {
                    case "--data-dir" -> dataDir = Path.of(value);
                    case "--host" -> host = value;
                    case "--port" -> port = Integer.parseInt(value);
                    case "--channel" -> channel = value;
                    case "--chaincode" -> chaincode = value;
                    case "--block-size" -> blockSize = Integer.parseInt(value);
                    case "--block-timeout-ms" -> blockTimeout = Duration.ofMillis(Long.parseLong(value));
                    case "--endorsement-policy" -> endorsementPolicy = value;
                    case "--snapshot-interval" -> snapshotInterval = Integer.parseInt(value);
                    default -> throw new UsageException("unknown option " + name);
                }
            } catch (NumberFormatException e) {
                throw new UsageException(name + " needs a number, not '" + value + "'");
            }
        }
    }

    private static final class OneLineFormatter extends Formatter {
        private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder()
                    .append(TIME.format(LocalDateTime.now()))
                    .append(' ')
                    .append(record.getLevel().getName())
                    .append(' ')
                    .append(shortName(record.getLoggerName()))
                    .append(": ")
                    .append(formatMessage(record))
                    .append(System.lineSeparator());
            if (record.getThrown() != null) {
                line.append("    ").append(record.getThrown()).append(System.lineSeparator());
            }
            return line.toString();
        }

        private static String shortName(String loggerName) {
            if (loggerName == null) {
                return "";
            }
            int dot = loggerName.lastIndexOf('.');
            return dot < 0 ? loggerName : loggerName.substring(dot + 1);
        }
    }
}
