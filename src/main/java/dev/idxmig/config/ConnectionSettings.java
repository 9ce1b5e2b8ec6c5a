package dev.idxmig.config;

import java.util.Optional;

/**
 * Where to connect. The JDBC URL never carries the password: it is kept apart in {@link #password()} so the
 * URL can be printed as it is.
 */
public record ConnectionSettings(JdbcUrl url, Optional<String> user, Optional<Secret> password) {

    public ConnectionSettings {
        if (url == null) {
            throw new IllegalArgumentException("url");
        }
    }

    /** From a URL idxmig built itself or read through {@link DatabaseUrls}: {@code jdbc:} first. */
    public ConnectionSettings(String jdbcUrl, Optional<String> user, Optional<Secret> password) {
        this(JdbcUrl.of(jdbcUrl), user, password);
    }

    /** The URL as text, for the driver and for messages. */
    public String jdbcUrl() {
        return url.text();
    }

    public ConnectionSettings withUser(String newUser) {
        return new ConnectionSettings(url, Optional.ofNullable(newUser), password);
    }

    public ConnectionSettings withPassword(Secret newPassword) {
        return new ConnectionSettings(url, user, Optional.ofNullable(newPassword));
    }

    public SecretMasker masker() {
        return password.map(SecretMasker.none()::with).orElse(SecretMasker.none());
    }
}
