package org.fairmark.cli.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.fairmark.domain.IdentityName;
import org.fairmark.domain.Sha256Hex;

/**
 * Bearer tokens of the {@link WebServer}'s write endpoints, each bound to exactly one wallet identity. Only the
 * SHA-256 of a token is stored (in a JSON file, readable by its owner only where POSIX allows it); the token itself is
 * shown once, when it is created. Presented tokens are compared in constant time.
 *
 * <pre>{@code
 * TokenStore tokens = TokenStore.inDataDir(Path.of(".fairmark"));
 * TokenStore.IssuedToken issued = tokens.create("buyer@market", "scale station 3");
 * System.out.println(issued.secret());          // fmk_3f9c0a1b2c4d_Vh1…  (shown once, never stored)
 * tokens.list();                                 // [Token[id=3f9c0a1b2c4d, identity=buyer@market, …]]
 * tokens.revoke(issued.token().id());
 * }</pre>
 *
 * <p>A token reads {@code fmk_<id>_<secret>}: a 12-character hex id (listed and used to revoke) and 32 random bytes in
 * base64url. The store re-reads its file when it changed, so tokens created or revoked by another process (the CLI's
 * {@code token} command next to a running {@code serve}) take effect on the next request. Instances are thread-safe.
 */
public final class TokenStore {
    /** The file name {@link #inDataDir} uses. */
    public static final String FILE_NAME = "web-tokens.json";
    /** The value of the file's {@code format} field. */
    public static final String FORMAT = "fairmark-web-tokens/1";

    private static final String PREFIX = "fmk_";
    private static final int ID_CHARS = 12;
    private static final int SECRET_BYTES = 32;
    private static final int SECRET_CHARS = 43;
    private static final int TOKEN_CHARS = PREFIX.length() + ID_CHARS + 1 + SECRET_CHARS;
    private static final Pattern IDENTITY = Pattern.compile(IdentityName.SYNTAX);
    private static final Pattern ID = Pattern.compile("[0-9a-f]{" + ID_CHARS + "}");
    private static final int MAX_LABEL_LENGTH = 100;
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();
    /** Compared against when a token names no known id, so that an unknown id costs as much as a wrong secret. */
    private static final byte[] DUMMY_HASH = new byte[32];

    private final Path file;
    private final SecureRandom random = new SecureRandom();
    private final Object lock = new Object();
    private volatile Snapshot snapshot = new Snapshot(null, -1, Map.of());

    /**
     * A token as listed: never the secret.
     *
     * @param id 12 hex characters, the part of the token that names it
     * @param identity the wallet identity writes with this token act as
     * @param label what the token is for, or {@code null}
     * @param createdAt when it was created
     */
    public record Token(String id, String identity, String label, Instant createdAt) {
        public Token {
            Objects.requireNonNull(id, "id == null");
            Objects.requireNonNull(identity, "identity == null");
            Objects.requireNonNull(createdAt, "createdAt == null");
        }
    }

    /**
     * A token just created: the only moment its secret exists outside the holder's hands.
     *
     * @param token what the store keeps about it
     * @param secret the bearer token to hand out, {@code fmk_<id>_<secret>}
     */
    public record IssuedToken(Token token, String secret) {
        public IssuedToken {
            Objects.requireNonNull(token, "token == null");
            Objects.requireNonNull(secret, "secret == null");
        }

        /** Never prints the secret. */
        @Override
        public String toString() {
            return "IssuedToken[" + token + "]";
        }
    }

    /** One stored entry, as written to the file. */
    record Entry(String id, String identity, String label, String createdAt, String sha256) {}

    /** The file's content. */
    record StoreFile(String format, List<Entry> tokens) {}

    private record Snapshot(FileTime modified, long size, Map<String, Entry> entries) {}

    private TokenStore(Path file) {
        this.file = file;
    }

    /**
     * A store kept in {@code file}; the file is created by the first {@link #create}.
     *
     * @throws UncheckedIOException when an existing file cannot be read
     * @throws IllegalArgumentException when an existing file is not a token file
     */
    public static TokenStore open(Path file) {
        TokenStore store = new TokenStore(Objects.requireNonNull(file, "file == null").toAbsolutePath());
        store.refresh();
        return store;
    }

    /** A store in {@code dataDir}/{@value #FILE_NAME}, next to the CLI's wallet. */
    public static TokenStore inDataDir(Path dataDir) {
        return open(Objects.requireNonNull(dataDir, "dataDir == null").resolve(FILE_NAME));
    }

    /** The file the store reads and writes. */
    public Path file() {
        return file;
    }

    /**
     * Creates a token for {@code identity} and returns it; the secret is not kept.
     *
     * @param identity a wallet identity name, e.g. {@code buyer@market}; the store does not check that the wallet holds
     *     it (the server refuses writes with 401 when it cannot open the identity)
     * @param label what the token is for (at most 100 characters), or {@code null}
     * @throws IllegalArgumentException when the identity name or the label is malformed
     * @throws UncheckedIOException when the file cannot be written
     */
    public IssuedToken create(String identity, String label) {
        Objects.requireNonNull(identity, "identity == null");
        if (!IDENTITY.matcher(identity).matches()) {
            throw new IllegalArgumentException("identity must match " + IDENTITY.pattern() + ", got '" + printable(identity) + "'");
        }
        if (label != null && (label.isBlank() || label.length() > MAX_LABEL_LENGTH || label.chars().anyMatch(Character::isISOControl))) {
            throw new IllegalArgumentException("label must be 1.." + MAX_LABEL_LENGTH + " printable characters");
        }
        return update(entries -> {
            String id;
            do {
                byte[] idBytes = new byte[ID_CHARS / 2];
                random.nextBytes(idBytes);
                id = HexFormat.of().formatHex(idBytes);
            } while (entries.containsKey(id));
            byte[] secretBytes = new byte[SECRET_BYTES];
            random.nextBytes(secretBytes);
            String secret = PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            entries.put(id, new Entry(id, identity, label, now.toString(), HexFormat.of().formatHex(sha256(secret))));
            return new IssuedToken(new Token(id, identity, label, now), secret);
        });
    }

    /** Every token, oldest first. */
    public List<Token> list() {
        refresh();
        List<Token> tokens = new ArrayList<>();
        for (Entry entry : snapshot.entries().values()) {
            tokens.add(token(entry));
        }
        return List.copyOf(tokens);
    }

    /**
     * Revokes a token; writes with it are refused from the next request on.
     *
     * @param id the token's id, as {@link #list()} shows it
     * @return whether a token was revoked
     */
    public boolean revoke(String id) {
        Objects.requireNonNull(id, "id == null");
        if (!ID.matcher(id).matches()) {
            return false;
        }
        return update(entries -> entries.remove(id) != null);
    }

    /**
     * The token a presented bearer value names, when it is one of ours and not revoked.
     *
     * @param presented the text after {@code Bearer }; anything is accepted and never throws
     */
    public Optional<Token> authenticate(String presented) {
        if (presented == null || presented.length() != TOKEN_CHARS || !presented.startsWith(PREFIX)
                || presented.charAt(PREFIX.length() + ID_CHARS) != '_') {
            return Optional.empty();
        }
        refresh();
        String id = presented.substring(PREFIX.length(), PREFIX.length() + ID_CHARS);
        Entry entry = snapshot.entries().get(id);
        byte[] expected = entry == null ? DUMMY_HASH : HexFormat.of().parseHex(entry.sha256());
        boolean equal = MessageDigest.isEqual(expected, sha256(presented));
        return equal && entry != null ? Optional.of(token(entry)) : Optional.empty();
    }

    private static Token token(Entry entry) {
        return new Token(entry.id(), entry.identity(), entry.label(), Instant.parse(entry.createdAt()));
    }

    private interface Change<T> {
        T apply(Map<String, Entry> entries);
    }

    /** A read-modify-write of the file under a file lock, so that two processes never lose each other's tokens. */
    private <T> T update(Change<T> change) {
        synchronized (lock) {
            try {
                Files.createDirectories(file.getParent());
                Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    FileLock fileLock = channel.lock();
                    try {
                        Map<String, Entry> entries = new LinkedHashMap<>(read().entries());
                        T result = change.apply(entries);
                        write(new ArrayList<>(entries.values()));
                        snapshot = read();
                        return result;
                    } finally {
                        fileLock.release();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot update " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private void refresh() {
        Snapshot current = snapshot;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.lastModifiedTime().equals(current.modified()) && attributes.size() == current.size()) {
                return;
            }
        } catch (NoSuchFileException e) {
            if (current.modified() != null) {
                snapshot = new Snapshot(null, -1, Map.of());
            }
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        synchronized (lock) {
            snapshot = read();
        }
    }

    private Snapshot read() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            byte[] bytes = Files.readAllBytes(file);
            StoreFile content;
            try {
                content = MAPPER.readValue(bytes, StoreFile.class);
            } catch (IOException e) {
                throw new IllegalArgumentException(file + " is not a Fairmark token file");
            }
            if (content == null || !FORMAT.equals(content.format()) || content.tokens() == null) {
                throw new IllegalArgumentException(file + " is not a " + FORMAT + " file");
            }
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (Entry entry : content.tokens()) {
                boolean wellFormed = entry != null && entry.id() != null && ID.matcher(entry.id()).matches()
                        && entry.identity() != null && entry.createdAt() != null && entry.sha256() != null
                        && entry.sha256().matches("[0-9a-f]{64}");
                if (!wellFormed) {
                    throw new IllegalArgumentException(file + " holds a malformed token entry");
                }
                entries.put(entry.id(), entry);
            }
            return new Snapshot(attributes.lastModifiedTime(), attributes.size(), java.util.Collections.unmodifiableMap(entries));
        } catch (NoSuchFileException e) {
            return new Snapshot(null, -1, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(List<Entry> entries) throws IOException {
        byte[] bytes = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(new StoreFile(FORMAT, entries));
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (Files.getFileAttributeView(temporary, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static byte[] sha256(String text) {
        return Sha256Hex.digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String printable(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    @Override
    public String toString() {
        return "TokenStore[" + file + "]";
    }
}
