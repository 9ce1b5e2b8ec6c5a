package dev.idxmig.backup;

import dev.idxmig.db.IndexConstraint;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The snapshot codec on generated snapshots: names, tables and definitions of any Unicode text, salted with what
 * broke the SQL format (line breaks, quotes, {@code ;}, backslashes, {@code $$}, {@code -- index:} lines, a whole
 * {@code CREATE INDEX} statement, JSON's own punctuation), come back byte for byte.
 */
@Tag("unit")
class SnapshotCodecPropertyTest {
    private static final Path FILE = Path.of("generated.indexes.json");

    @Property(tries = 300)
    void everySnapshotReadsBackAsItWasWritten(@ForAll("snapshots") IndexSnapshot snapshot) {
        IndexSnapshot read = SnapshotCodec.decode(FILE, SnapshotCodec.encode(snapshot));
        assertEquals(snapshot, read);
        for (int i = 0; i < snapshot.indexes().size(); i++) {
            assertArrayEquals(utf8(snapshot.indexes().get(i).definition()), utf8(read.indexes().get(i).definition()));
            assertArrayEquals(utf8(snapshot.indexes().get(i).name()), utf8(read.indexes().get(i).name()));
        }
    }

    @Property(tries = 50)
    void theHeaderReadsWithoutTheDefinitions(@ForAll("snapshots") IndexSnapshot snapshot) throws IOException {
        Path file = Files.createTempFile("snapshot", ".indexes.json");
        try {
            Files.write(file, SnapshotCodec.encode(snapshot));
            assertEquals(Optional.of(snapshot.header()), IndexSnapshotFile.header(file));
            assertEquals(IndexSnapshotFile.Format.JSON, IndexSnapshotFile.format(file));
            assertEquals(snapshot, IndexSnapshotFile.read(file));
        } finally {
            Files.delete(file);
        }
    }

    @Provide
    Arbitrary<IndexSnapshot> snapshots() {
        Arbitrary<List<SnapshotIndex>> indexes = index().list().ofMaxSize(8).uniqueElements(SnapshotIndex::name);
        return Combinators.combine(header(), indexes).as((h, list) -> new IndexSnapshot(new SnapshotHeader(
                h.formatVersion(), h.dialect(), h.database(), h.schema(), h.madeAt(), list.size(), h.origin()), list));
    }

    private static Arbitrary<SnapshotHeader> header() {
        Arbitrary<Optional<SnapshotHeader.Origin>> origin = Combinators.combine(Arbitraries.of(true, false), text(),
                text().optional()).as((automatic, series, copy) -> automatic
                        ? SnapshotHeader.Origin.automatic(series, copy) : SnapshotHeader.Origin.named(series, copy))
                .optional();
        Arbitrary<Instant> madeAt = Arbitraries.longs().between(0, 4_102_444_800L)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
        return Combinators.combine(Arbitraries.of("postgresql", "sqlite"), text(), text(), madeAt, origin)
                .as((dialect, database, schema, at, who) -> new SnapshotHeader(SnapshotCodec.VERSION,
                        Optional.of(dialect), database, schema, Optional.of(at), 0, who));
    }

    private static Arbitrary<SnapshotIndex> index() {
        Arbitrary<Optional<IndexConstraint>> constraint = Combinators.combine(text(),
                Arbitraries.of(IndexConstraint.Kind.class), text()).as(IndexConstraint::new).optional();
        return Combinators.combine(text(), text(), text(), text(), Arbitraries.of(true, false),
                Arbitraries.of(true, false), constraint).as(SnapshotIndex::new);
    }

    /** Non-empty text of any code point (no lone surrogates: no database prints one), tricky pieces often. */
    private static Arbitrary<String> text() {
        Arbitrary<String> tricky = Arbitraries.of("\n", "\r\n", "\r", ";", ";\n", "'", "''", "\"", "\\", "\\n",
                "$$", "$tag$", "-- index: x\n", "CREATE INDEX fake ON t (a);\n", "E'x;\ny'", "\u0000", "\t", " ",
                "é", "😀", "\u2028", "\ufeff", "{", "}", "[", "]", "\"definition\" : \"", "/*", "*/", ".");
        Arbitrary<String> any = Arbitraries.integers().between(0, 0x10FFFF)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .map(Character::toString);
        return Arbitraries.frequencyOf(Tuple.of(1, tricky), Tuple.of(2, any)).list().ofMinSize(1).ofMaxSize(30)
                .map(parts -> String.join("", parts));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
