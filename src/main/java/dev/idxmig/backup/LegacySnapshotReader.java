package dev.idxmig.backup;

import dev.idxmig.base.IdxmigException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the index snapshots earlier versions wrote (format 1), so they still restore: a SQL file whose first line
 * is {@code -- idxmig index snapshot of schema S, DATABASE, MADE_AT, N indexes}, then optionally
 * {@code -- idxmig backup: origin=... series=... copy=...}, then {@code -- index: NAME} before each definition
 * ending with {@code ;}. idxmig no longer writes it.
 *
 * <p>That format could only hold an index whose name has no line break; its writer put a definition's lines as
 * they were, so the reader takes every line up to the next {@code -- index:} line as the definition. A definition
 * whose text itself holds a line starting with {@code -- index: } cannot be told apart; such a snapshot was never
 * readable.
 */
final class LegacySnapshotReader {
    static final String MAGIC = "-- idxmig index snapshot";
    private static final String INDEX_LINE = "-- index: ";
    private static final String ORIGIN_LINE = "-- idxmig backup: ";
    private static final Pattern HEADER = Pattern.compile("^" + Pattern.quote(MAGIC) + " of schema (.+?), ");
    private static final Pattern MADE = Pattern.compile(", (\\d{4}-\\d\\d-\\d\\dT[^,]+), (\\d+) indexes$");

    private LegacySnapshotReader() {
    }

    static boolean opensLegacy(byte[] start) {
        return new String(start, StandardCharsets.UTF_8).startsWith(MAGIC);
    }

    /** The first two lines of a format 1 snapshot, without reading its definitions; empty when it is not one. */
    static Optional<SnapshotHeader> header(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return header(r.readLine(), r.readLine());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static IndexSnapshot read(Path file, String text) {
        List<String> lines = text.lines().toList();
        SnapshotHeader header = header(lines.isEmpty() ? null : lines.get(0), lines.size() > 1 ? lines.get(1) : null)
                .orElseThrow(() -> IdxmigException.usage(file + " is not an idxmig index snapshot",
                        "pass a snapshot written by idxmig backup"));
        List<SnapshotIndex> entries = new ArrayList<>();
        int i = 1;
        while (i < lines.size()) {
            if (!lines.get(i).startsWith(INDEX_LINE)) {
                i++;
                continue;
            }
            String name = lines.get(i).substring(INDEX_LINE.length());
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).startsWith(INDEX_LINE)) {
                end++;
            }
            String definition = String.join("\n", lines.subList(i + 1, end)).strip();
            if (!definition.endsWith(";")) {
                throw IdxmigException.usage(file + " line " + (i + 1) + ": the definition of " + name
                        + " does not end with ';': the snapshot was cut short or edited",
                        "restore from another snapshot (idxmig backup list shows them), or repair the file by hand");
            }
            definition = definition.substring(0, definition.length() - 1);
            entries.add(new SnapshotIndex(header.schema(), "", name, definition, true, true, Optional.empty()));
            i = end;
        }
        return new IndexSnapshot(header, entries);
    }

    private static Optional<SnapshotHeader> header(String first, String second) {
        Matcher schema = first == null ? null : HEADER.matcher(first);
        if (schema == null || !schema.find()) {
            return Optional.empty();
        }
        Matcher made = MADE.matcher(first);
        Optional<Instant> at = Optional.empty();
        int count = 0;
        String database = "";
        if (made.find()) {
            at = instant(made.group(1));
            count = Integer.parseInt(made.group(2));
            database = made.start() > schema.end() ? first.substring(schema.end(), made.start()) : "";
        }
        Map<String, String> origin = new HashMap<>();
        if (second != null && second.startsWith(ORIGIN_LINE)) {
            for (String pair : second.substring(ORIGIN_LINE.length()).trim().split("\\s+")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    origin.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        Optional<SnapshotHeader.Origin> who = Optional.ofNullable(origin.get("series")).map(series ->
                "automatic".equals(origin.get("origin"))
                        ? SnapshotHeader.Origin.automatic(series, Optional.ofNullable(origin.get("copy")))
                        : SnapshotHeader.Origin.named(series, Optional.ofNullable(origin.get("copy"))));
        return Optional.of(new SnapshotHeader(1, Optional.empty(), database, schema.group(1), at, count, who));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
