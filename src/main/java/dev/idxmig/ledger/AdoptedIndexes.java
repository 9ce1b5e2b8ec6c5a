package dev.idxmig.ledger;

import dev.idxmig.db.CatalogSnapshot;
import dev.idxmig.db.IndexInfo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The ledger rows of an adoption: every index that stood in the schema when idxmig took it over, recorded at the
 * baseline version with its definition, uniqueness, partiality, validity and size, so verify can tell later when
 * one of them went away, became invalid or was changed by hand.
 */
public final class AdoptedIndexes {
    /** The {@code script} column of adopted rows: they come from no script. */
    public static final String SCRIPT = "<< baseline >>";

    private AdoptedIndexes() {
    }

    /**
     * Every index that stands, those behind a primary key, unique or exclusion constraint too (with the constraint's
     * definition, as migrations record theirs): the README promises every index, and a dropped unique constraint is
     * what verify must see most of all. SQLite's indexes of PRIMARY KEY and UNIQUE clauses ({@code
     * sqlite_autoindex_*}) are not in the catalog idxmig reads: they are part of their table's definition and
     * cannot be dropped or built apart from it.
     */
    public static List<LedgerEntry> entries(String baselineVersion, CatalogSnapshot catalog, Instant now) {
        return catalog.withConstraints().stream().map(i -> entry(baselineVersion, i, now)).toList();
    }

    private static LedgerEntry entry(String version, IndexInfo index, Instant now) {
        return new LedgerEntry(version, SCRIPT, LedgerEntry.Action.ADOPTED, index.schema(), Optional.of(index.table()),
                Optional.of(index.name()), Optional.of(index.definition()), Optional.empty(),
                Optional.of(index.method()), index.unique(), index.partial(), index.healthy(), index.sizeBytes(), 0,
                LedgerEntry.Outcome.APPLIED, Optional.empty(), now,
                index.constraint().map(dev.idxmig.db.IndexConstraint::definition), Optional.empty());
    }
}
