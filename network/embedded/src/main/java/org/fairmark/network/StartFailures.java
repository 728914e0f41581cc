package org.fairmark.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import org.fairmark.devca.DevCaException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.network.ledger.BlockStore;
import org.fairmark.network.ledger.LedgerCorruptedException;
import org.fairmark.network.ledger.LedgerLockedException;

/** Turns what can stop a start, outside Fairmark's code, into {@link NetworkStartException}s with their codes. */
final class StartFailures {
    private StartFailures() {}

    static NetworkLayout openLayout(Path dataDir, String channel, String chaincode, String endorsementPolicy)
            throws NetworkStartException {
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new NetworkStartException(ErrorCode.DATA_DIR_INVALID, "the data directory " + dataDir
                    + " is not a directory", null);
        }
        try {
            return NetworkLayout.openOrCreate(dataDir, channel, chaincode, endorsementPolicy);
        } catch (IOException | UncheckedIOException | DevCaException | IllegalStateException e) {
            throw dataDirFailure(dataDir, e);
        }
    }

    static BlockStore openLedger(Path ledgerDir) throws NetworkStartException {
        try {
            return BlockStore.open(ledgerDir);
        } catch (LedgerCorruptedException e) {
            throw new NetworkStartException(ErrorCode.LEDGER_CORRUPT, e.getMessage()
                    + "; the network does not start on a damaged ledger: restore the data directory from a backup"
                    + " (see 'ledger verify')", e);
        } catch (LedgerLockedException e) {
            throw new NetworkStartException(ErrorCode.LEDGER_LOCKED, e.getMessage()
                    + (e.sameProcess() ? "" : " (a running embedded network or command has it open: stop it, or"
                            + " connect to its gateway)"), e);
        } catch (IOException | UncheckedIOException e) {
            throw dataDirFailure(ledgerDir, e);
        }
    }

    /** What stands in the way of listening on {@code host:port}: the port taken by another program, or the host. */
    static NetworkStartException listenFailure(String host, int port, IOException failure) {
        if (port > 0 && (mentionsAddressInUse(failure) || portTaken(host, port))) {
            return new NetworkStartException(ErrorCode.PORT_IN_USE, "port " + port + " on " + host
                    + " is already in use by another program; choose another port with --port, or --port 0 for any"
                    + " free one", failure);
        }
        return new NetworkStartException(ErrorCode.INVALID_ARGUMENT, "cannot listen on " + host + ":" + port + ": "
                + rootMessage(failure), failure);
    }

    private static NetworkStartException dataDirFailure(Path where, Exception e) {
        Throwable access = find(e, AccessDeniedException.class);
        if (access == null) {
            // EPERM, e.g. an immutable file, arrives as a plain FileSystemException
            Throwable system = find(e, FileSystemException.class);
            if (system != null && "Operation not permitted".equals(((FileSystemException) system).getReason())) {
                access = system;
            }
        }
        if (access != null) {
            FileSystemException denied = (FileSystemException) access;
            return new NetworkStartException(ErrorCode.DATA_DIR_INACCESSIBLE, "not permitted: cannot read or write "
                    + (denied.getFile() != null ? denied.getFile() : where) + " (check the owner and permissions of "
                    + where + ")", e);
        }
        Throwable notDirectory = find(e, FileAlreadyExistsException.class);
        if (notDirectory == null) {
            notDirectory = find(e, NotDirectoryException.class);
        }
        if (notDirectory != null) {
            return new NetworkStartException(ErrorCode.DATA_DIR_INVALID, ((FileSystemException) notDirectory).getFile()
                    + " is not a directory, so " + where + " cannot hold a development network", e);
        }
        Throwable missing = find(e, NoSuchFileException.class);
        if (missing != null || e instanceof DevCaException || e instanceof IllegalStateException) {
            return new NetworkStartException(ErrorCode.DATA_DIR_INVALID, where
                    + " is not a complete development network: " + e.getMessage()
                    + " (move it away to create a new network there)", e);
        }
        return new NetworkStartException(ErrorCode.DATA_DIR_INACCESSIBLE, "cannot read or write " + where + ": "
                + rootMessage(e), e);
    }

    private static boolean mentionsAddressInUse(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("address already in use") || message.contains("eaddrinuse")) {
                return true;
            }
        }
        return false;
    }

    /** Whether binding {@code host:port} ourselves fails as well: then another program holds it. */
    private static boolean portTaken(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
            return false;
        } catch (BindException e) {
            return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("in use");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Throwable find(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? String.valueOf(failure.getMessage())
                : failure.getMessage() + " (" + root.getMessage() + ")";
    }
}
