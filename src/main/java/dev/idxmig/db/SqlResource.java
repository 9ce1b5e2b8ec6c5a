package dev.idxmig.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the SQL of catalog and health queries from {@code src/main/resources/sql/<dialect>/<name>.sql}. Keeping
 * the SQL in files keeps it readable, reviewable and runnable in psql or sqlite3 as it is.
 */
public final class SqlResource {
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private SqlResource() {
    }

    public static String load(String dialect, String name) {
        return CACHE.computeIfAbsent(dialect + "/" + name, SqlResource::read);
    }

    /** Whether a query exists for this database: a check with no file for a database does not apply to it. */
    public static boolean exists(String dialect, String name) {
        return SqlResource.class.getResource("/sql/" + dialect + "/" + name + ".sql") != null;
    }

    private static String read(String path) {
        String resource = "/sql/" + path + ".sql";
        try (InputStream in = SqlResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
