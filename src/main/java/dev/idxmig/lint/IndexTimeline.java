package dev.idxmig.lint;

import dev.idxmig.script.ParsedStatement;
import dev.idxmig.script.IndexDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Replays index creation and removal through the migration set in version order, starting from the live
 * indexes when lint is connected, and tells a listener about each {@code CREATE INDEX} with the indexes that
 * exist at that moment. Rules about the set as a whole (duplicates, names used twice) are built on it.
 */
final class IndexTimeline {
    /** An index that exists at some point, and where it came from. */
    record Existing(IndexDefinition index, String origin) {
    }

    /** A CREATE INDEX at its place in the timeline, with what existed just before it. */
    record Creation(LintScript script, ParsedStatement statement, IndexDefinition index, Map<String, Existing> before) {
    }

    private IndexTimeline() {
    }

    static void replay(LintContext context, BiConsumer<Creation, LintContext> listener) {
        Map<String, Existing> current = new LinkedHashMap<>();
        context.live().ifPresent(live -> live.indexes()
                .forEach(i -> current.put(i.name(), new Existing(i, "the live database"))));
        for (LintScript script : context.history()) {
            for (ParsedStatement s : script.statements()) {
                switch (s.kind()) {
                    case CREATE_INDEX:
                        s.index().ifPresent(index -> {
                            listener.accept(new Creation(script, s, index, Map.copyOf(current)), context);
                            if (!index.name().isEmpty() && !current.containsKey(index.name())) {
                                current.put(index.name(), new Existing(index, script.fileName() + ":" + s.line()));
                            }
                        });
                        break;
                    case CREATE_TABLE:
                        for (IndexDefinition key : s.keys()) {
                            current.put(key.name(), new Existing(key, "a key of " + key.table() + ", "
                                    + script.fileName() + ":" + s.line()));
                        }
                        break;
                    case DROP_INDEX:
                        s.indexNames().forEach(current::remove);
                        break;
                    case OTHER_INDEX:
                        if (s.indexNames().size() == 2 && current.containsKey(s.indexNames().get(0))) {
                            Existing renamed = current.remove(s.indexNames().get(0));
                            IndexDefinition i = renamed.index();
                            current.put(s.indexNames().get(1), new Existing(new IndexDefinition(s.indexNames().get(1),
                                    i.table(), i.columns(), i.unique(), i.method(), i.include(), i.predicate(),
                                    i.concurrently(), i.ifNotExists()), renamed.origin()));
                        }
                        break;
                    case TABLE_CHANGE:
                        if (s.tokens().get(0).is("drop")) {
                            s.table().ifPresent(t -> current.values().removeIf(e -> e.index().table().equals(t)));
                        }
                        break;
                    default:
                        break;
                }
            }
        }
    }

    /** Indexes of the same table, other than the one created, as they stood before the creation. */
    static List<Existing> sameTable(Creation c) {
        List<Existing> out = new ArrayList<>();
        for (Existing e : c.before().values()) {
            if (e.index().table().equals(c.index().table()) && !e.index().name().equals(c.index().name())) {
                out.add(e);
            }
        }
        return out;
    }

    static Optional<Existing> sameName(Creation c) {
        return c.index().name().isEmpty() ? Optional.empty() : Optional.ofNullable(c.before().get(c.index().name()));
    }
}
