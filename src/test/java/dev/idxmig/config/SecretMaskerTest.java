package dev.idxmig.config;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("unit")
class SecretMaskerTest {
    @Test
    void masksKnownSecretsRawAndPercentEncoded() {
        SecretMasker m = SecretMasker.none().with(Secret.of("p@ss word"));
        assertEquals("failed for **** and ****", m.mask("failed for p@ss word and p%40ss%20word"));
    }

    @Test
    void masksPasswordsInUrlsItWasNotTold() {
        SecretMasker m = SecretMasker.none();
        assertEquals("postgres://u:****@h/db", m.mask("postgres://u:pw@h/db"));
        assertEquals("jdbc:postgresql://h/db?user=u&password=****&ssl=true",
                m.mask("jdbc:postgresql://h/db?user=u&password=pw&ssl=true"));
    }

    @Test
    void secretToStringNeverShowsTheValue() {
        assertEquals("****", Secret.of("hunter2").toString());
    }
}
