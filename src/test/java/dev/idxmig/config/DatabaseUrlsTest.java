package dev.idxmig.config;

import dev.idxmig.base.IdxmigException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class DatabaseUrlsTest {
    @Test
    void herokuStyleUrlBecomesJdbcWithCredentialsTakenOut() {
        ConnectionSettings s = DatabaseUrls.parse("postgres://app:s%40cr%3At%2F%25@db.example.com:6543/sales?sslmode=require");
        assertEquals("jdbc:postgresql://db.example.com:6543/sales?sslmode=require", s.jdbcUrl());
        assertEquals("app", s.user().orElseThrow());
        assertEquals("s@cr:t/%", s.password().orElseThrow().reveal());
    }

    @Test
    void defaultPortAndPostgresqlSchemeAndPlusSignKept() {
        ConnectionSettings s = DatabaseUrls.parse("postgresql://me:a+b@localhost/db");
        assertEquals("jdbc:postgresql://localhost:5432/db", s.jdbcUrl());
        assertEquals("a+b", s.password().orElseThrow().reveal());
    }

    @Test
    void ipv6HostAndNoCredentials() {
        ConnectionSettings s = DatabaseUrls.parse("postgres://[::1]:5433/db");
        assertEquals("jdbc:postgresql://[::1]:5433/db", s.jdbcUrl());
        assertTrue(s.user().isEmpty());
        assertTrue(s.password().isEmpty());
    }

    @Test
    void passwordParameterIsTakenOutOfJdbcUrls() {
        ConnectionSettings s = DatabaseUrls.parse("jdbc:postgresql://h:5432/db?user=u&password=pw&ssl=true");
        assertEquals("jdbc:postgresql://h:5432/db?ssl=true", s.jdbcUrl());
        assertEquals("u", s.user().orElseThrow());
        assertEquals("pw", s.password().orElseThrow().reveal());
    }

    @Test
    void unknownSchemeIsAUsageErrorThatDoesNotEchoThePassword() {
        IdxmigException e = assertThrows(IdxmigException.class, () -> DatabaseUrls.parse("mysql://u:hunter2@h/db"));
        assertEquals(dev.idxmig.base.Failure.USAGE, e.failure());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }
}
