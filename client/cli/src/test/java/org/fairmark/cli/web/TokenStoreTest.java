package org.fairmark.cli.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.fairmark.devca.Roster;
import org.fairmark.testkit.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {
    @TempDir
    Path dir;

    @Test
    void a_created_token_authenticates_as_its_one_identity() {
        TokenStore store = TokenStore.inDataDir(dir);
        TokenStore.IssuedToken issued = store.create(Roster.BUYER, "scale station 3");
        assertThat(issued.secret()).matches("fmk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}").startsWith("fmk_" + issued.token().id());
        assertThat(store.authenticate(issued.secret())).hasValueSatisfying(token -> {
            assertThat(token.identity()).isEqualTo(Roster.BUYER);
            assertThat(token.label()).isEqualTo("scale station 3");
        });
        assertThat(issued.toString()).doesNotContain(issued.secret());
    }

    @Test
    void stores_only_the_sha256_of_a_token_in_an_owner_only_file() throws Exception {
        TokenStore store = TokenStore.inDataDir(dir);
        TokenStore.IssuedToken issued = store.create(Roster.PRODUCER, null);
        String file = Files.readString(dir.resolve(TokenStore.FILE_NAME));
        String secretPart = issued.secret().substring(issued.secret().lastIndexOf('_') + 1);
        assertThat(file).doesNotContain(secretPart)
                .contains(HexFormat.of().formatHex(TokenStore.sha256(issued.secret())))
                .contains(TokenStore.FORMAT);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(TokenStore.FILE_NAME))))
                .isEqualTo("rw-------");
    }

    @Test
    void lists_and_revokes_tokens() {
        TokenStore store = TokenStore.inDataDir(dir);
        TokenStore.IssuedToken first = store.create(Roster.PRODUCER, "a");
        TokenStore.IssuedToken second = store.create(Roster.INSPECTOR, "b");
        assertThat(store.list()).extracting(TokenStore.Token::id).containsExactly(first.token().id(), second.token().id());
        assertThat(store.revoke(first.token().id())).isTrue();
        assertThat(store.revoke(first.token().id())).isFalse();
        assertThat(store.revoke("not-an-id")).isFalse();
        assertThat(store.authenticate(first.secret())).isEmpty();
        assertThat(store.authenticate(second.secret())).isPresent();
        assertThat(store.list()).extracting(TokenStore.Token::identity).containsExactly(Roster.INSPECTOR);
    }

    @Test
    void sees_tokens_created_and_revoked_by_another_process() {
        TokenStore server = TokenStore.inDataDir(dir);
        TokenStore cli = TokenStore.inDataDir(dir);
        TokenStore.IssuedToken issued = cli.create(Roster.CARRIER, null);
        assertThat(server.authenticate(issued.secret())).isPresent();
        cli.revoke(issued.token().id());
        assertThat(server.authenticate(issued.secret())).isEmpty();
    }

    @Test
    void a_token_with_one_character_changed_is_refused() {
        TokenStore store = TokenStore.inDataDir(dir);
        String secret = store.create(Roster.BUYER, null).secret();
        for (int i = 0; i < secret.length(); i++) {
            char changed = secret.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = secret.substring(0, i) + changed + secret.substring(i + 1);
            assertThat(store.authenticate(tampered)).as("changed at %d", i).isEmpty();
        }
        assertThat(store.authenticate(secret + "x")).isEmpty();
        assertThat(store.authenticate(null)).isEmpty();
    }

    @Test
    void random_text_never_authenticates() {
        TokenStore store = TokenStore.inDataDir(dir);
        store.create(Roster.BUYER, null);
        Property.forAll(random -> random.nextBoolean()
                        ? "fmk_" + Property.from(random, "0123456789abcdef", 12, 12) + "_" + Property.from(random,
                                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 43, 43)
                        : Property.anyString(random, 80),
                text -> assertThat(store.authenticate(text)).isEmpty());
    }

    @Test
    void refuses_malformed_identities_and_labels() {
        TokenStore store = TokenStore.inDataDir(dir);
        assertThatThrownBy(() -> store.create("", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.create("buyer market", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.create(Roster.BUYER, "x".repeat(101))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.create(Roster.BUYER, "line\nbreak")).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.list()).isEmpty();
    }

    @Test
    void refuses_a_file_that_is_not_a_token_file() throws Exception {
        Files.writeString(dir.resolve(TokenStore.FILE_NAME), "{\"format\":\"something-else\",\"tokens\":[]}");
        assertThatThrownBy(() -> TokenStore.inDataDir(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(TokenStore.FORMAT);
    }
}
