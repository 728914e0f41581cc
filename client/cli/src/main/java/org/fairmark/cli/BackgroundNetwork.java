package org.fairmark.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairmark.client.ConnectionProfile;
import org.fairmark.domain.ErrorCode;
import org.fairmark.network.EmbeddedNetwork;

/**
 * The development network run as a background process by {@code fairmark network start}: a {@code java} process of
 * {@code org.fairmark.network.EmbeddedNetworkMain} on the data directory, with the classpath of this JVM. Its pid and
 * port are kept in {@code network.pid} and {@code network.port} of the data directory, its output in
 * {@code network.log}.
 */
final class BackgroundNetwork {
    static final String PID_FILE = "network.pid";
    static final String PORT_FILE = "network.port";
    static final String LOG_FILE = "network.log";
    static final String MAIN_CLASS = "org.fairmark.network.EmbeddedNetworkMain";

    private static final Pattern LISTENING = Pattern.compile("listening on ([^\\s,]+):(\\d+)");
    /** The end of the network's start line: the ECDSA provider it chose, e.g. {@code signatures by Conscrypt 2.5.2}. */
    private static final Pattern SIGNATURES_BY = Pattern.compile("(?m)signatures by ([^\r\n]+?)\\s*$");
    /** The coded error line {@code EmbeddedNetworkMain} prints when it cannot start. */
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^error: ([A-Z][A-Z_]+): (.*)$");
    private static final Duration POLL = Duration.ofMillis(100);

    /** A running background network. */
    record Running(long pid, int port, Instant startedAt) {}

    private BackgroundNetwork() {}

    /**
     * The background network of {@code dataDir} when its pid file names a live process of the embedded network
     * (a pid reused by another program does not count).
     */
    static Optional<Running> running(Path dataDir) {
        List<Long> pidFile = readNumbers(dataDir.resolve(PID_FILE));
        Optional<Long> pid = pidFile.isEmpty() ? Optional.empty() : Optional.of(pidFile.get(0));
        List<Long> portFile = readNumbers(dataDir.resolve(PORT_FILE));
        Optional<Long> port = portFile.isEmpty() ? Optional.empty() : Optional.of(portFile.get(0));
        if (pid.isEmpty() || port.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid.get());
        if (handle.isEmpty() || !handle.get().isAlive() || !isEmbeddedNetwork(handle.get())) {
            return Optional.empty();
        }
        Instant started = handle.get().info().startInstant().orElse(null);
        if (pidFile.size() > 1 && started != null && started.toEpochMilli() != pidFile.get(1)) {
            return Optional.empty(); // the pid was reused by a process started later
        }
        return Optional.of(new Running(pid.get(), port.get().intValue(), started));
    }

    /**
     * The TLS CA certificate clients of the running network of {@code dataDir} must trust, or null when it is not
     * running or serves plaintext: the connection profile it wrote says so.
     */
    static Path tlsCaCertificate(Path dataDir) {
        Path profile = dataDir.resolve(EmbeddedNetwork.CONNECTION_PROFILE);
        if (!Files.isRegularFile(profile)) {
            return null;
        }
        try {
            ConnectionProfile loaded = ConnectionProfile.load(profile);
            return loaded.gateways().stream()
                    .filter(ConnectionProfile.GatewayEndpoint::tls)
                    .findFirst()
                    .flatMap(ConnectionProfile.GatewayEndpoint::tlsCaCertificatesFile)
                    .orElse(null);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** Whether {@code dataDir} has pid or port files of a network that no longer runs. */
    static boolean hasStaleFiles(Path dataDir) {
        return running(dataDir).isEmpty()
                && (Files.exists(dataDir.resolve(PID_FILE)) || Files.exists(dataDir.resolve(PORT_FILE)));
    }

    /**
     * Starts the network in the background and waits until it listens.
     *
     * @param port the TCP port, 0 for any free one
     * @throws CliException with the code the network process gave when it could not start ({@code LEDGER_CORRUPT},
     *     {@code LEDGER_LOCKED}, {@code PORT_IN_USE}, {@code DATA_DIR_INVALID}, {@code DATA_DIR_INACCESSIBLE}),
     *     {@link ErrorCode#GATEWAY_UNAVAILABLE} when it does not listen in time, {@link ErrorCode#INTERNAL_ERROR}
     *     with the end of its log when it died without saying why
     */
    static Running start(Path dataDir, String host, int port, boolean tls, Duration timeout) {
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new CliException(ErrorCode.DATA_DIR_INVALID, "the data directory " + dataDir + " is not a directory");
        }
        try {
            Files.createDirectories(dataDir);
            removeFiles(dataDir);
            Path log = dataDir.resolve(LOG_FILE);
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-XX:+UseSerialGC");
            command.add(MAIN_CLASS);
            command.add("start");
            command.add("--data-dir");
            command.add(dataDir.toAbsolutePath().toString());
            command.add("--host");
            command.add(host);
            command.add("--port");
            command.add(Integer.toString(port));
            command.add("--block-timeout-ms");
            command.add("20");
            if (tls) {
                command.add("--tls");
            }
            ProcessBuilder builder = new ProcessBuilder(command);
            // the classpath goes in the environment so that the process's command line stays short and names the main
            // class: the kernel and ProcessHandle may cut a long command line, and 'stop' identifies the process by it
            builder.environment().put("CLASSPATH", System.getProperty("java.class.path"));
            Process process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            process.getOutputStream().close();
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                String written = readFrom(log, logStart);
                Matcher listening = LISTENING.matcher(written);
                if (listening.find()) {
                    int actualPort = Integer.parseInt(listening.group(2));
                    writeAtomically(dataDir.resolve(PID_FILE), Long.toString(process.pid()) + process.info().startInstant()
                            .map(instant -> System.lineSeparator() + instant.toEpochMilli()).orElse(""));
                    writeAtomically(dataDir.resolve(PORT_FILE), Integer.toString(actualPort));
                    Matcher crypto = SIGNATURES_BY.matcher(written);
                    if (crypto.find()) {
                        writeAtomically(dataDir.resolve(CryptoInfo.NETWORK_FILE), crypto.group(1));
                    }
                    return new Running(process.pid(), actualPort,
                            process.info().startInstant().orElse(Instant.now()));
                }
                if (!process.isAlive()) {
                    throw exited(process.exitValue(), readFrom(log, logStart));
                }
                Thread.sleep(POLL.toMillis());
            }
            process.destroyForcibly();
            throw new CliException(ErrorCode.GATEWAY_UNAVAILABLE, "the network did not listen within "
                    + timeout.toSeconds() + " s (a slow machine? try a longer --timeout); see " + log);
        } catch (IOException e) {
            throw new CliException(ErrorCode.DATA_DIR_INACCESSIBLE, "cannot start the network in " + dataDir + ": "
                    + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ErrorCode.INTERNAL_ERROR, "interrupted while starting the network", e);
        }
    }

    /**
     * Why the network process exited: its {@code error: CODE: message} line with that code, or else (it crashed
     * without a word) an internal error with the end of its log.
     */
    private static CliException exited(int status, String written) {
        Matcher error = ERROR_LINE.matcher(written);
        if (error.find()) {
            ErrorCode code = ErrorCode.fromMessage(error.group(1));
            if (code != null) {
                return new CliException(code, error.group(2).strip());
            }
        }
        return new CliException(ErrorCode.INTERNAL_ERROR, "the network process exited with status " + status + ": "
                + lastLines(written, 5));
    }

    /**
     * Stops the background network: SIGTERM to exactly its pid (it commits what was submitted and exits), then, after
     * {@code timeout}, a forced kill.
     *
     * @return the network that was stopped, empty when none was running
     */
    static Optional<Running> stop(Path dataDir, Duration timeout) {
        Optional<Running> running = running(dataDir);
        if (running.isEmpty()) {
            removeFiles(dataDir);
            return Optional.empty();
        }
        ProcessHandle handle = ProcessHandle.of(running.get().pid()).orElse(null);
        if (handle != null) {
            handle.destroy();
            try {
                handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                handle.destroyForcibly();
                try {
                    handle.onExit().get(10, TimeUnit.SECONDS);
                } catch (TimeoutException | ExecutionException forced) {
                    throw new CliException(ErrorCode.INTERNAL_ERROR, "process " + running.get().pid() + " does not exit");
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            } catch (ExecutionException e) {
                throw new CliException(ErrorCode.INTERNAL_ERROR, "cannot wait for process " + running.get().pid(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ErrorCode.INTERNAL_ERROR, "interrupted while stopping the network", e);
            }
        }
        removeFiles(dataDir);
        return running;
    }

    static void removeFiles(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(PID_FILE));
            Files.deleteIfExists(dataDir.resolve(PORT_FILE));
            Files.deleteIfExists(dataDir.resolve(CryptoInfo.NETWORK_FILE));
        } catch (IOException e) {
            throw new CliException(ErrorCode.DATA_DIR_INACCESSIBLE, "cannot remove the pid files in " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean isEmbeddedNetwork(ProcessHandle handle) {
        ProcessHandle.Info info = handle.info();
        if (info.arguments().isPresent()) {
            for (String argument : info.arguments().get()) {
                if (argument.equals(MAIN_CLASS)) {
                    return true;
                }
            }
            return false;
        }
        // Some systems do not reveal other processes' arguments: trust the pid file then.
        return info.commandLine().map(line -> line.contains(MAIN_CLASS)).orElse(true);
    }

    /** The numbers of a pid or port file, one per line; empty when the file is missing or malformed. */
    private static List<Long> readNumbers(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return List.of();
            }
            List<Long> numbers = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                String text = line.strip();
                if (!text.matches("[0-9]{1,18}")) {
                    return List.of();
                }
                numbers.add(Long.parseLong(text));
            }
            return numbers;
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String readFrom(Path log, long offset) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            if (length <= offset) {
                return "";
            }
            byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
            file.seek(offset);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static String lastLines(String text, int count) {
        String[] lines = text.strip().split("\\R");
        int from = Math.max(0, lines.length - count);
        return String.join(" | ", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }

    static void writeAtomically(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content + System.lineSeparator(), StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
