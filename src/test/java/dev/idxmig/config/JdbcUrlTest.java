package dev.idxmig.config;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A JDBC URL read once into its parts, for every form the ad-hoc parsers it replaced used to cut. */
@Tag("unit")
class JdbcUrlTest {

    @Test
    void aServerUrlHasItsSubprotocolPathQueryAndServer() {
        JdbcUrl url = JdbcUrl.of("jdbc:postgresql://db.example:6543/app?sslmode=require");
        assertEquals("postgresql", url.subprotocol());
        assertTrue(url.is("postgresql"));
        assertEquals("//db.example:6543/app", url.path());
        assertEquals(Optional.of("sslmode=require"), url.query());
        assertEquals("jdbc:postgresql://db.example:6543/app", url.withoutQuery());
        assertEquals("app", url.lastSegment());
        assertEquals(new JdbcUrl.Server(Optional.of("db.example:6543"), Optional.of("db.example"), Optional.of("6543"),
                "app"), url.server());
    }

    @Test
    void hostPortAndDatabaseMayBeLeftOut() {
        assertEquals(new JdbcUrl.Server(Optional.of("h"), Optional.of("h"), Optional.empty(), ""),
                JdbcUrl.of("jdbc:postgresql://h").server());
        assertEquals(new JdbcUrl.Server(Optional.empty(), Optional.empty(), Optional.empty(), "app"),
                JdbcUrl.of("jdbc:postgresql:app").server());
        assertEquals(new JdbcUrl.Server(Optional.of("[::1]:5433"), Optional.of("::1"), Optional.of("5433"), "d"),
                JdbcUrl.of("jdbc:postgresql://[::1]:5433/d").server());
        assertEquals(Optional.of("[::1]"), JdbcUrl.of("jdbc:postgresql://[::1]/d").server().authority());
        assertEquals(Optional.empty(), JdbcUrl.of("jdbc:postgresql://[::1]/d").server().port());
    }

    @Test
    void anotherDatabaseOnTheSameServerKeepsTheQuery() {
        assertEquals(Optional.of(JdbcUrl.of("jdbc:postgresql://h:5432/postgres?ssl=true")),
                JdbcUrl.of("jdbc:postgresql://h:5432/app?ssl=true").withDatabase("postgres"));
        assertEquals(Optional.empty(), JdbcUrl.of("jdbc:postgresql://h:5432").withDatabase("postgres"));
        assertEquals(Optional.empty(), JdbcUrl.of("jdbc:postgresql:app").withDatabase("postgres"));
    }

    @Test
    void aSqliteUrlHasItsFileAsPath() {
        JdbcUrl url = JdbcUrl.of("jdbc:sqlite:data/app.db?journal_mode=WAL");
        assertEquals("sqlite", url.subprotocol());
        assertEquals("data/app.db", url.path());
        assertEquals("app.db", url.lastSegment());
        assertEquals("jdbc:sqlite:/abs/app.db?journal_mode=WAL", url.withPath("/abs/app.db").text());
        assertEquals("file::memory:", JdbcUrl.of("jdbc:sqlite:file::memory:?cache=shared").path());
        assertEquals("", JdbcUrl.of("jdbc:sqlite:").path());
    }

    @Test
    void onlyJdbcUrlsAreJdbcUrls() {
        assertTrue(JdbcUrl.isJdbc("jdbc:sqlite:a.db"));
        assertFalse(JdbcUrl.isJdbc("postgres://u@h/db"));
        assertFalse(JdbcUrl.isJdbc("jdbc:"));
        assertThrows(IllegalArgumentException.class, () -> JdbcUrl.of("postgres://u@h/db"));
        assertEquals("nope", JdbcUrl.of("jdbc:nope").subprotocol());
        assertEquals("", JdbcUrl.of("jdbc:nope").path());
    }

    @Test
    void connectionSettingsReadTheUrlOnce() {
        ConnectionSettings settings = DatabaseUrls.parse("jdbc:postgresql://h/db?user=u&password=secret&ssl=true");
        assertEquals(JdbcUrl.of("jdbc:postgresql://h/db?ssl=true"), settings.url());
        assertEquals("jdbc:postgresql://h/db?ssl=true", settings.jdbcUrl());
        assertEquals(Optional.of("u"), settings.user());
    }
}
