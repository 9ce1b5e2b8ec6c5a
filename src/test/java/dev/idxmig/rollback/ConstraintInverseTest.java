package dev.idxmig.rollback;

import dev.idxmig.db.Dialects;
import dev.idxmig.ledger.LedgerEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ledger inverse of indexes behind constraints and of partitioned tables' indexes, on PostgreSQL. */
@Tag("unit")
class ConstraintInverseTest {
    private static LedgerEntry entry(LedgerEntry.Action action, String name, Optional<String> definition,
                                     Optional<String> previous, Optional<String> constraint,
                                     Optional<String> previousConstraint) {
        return new LedgerEntry("2", "V2__x.sql", action, "public", Optional.of("items"), Optional.of(name), definition,
                previous, Optional.of("btree"), true, false, true, OptionalLong.empty(), 0,
                LedgerEntry.Outcome.APPLIED, Optional.empty(), Instant.EPOCH, constraint, previousConstraint);
    }

    @Test
    void constraintsAreDroppedAndRebuiltOnlineWherePostgresAllowsIt() {
        var pg = Dialects.forUrl("jdbc:postgresql://127.0.0.1:5432/x");
        List<String> sql = RollbackService.inverse(List.of(
                entry(LedgerEntry.Action.CREATED, "items_code_key",
                        Optional.of("CREATE UNIQUE INDEX items_code_key ON public.items USING btree (code)"),
                        Optional.empty(), Optional.of("UNIQUE (code)"), Optional.empty()),
                entry(LedgerEntry.Action.DROPPED, "items_pkey", Optional.empty(),
                        Optional.of("CREATE UNIQUE INDEX items_pkey ON public.items USING btree (id)"), Optional.empty(),
                        Optional.of("PRIMARY KEY (id)")),
                entry(LedgerEntry.Action.DROPPED, "items_excl", Optional.empty(),
                        Optional.of("CREATE INDEX items_excl ON public.items USING gist (during)"), Optional.empty(),
                        Optional.of("EXCLUDE USING gist (during WITH &&)")),
                entry(LedgerEntry.Action.CREATED, "ix_parent",
                        Optional.of("CREATE INDEX ix_parent ON ONLY public.items USING btree (code)"),
                        Optional.empty(), Optional.empty(), Optional.empty())), pg);
        assertEquals(List.of(
                "ALTER TABLE \"public\".\"items\" DROP CONSTRAINT IF EXISTS \"items_code_key\"",
                "DROP INDEX IF EXISTS \"public\".\"ix_parent\" /* the index of a partitioned table: no CONCURRENTLY; "
                        + "takes an ACCESS EXCLUSIVE lock on the table and each partition while it drops */",
                "CREATE UNIQUE INDEX CONCURRENTLY items_pkey ON public.items USING btree (id)",
                "ALTER TABLE \"public\".\"items\" ADD CONSTRAINT \"items_pkey\" PRIMARY KEY USING INDEX \"items_pkey\"",
                "ALTER TABLE \"public\".\"items\" ADD CONSTRAINT \"items_excl\" EXCLUDE USING gist (during WITH &&)"),
                sql);
    }
}
