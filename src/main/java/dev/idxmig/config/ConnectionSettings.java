package dev.idxmig.config;

import java.util.Optional;

/**
 * Where to connect. The JDBC URL never carries the password: it is kept apart in {@link #password()} so the
 * URL can be printed as it is.
 */
public record ConnectionSettings(String jdbcUrl, Optional<String> user, Optional<Secret> password) {

    public ConnectionSettings {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new IllegalArgumentException("jdbcUrl");
        }
    }

    public ConnectionSettings withUser(String newUser) {
        return new ConnectionSettings(jdbcUrl, Optional.ofNullable(newUser), password);
    }

    public ConnectionSettings withPassword(Secret newPassword) {
        return new ConnectionSettings(jdbcUrl, user, Optional.ofNullable(newPassword));
    }

    public SecretMasker masker() {
        return password.map(SecretMasker.none()::with).orElse(SecretMasker.none());
    }
}
