package org.fairmark.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fairmark.client.FairmarkException;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.presentation.ErrorPresentation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code fairmark} command and the options every sub-command inherits. */
@Command(
        name = "fairmark",
        description = {
            "Fairmark: a traceability and quality-integrity ledger for farm produce.",
            "Fairmark 农产品溯源与质量诚信账本。",
        },
        synopsisSubcommandLabel = "COMMAND",
        versionProvider = RootCommand.Version.class,
        footer = {
            "%nWith --network FILE (or $FAIRMARK_NETWORK) every wallet identity talks to its own organization's gateway"
                + " from that connection profile. Without it or --gateway, commands use the development network of the"
                + " data directory: the one 'fairmark network start' runs, else one started in-process for the command.",
            "%nExit status: 0 ok, 1 negative verdict (label not genuine, ledger damaged), 2 usage, 3 invalid input,"
                + " 4 not allowed, 5 not found, 6 conflict, 69 gateway unavailable, 70 internal error, 130 interrupted"
                + " import."
                + " See docs/en/cli.md.",
        },
        subcommands = {
            DemoCommand.class,
            NetworkCommand.class,
            IdentityCommand.class,
            BatchCommand.class,
            StandardCommand.class,
            InspectCommand.class,
            LotCommand.class,
            PackCommand.class,
            LabelCommand.class,
            ShipCommand.class,
            AcceptCommand.class,
            ReceiveCommand.class,
            DisputeCommand.class,
            RecallCommand.class,
            TraceCommand.class,
            IntegrityCommand.class,
            ProfileCommand.class,
            BadgeCommand.class,
            HistoryCommand.class,
            ScanCommand.class,
            VerifyCommand.class,
            TrustCommand.class,
            ImportCommand.class,
            LedgerCommand.class,
            EventsCommand.class,
            TokenCommand.class,
            ServeCommand.class,
            BenchCommand.class,
            CompletionCommand.class,
        })
final class RootCommand implements Callable<Integer> {
    /** Held so that the levels set below survive garbage collection of unreferenced loggers. */
    private static final Logger[] QUIET_LOGGERS = {
        Logger.getLogger("org.fairmark"), Logger.getLogger("io.grpc"), Logger.getLogger("io.netty"),
        Logger.getLogger("org.hyperledger"), Logger.getLogger("org.apache.pdfbox"),
    };

    final Fairmark context;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Show this help and exit. 显示帮助。")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Data directory: network, wallet, label keys, journals (default $FAIRMARK_HOME or ./.fairmark).")
    Path dataDir;

    @Option(names = "--as", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Wallet identity to act as, e.g. producer@coop (default: the first identity with the role"
                    + " the command needs).")
    String as;

    @Option(names = "--network", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Connection profile: each organization's gateway (default $FAIRMARK_NETWORK). Every identity"
                    + " talks to its own organization's peer.")
    Path network;

    @Option(names = "--gateway", paramLabel = "HOST:PORT", scope = ScopeType.INHERIT,
            description = "One Fabric Gateway peer for every identity (development only; see --network).")
    String gateway;

    @Option(names = "--tls-cert", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "PEM CA certificate of the gateway's TLS certificate (enables TLS).")
    Path tlsCert;

    @Option(names = "--server-name", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Host name expected in the gateway's TLS certificate, when it differs from HOST.")
    String serverName;

    @Option(names = "--msp-id", paramLabel = "ID", scope = ScopeType.INHERIT,
            description = "MSP id of the identity given by --cert and --key.")
    String mspId;

    @Option(names = "--cert", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "PEM enrollment certificate to sign with (with --key and --msp-id).")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "PEM private key of --cert.")
    Path key;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Machine-readable JSON on standard output.")
    boolean json;

    @Option(names = "--lang", paramLabel = "zh|en", scope = ScopeType.INHERIT,
            description = "Language of messages: zh or en (default $FAIRMARK_LANG, else from $LANG).")
    String lang;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log the network and print stack traces of internal errors.")
    boolean verbose;

    RootCommand(Fairmark context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, context.err());
        return Fairmark.EXIT_USAGE;
    }

    /** The picocli command line of {@code root}, with fairmark's error handling and streams. */
    /** A path argument; one the platform cannot name (a NUL character, say) is a usage error without class names. */
    static Path path(String value) {
        if (value.indexOf('\u0000') >= 0) {
            throw new CommandLine.TypeConversionException("'" + value.replace("\u0000", "\\u0000")
                    + "' is not a path: it contains a NUL character");
        }
        try {
            return Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a path: " + e.getReason());
        }
    }

    static CommandLine commandLine(RootCommand root) {
        CommandLine commandLine = new CommandLine(root);
        commandLine.setOut(new PrintWriter(root.context.out(), true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(root.context.err(), true, StandardCharsets.UTF_8));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setUsageHelpAutoWidth(true);
        commandLine.setUsageHelpLongOptionsMaxWidth(28);
        commandLine.setParameterExceptionHandler(RootCommand::usageError);
        // picocli's own Path conversion names java.nio.file.InvalidPathException in its message
        commandLine.registerConverter(Path.class, RootCommand::path);
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> root.failure(exception));
        commandLine.setExecutionStrategy(parsed -> {
            root.configureLogging();
            try {
                root.language();
            } catch (UsageException e) {
                root.context.err().println("error: USAGE: " + e.getMessage());
                return Fairmark.EXIT_USAGE;
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        return commandLine;
    }

    private static int usageError(CommandLine.ParameterException exception, String[] args) {
        CommandLine line = exception.getCommandLine();
        PrintWriter err = line.getErr();
        err.println("error: USAGE: " + exception.getMessage());
        err.println("Try '" + line.getCommandSpec().qualifiedName() + " --help'. 用 --help 查看用法。");
        err.flush();
        return Fairmark.EXIT_USAGE;
    }

    /** Maps a failure of a command to {@code error: CODE: message} and its exit status. */
    int failure(Exception exception) {
        Output output = output();
        if (exception instanceof CommandLine.ParameterException parameter) {
            return usageError(parameter, new String[0]);
        }
        if (exception instanceof UsageException usage) {
            output.error("USAGE", usage.getMessage());
            return Fairmark.EXIT_USAGE;
        }
        if (exception instanceof ImportInterruptedException interrupted) {
            output.error("INTERRUPTED", interrupted.getMessage());
            return Fairmark.EXIT_INTERRUPTED;
        }
        ErrorCode code;
        String detail;
        if (exception instanceof FairmarkException fairmark) {
            code = fairmark.code();
            detail = fairmark.detail();
            if (fairmark.isUnavailable()) {
                detail += " (is the gateway reachable? 网关无法连接)";
            }
        } else if (exception instanceof CliException cli) {
            code = cli.code();
            detail = cli.detail();
        } else if (exception instanceof DomainException domain) {
            code = domain.code();
            detail = domain.detail();
        } else {
            code = ErrorCode.INTERNAL_ERROR;
            detail = exception.getClass().getSimpleName()
                    + (exception.getMessage() == null ? "" : ": " + exception.getMessage());
        }
        output.error(code.name(), detail);
        output.hint(code);
        if (verbose && code == ErrorCode.INTERNAL_ERROR) { // a coded refusal is the answer, not a fault to debug
            exception.printStackTrace(context.err());
        }
        return ErrorPresentation.exitCode(code);
    }

    /** The output settings of this invocation. */
    Output output() {
        Language language;
        try {
            language = language();
        } catch (UsageException e) {
            language = Language.EN;
        }
        return new Output(context.out(), context.err(), json, language);
    }

    Language language() {
        String wanted = lang;
        if (wanted == null) {
            wanted = context.environment().get("FAIRMARK_LANG");
        }
        if (wanted == null) {
            String locale = context.environment().getOrDefault("LC_ALL", context.environment().get("LANG"));
            return locale != null && locale.toLowerCase(Locale.ROOT).startsWith("zh") ? Language.ZH : Language.EN;
        }
        return Language.parse(wanted);
    }

    /** The data directory: {@code --data-dir}, else {@code $FAIRMARK_HOME}, else {@code ./.fairmark}. */
    Path dataDirectory() {
        Path chosen = dataDir;
        if (chosen == null) {
            String home = context.environment().get("FAIRMARK_HOME");
            chosen = home != null && !home.isBlank() ? Path.of(home) : Path.of(".fairmark");
        }
        return context.workingDirectory().resolve(chosen).normalize();
    }

    /**
     * The connection profile file: {@code --network}, else {@code $FAIRMARK_NETWORK} unless {@code --gateway} is
     * given; null for none.
     *
     * @throws UsageException when both {@code --network} and {@code --gateway} are given
     */
    Path networkProfile() {
        if (network != null && gateway != null) {
            throw new UsageException("--network and --gateway exclude each other: a connection profile names every"
                    + " organization's gateway");
        }
        if (network != null) {
            return context.workingDirectory().resolve(network).normalize();
        }
        String fromEnvironment = context.environment().get("FAIRMARK_NETWORK");
        if (gateway == null && fromEnvironment != null && !fromEnvironment.isBlank()) {
            return context.workingDirectory().resolve(fromEnvironment).normalize();
        }
        return null;
    }

    /** Whether the data directory was chosen explicitly (option or environment). */
    boolean dataDirectoryGiven() {
        String home = context.environment().get("FAIRMARK_HOME");
        return dataDir != null || home != null && !home.isBlank();
    }

    private void configureLogging() {
        Level level = verbose ? Level.INFO : Level.WARNING;
        for (Logger logger : QUIET_LOGGERS) {
            logger.setLevel(logger.getName().equals("org.fairmark") ? level : verbose ? Level.WARNING : Level.SEVERE);
        }
    }

    /**
     * The version from the jar's manifest ({@code 0.1.0-SNAPSHOT} when run from classes) and the ECDSA provider chosen
     * for this process; one JSON document with {@code --json}.
     */
    static final class Version implements CommandLine.IVersionProvider {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public String[] getVersion() {
            String version = RootCommand.class.getPackage().getImplementationVersion();
            version = version == null ? "0.1.0-SNAPSHOT" : version;
            if (spec != null && spec.root().userObject() instanceof RootCommand root && root.json) {
                com.fasterxml.jackson.databind.node.ObjectNode json = CliJson.object();
                json.put("version", version);
                json.set("cryptoProvider", CryptoInfo.json());
                return new String[] {CliJson.write(json).replace("%", "%%")};
            }
            return new String[] {"fairmark " + version, "crypto: " + CryptoInfo.text().replace("%", "%%")};
        }
    }
}
