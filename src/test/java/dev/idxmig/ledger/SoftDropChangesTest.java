package dev.idxmig.ledger;

import dev.idxmig.db.CatalogSnapshot;
import dev.idxmig.db.IndexInfo;
import dev.idxmig.db.SoftDrops;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A change of an index into its ignored form is a soft drop in the ledger; every other change stays what it was. */
@Tag("unit")
class SoftDropChangesTest {
    /** Soft drops as a database that appends " IGNORED" to an ignored index's definition. */
    private static final SoftDrops SOFT = new SoftDrops() {
        @Override
        public String ignore(String schema, String table, String index) {
            return "IGNORE " + index;
        }

        @Override
        public String restore(String schema, String table, String index) {
            return "RESTORE " + index;
        }

        @Override
        public boolean ignored(String definition) {
            return definition.endsWith(" IGNORED");
        }

        @Override
        public String unignored(String definition) {
            return ignored(definition) ? definition.substring(0, definition.length() - 8) : definition;
        }

        @Override
        public String word() {
            return "IGNORED";
        }
    };

    private static IndexInfo index(String name, String definition) {
        return new IndexInfo("s", "t", name, definition, "btree", false, false, true, true, OptionalLong.empty());
    }

    private static List<LedgerEntry.Action> actions(List<IndexInfo> before, List<IndexInfo> after,
                                                    Optional<SoftDrops> soft) {
        return IndexChange.withSoftDrops(IndexChange.between(new CatalogSnapshot(before), new CatalogSnapshot(after)),
                soft).stream().map(IndexChange::action).toList();
    }

    @Test
    void onlyAChangeIntoTheIgnoredFormOfTheSameIndexIsASoftDrop() {
        List<IndexInfo> before = List.of(index("a", "CREATE INDEX a ON t (x)"), index("b", "CREATE INDEX b ON t (y)"),
                index("c", "CREATE INDEX c ON t (z) IGNORED"), index("d", "CREATE INDEX d ON t (w)"));
        List<IndexInfo> after = List.of(index("a", "CREATE INDEX a ON t (x) IGNORED"),
                index("b", "CREATE INDEX b ON t (y, x) IGNORED"), index("c", "CREATE INDEX c ON t (z)"),
                index("e", "CREATE INDEX e ON t (v)"));
        assertEquals(List.of(LedgerEntry.Action.SOFT_DROPPED, LedgerEntry.Action.CHANGED, LedgerEntry.Action.CHANGED,
                LedgerEntry.Action.DROPPED, LedgerEntry.Action.CREATED), actions(before, after, Optional.of(SOFT)));
        assertEquals(List.of(LedgerEntry.Action.CHANGED, LedgerEntry.Action.CHANGED, LedgerEntry.Action.CHANGED,
                LedgerEntry.Action.DROPPED, LedgerEntry.Action.CREATED), actions(before, after, Optional.empty()));
    }

    @Test
    void aFinishedSoftDropCountsAsTheDropInTheMigrationsEffect() {
        java.time.Instant now = java.time.Instant.EPOCH;
        LedgerEntry soft = new LedgerEntry("2", "V2__d.sql", LedgerEntry.Action.SOFT_DROPPED, "s", Optional.of("t"),
                Optional.of("a"), Optional.of("CREATE INDEX a ON t (x) IGNORED"), Optional.of("CREATE INDEX a ON t (x)"),
                Optional.of("btree"), false, false, true, OptionalLong.empty(), 1, LedgerEntry.Outcome.APPLIED,
                Optional.empty(), now);
        LedgerEntry finished = new LedgerEntry("2", "V2__d.sql", LedgerEntry.Action.DROPPED, "s", Optional.of("t"),
                Optional.of("a"), Optional.empty(), Optional.of("CREATE INDEX a ON t (x)"), Optional.of("btree"), false,
                false, true, OptionalLong.empty(), 1, LedgerEntry.Outcome.APPLIED, Optional.empty(), now);
        assertEquals(List.of(soft), MigrationEffect.indexChanges(List.of(soft)));
        assertEquals(List.of(finished), MigrationEffect.indexChanges(List.of(soft, finished)));
        assertEquals(LedgerEntry.Action.SOFT_DROPPED, LedgerEntry.Action.fromLabel("soft_dropped"));
    }
}
