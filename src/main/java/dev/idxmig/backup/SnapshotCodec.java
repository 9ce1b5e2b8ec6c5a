package dev.idxmig.backup;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.db.IndexConstraint;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The index snapshot file, format 2: one JSON document written and read only here. The header facts come first and
 * the {@code indexes} array last, so {@link #header} reads a snapshot's facts without its definitions. A definition
 * is a JSON string: whatever the database printed (lines, quotes, {@code ;}, backslashes, any character) comes back
 * byte for byte, and nothing inside one can be taken for the file's own structure.
 */
final class SnapshotCodec {
    /** The format version this idxmig writes; it reads this one and every older one. */
    static final int VERSION = 2;
    static final String FORMAT = "idxmig index snapshot";

    private static final String DAMAGED_HINT = "the file was cut short or edited; restore from another snapshot "
            + "(idxmig backup list shows them), or repair the file by hand";
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private SnapshotCodec() {
    }

    /** The file's bytes: UTF-8 JSON, header first, ending with a new line. */
    static byte[] encode(IndexSnapshot snapshot) {
        SnapshotHeader h = snapshot.header();
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", VERSION);
        root.put("dialect", h.dialect().orElse(null));
        root.put("database", h.database());
        root.put("schema", h.schema());
        root.put("madeAt", h.madeAt().map(Instant::toString).orElse(null));
        root.put("origin", h.origin().map(o -> o.automatic() ? StoredBackup.AUTOMATIC : StoredBackup.NAMED)
                .orElse(null));
        root.put("series", h.series().orElse(null));
        root.put("copy", h.copy().orElse(null));
        root.put("count", snapshot.indexes().size());
        root.put("restoreWith", "idxmig restore --from THIS_FILE");
        ArrayNode indexes = root.putArray("indexes");
        for (SnapshotIndex index : snapshot.indexes()) {
            ObjectNode entry = indexes.addObject();
            entry.put("name", index.name());
            entry.put("schema", index.schema());
            entry.put("table", index.table());
            entry.put("valid", index.valid());
            entry.put("ready", index.ready());
            index.constraint().ifPresentOrElse(c -> entry.putObject("constraint").put("name", c.name())
                    .put("kind", c.kind().name().toLowerCase(Locale.ROOT)).put("definition", c.definition()),
                    () -> entry.putNull("constraint"));
            entry.put("definition", index.definition());
        }
        String text = JSON.writeValueAsString(root) + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code start}, the first bytes of a file, opens a JSON object (white space and a BOM allowed). */
    static boolean opensJson(byte[] start) {
        for (int i = 0; i < start.length; i++) {
            int b = start[i] & 0xff;
            if (b == '{') {
                return true;
            }
            boolean bom = i <= 2 && (b == 0xef || b == 0xbb || b == 0xbf);
            if (!bom && b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return false;
    }

    /** The whole snapshot; a file that is not one, or is damaged, or too new, is refused naming what is wrong. */
    static IndexSnapshot decode(Path file, byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw IdxmigException.usage(file + " cannot be read as an index snapshot: it is not complete JSON ("
                    + where(e) + e.getOriginalMessage() + ")", DAMAGED_HINT);
        }
        SnapshotHeader header = header(file, root);
        JsonNode list = root.get("indexes");
        if (list == null || !list.isArray()) {
            throw damaged(file, "it has no \"indexes\" array");
        }
        List<SnapshotIndex> indexes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            SnapshotIndex index = index(file, list.get(i), "indexes[" + i + "]");
            if (!names.add(index.schema() + "." + index.name())) {
                throw damaged(file, "indexes[" + i + "] repeats the index " + index.name());
            }
            indexes.add(index);
        }
        if (indexes.size() != header.count()) {
            throw damaged(file, "its header counts " + header.count() + " indexes but it holds " + indexes.size());
        }
        return new IndexSnapshot(header, indexes);
    }

    /** The header of a format 2 snapshot, reading no further than the start of its definitions. */
    static Optional<SnapshotHeader> header(Path file) {
        try (InputStream in = Files.newInputStream(file); JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            ObjectNode facts = JSON.createObjectNode();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                if (name.equals("indexes")) {
                    break;
                }
                facts.set(name, scalar(p.nextToken(), p));
            }
            return Optional.of(header(file, facts));
        } catch (IOException | JacksonException | IdxmigException e) {
            return Optional.empty();
        }
    }

    /** A header value as a node; objects and arrays, which no header fact is, are skipped and read as null. */
    private static JsonNode scalar(JsonToken token, JsonParser p) {
        return switch (token) {
            case VALUE_STRING -> JSON.getNodeFactory().stringNode(p.getString());
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.INT
                    ? JSON.getNodeFactory().numberNode(p.getIntValue()) : JSON.getNodeFactory().nullNode();
            case VALUE_TRUE, VALUE_FALSE -> JSON.getNodeFactory().booleanNode(token == JsonToken.VALUE_TRUE);
            default -> {
                p.skipChildren();
                yield JSON.getNodeFactory().nullNode();
            }
        };
    }

    private static SnapshotHeader header(Path file, JsonNode root) {
        if (!root.isObject() || !FORMAT.equals(root.path("format").asString(null))) {
            throw IdxmigException.usage(file + " is not an idxmig index snapshot: it has no \"format\": \""
                    + FORMAT + "\"", "pass a snapshot written by idxmig backup (NAME.indexes.json)");
        }
        JsonNode version = root.get("formatVersion");
        if (version == null || !version.isInt() || version.asInt() < VERSION) {
            throw damaged(file, "its \"formatVersion\" is not a whole number from " + VERSION);
        }
        if (version.asInt() > VERSION) {
            throw IdxmigException.usage(file + " is an index snapshot of format version " + version.asInt()
                    + ", written by a newer idxmig; this one reads versions 1 to " + VERSION,
                    "restore it with the idxmig version that wrote it, or a newer one");
        }
        Optional<SnapshotHeader.Origin> origin = optionalText(file, root, "origin").map(o -> switch (o) {
            case StoredBackup.AUTOMATIC -> SnapshotHeader.Origin.automatic(text(file, root, "series", "the header"),
                    optionalText(file, root, "copy"));
            case StoredBackup.NAMED -> SnapshotHeader.Origin.named(text(file, root, "series", "the header"),
                    optionalText(file, root, "copy"));
            default -> throw damaged(file, "its \"origin\" is neither automatic nor named: " + o);
        });
        JsonNode count = root.get("count");
        if (count == null || !count.isInt() || count.asInt() < 0) {
            throw damaged(file, "its header has no \"count\" of indexes");
        }
        return new SnapshotHeader(VERSION, Optional.of(text(file, root, "dialect", "the header")),
                text(file, root, "database", "the header"), text(file, root, "schema", "the header"),
                Optional.of(instant(file, text(file, root, "madeAt", "the header"))), count.asInt(), origin);
    }

    private static SnapshotIndex index(Path file, JsonNode entry, String where) {
        if (entry == null || !entry.isObject()) {
            throw damaged(file, where + " is not an object");
        }
        JsonNode c = entry.get("constraint");
        Optional<IndexConstraint> constraint = Optional.empty();
        if (c != null && !c.isNull()) {
            constraint = Optional.of(new IndexConstraint(text(file, c, "name", where + ".constraint"),
                    kind(file, text(file, c, "kind", where + ".constraint"), where),
                    text(file, c, "definition", where + ".constraint")));
        }
        return new SnapshotIndex(text(file, entry, "schema", where), text(file, entry, "table", where),
                text(file, entry, "name", where), text(file, entry, "definition", where),
                flag(file, entry, "valid", where), flag(file, entry, "ready", where), constraint);
    }

    private static IndexConstraint.Kind kind(Path file, String kind, String where) {
        try {
            return IndexConstraint.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw damaged(file, where + ".constraint has the unknown kind " + kind);
        }
    }

    private static String text(Path file, JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isEmpty()) {
            throw damaged(file, where + " has no \"" + field + "\" text");
        }
        return value.asString();
    }

    private static Optional<String> optionalText(Path file, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw damaged(file, "its \"" + field + "\" is not text");
        }
        return Optional.of(value.asString());
    }

    private static boolean flag(Path file, JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw damaged(file, where + " has no \"" + field + "\" true or false");
        }
        return value.asBoolean();
    }

    private static Instant instant(Path file, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw damaged(file, "its \"madeAt\" is not an ISO-8601 instant: " + text);
        }
    }

    private static String where(JacksonException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 0 ? ""
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
    }

    private static IdxmigException damaged(Path file, String what) {
        return IdxmigException.usage(file + " is a damaged index snapshot: " + what, DAMAGED_HINT);
    }
}
