package org.fairmark.cli;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.fairmark.cli.web.WebServer;
import picocli.CommandLine;

/**
 * The {@code fairmark} command: the tool a village e-commerce station clerk, a county inspector and a buyer use to
 * work with the ledger. {@link #main} runs it as a program; {@link #run} runs it in-process with the given streams and
 * returns the exit status, which is how the tests drive it.
 *
 * <pre>{@code
 * ByteArrayOutputStream out = new ByteArrayOutputStream();
 * ByteArrayOutputStream err = new ByteArrayOutputStream();
 * int status = new Fairmark(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8))
 *         .run("--data-dir", "build/devnet", "--json", "batch", "get", "06901234567892", "QX-2024-001");
 * }</pre>
 *
 * <p>Exit status: 0 success; 1 a negative verdict (label not genuine, ledger damaged); 2 usage error; 3, 4, 5, 6,
 * 69, 70 and 74 the families of {@link org.fairmark.presentation.ErrorPresentation#exitCode(org.fairmark.domain.ErrorCode)}; 130 an interrupted import. Every
 * refusal prints {@code error: CODE: message} on standard error.
 */
public final class Fairmark {
    /** Exit status of a negative verdict: a label that is not genuine, a damaged ledger. */
    public static final int EXIT_NEGATIVE = 1;
    /** Exit status of a usage error. */
    public static final int EXIT_USAGE = 2;
    /** Exit status of an interrupted import (resume by running it again). */
    public static final int EXIT_INTERRUPTED = 130;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private boolean terminal;
    private BufferedReader input = new BufferedReader(new StringReader(""));
    private int interruptImportAfter = -1;
    private Consumer<WebServer> onServe = server -> {};

    /** A command writing to {@code out} and {@code err}, with an empty environment and the JVM's working directory. */
    public Fairmark(PrintStream out, PrintStream err) {
        this(out, err, Map.of());
    }

    /**
     * A command writing to {@code out} and {@code err}; {@code environment} supplies {@code FAIRMARK_HOME},
     * {@code FAIRMARK_LANG} and {@code LANG}.
     */
    public Fairmark(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.out = Objects.requireNonNull(out, "out == null");
        this.err = Objects.requireNonNull(err, "err == null");
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment == null"));
        this.workingDirectory = Path.of("").toAbsolutePath();
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        Fairmark fairmark = new Fairmark(out, err, System.getenv()).terminal(System.console() != null)
                .input(System.in);
        int status = fairmark.run(args);
        out.flush();
        err.flush();
        CdsTraining.loadIfTraining();
        System.exit(status);
    }

    /**
     * Whether standard error is an interactive terminal: then imports draw a progress bar instead of plain lines.
     * Default false.
     */
    public Fairmark terminal(boolean terminal) {
        this.terminal = terminal;
        return this;
    }

    /** Where answers to questions (the confirmation of a large import) are read from; default: nothing to read. */
    public Fairmark input(InputStream in) {
        this.input = new BufferedReader(new InputStreamReader(Objects.requireNonNull(in, "in == null"),
                StandardCharsets.UTF_8));
        return this;
    }

    /**
     * Runs one command line.
     *
     * @return the exit status (0 success)
     */
    public int run(String... args) {
        Objects.requireNonNull(args, "args == null");
        RootCommand root = new RootCommand(this);
        CommandLine commandLine = RootCommand.commandLine(root);
        return commandLine.execute(args);
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    Map<String, String> environment() {
        return environment;
    }

    Path workingDirectory() {
        return workingDirectory;
    }

    boolean terminal() {
        return terminal;
    }

    /** One line of input, or null at its end. */
    String readLine() {
        try {
            return input.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Makes every following import stop, as if interrupted, once {@code units} submissions are journaled; -1 turns it
     * off. The tests use it to resume an interrupted import deterministically.
     */
    Fairmark interruptImportAfter(int units) {
        this.interruptImportAfter = units;
        return this;
    }

    int interruptImportAfter() {
        return interruptImportAfter;
    }

    /** Called with the web server once {@code serve} listens; the tests use it to reach and stop the server. */
    Fairmark onServe(Consumer<WebServer> onServe) {
        this.onServe = Objects.requireNonNull(onServe, "onServe == null");
        return this;
    }

    void serverStarted(WebServer server) {
        onServe.accept(server);
    }
}
