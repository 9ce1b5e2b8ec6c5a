package dev.idxmig.backup;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.db.IndexInfo;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The index snapshot: a SQL file with every index definition of a schema, runnable as it is in psql or sqlite3,
 * with one {@code -- index: NAME} comment before each definition so {@code restore} knows the names without
 * parsing SQL.
 */
final class IndexSnapshotFile {
    static final String MAGIC = "-- idxmig index snapshot";
    private static final String INDEX_LINE = "-- index: ";
    private static final Pattern HEADER = Pattern.compile("^" + Pattern.quote(MAGIC) + " of schema (.+?), ");

    record Entry(String name, String definition) {
    }

    record Snapshot(String schema, List<Entry> indexes) {
    }

    private IndexSnapshotFile() {
    }

    static String render(String database, String schema, Collection<IndexInfo> indexes, Instant at) {
        StringBuilder out = new StringBuilder();
        out.append(MAGIC).append(" of schema ").append(schema).append(", ").append(database).append(", ")
                .append(at).append(", ").append(indexes.size()).append(" indexes\n");
        out.append("-- Restore the index state with: idxmig restore --from THIS_FILE\n");
        for (IndexInfo index : indexes) {
            out.append(INDEX_LINE).append(index.name()).append('\n');
            out.append(index.definition().strip()).append(";\n");
        }
        return out.toString();
    }

    static boolean isSnapshot(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first != null && first.startsWith(MAGIC);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static Snapshot read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw IdxmigException.usage("cannot read " + file + ": " + e.getMessage(), "check the path");
        }
        Matcher header = HEADER.matcher(lines.isEmpty() ? "" : lines.get(0));
        if (!header.find()) {
            throw IdxmigException.usage(file + " is not an idxmig index snapshot", "pass a .indexes.sql file");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).startsWith(INDEX_LINE)) {
                continue;
            }
            String name = lines.get(i).substring(INDEX_LINE.length());
            String definition = i + 1 < lines.size() ? lines.get(i + 1).strip() : "";
            if (!definition.endsWith(";")) {
                throw IdxmigException.usage(file + " line " + (i + 2) + ": the definition of " + name
                        + " is incomplete; the file is damaged", "restore from another snapshot");
            }
            entries.add(new Entry(name, definition.substring(0, definition.length() - 1)));
            i++;
        }
        return new Snapshot(header.group(1), entries);
    }
}
