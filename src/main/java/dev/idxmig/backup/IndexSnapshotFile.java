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
import java.util.Optional;
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

    /**
     * Who made a snapshot and with which copy, from its {@code -- idxmig backup:} line (absent in snapshots written
     * before it existed: then the origin is unknown and the backup is never rotated).
     *
     * @param automatic true when idxmig named the backup itself (before migrate, or backup without --to)
     * @param series    the database's name the automatic backups of it start with
     * @param copy      the file name of the database copy taken together with the snapshot, in the same folder
     */
    record Header(String schema, Optional<Instant> madeAt, int indexes, boolean automatic, Optional<String> series,
                  Optional<String> copy) {
    }

    /** Where a backup came from, written into its snapshot. */
    record Origin(boolean automatic, String series, Optional<String> copy) {
    }

    private static final Pattern MADE = Pattern.compile(", (\\d{4}-\\d\\d-\\d\\dT[^,]+), (\\d+) indexes$");
    private static final String ORIGIN_LINE = "-- idxmig backup: ";

    private IndexSnapshotFile() {
    }

    /** A snapshot without an origin line, as idxmig wrote them before: its backup is never rotated. */
    static String render(String database, String schema, Collection<IndexInfo> indexes, Instant at) {
        return render(database, schema, indexes, at, null);
    }

    static String render(String database, String schema, Collection<IndexInfo> indexes, Instant at, Origin origin) {
        StringBuilder out = new StringBuilder();
        out.append(MAGIC).append(" of schema ").append(schema).append(", ").append(database).append(", ")
                .append(at).append(", ").append(indexes.size()).append(" indexes\n");
        if (origin != null) {
            out.append(ORIGIN_LINE).append("origin=").append(origin.automatic() ? "automatic" : "named")
                    .append(" series=").append(origin.series().replace(' ', '_'))
                    .append(origin.copy().map(c -> " copy=" + c.replace(' ', '_')).orElse("")).append('\n');
        }
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

    /** The first two lines of a snapshot, without reading its definitions; empty when it is not a snapshot. */
    static Optional<Header> header(Path file) {
        String first;
        String second;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            first = r.readLine();
            second = r.readLine();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        Matcher schema = first == null ? null : HEADER.matcher(first);
        if (schema == null || !schema.find()) {
            return Optional.empty();
        }
        Matcher made = MADE.matcher(first);
        Optional<Instant> at = Optional.empty();
        int count = 0;
        if (made.find()) {
            try {
                at = Optional.of(Instant.parse(made.group(1)));
            } catch (java.time.format.DateTimeParseException e) {
                at = Optional.empty();
            }
            count = Integer.parseInt(made.group(2));
        }
        java.util.Map<String, String> origin = new java.util.HashMap<>();
        if (second != null && second.startsWith(ORIGIN_LINE)) {
            for (String pair : second.substring(ORIGIN_LINE.length()).trim().split("\\s+")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    origin.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return Optional.of(new Header(schema.group(1), at, count, "automatic".equals(origin.get("origin")),
                Optional.ofNullable(origin.get("series")), Optional.ofNullable(origin.get("copy"))));
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
