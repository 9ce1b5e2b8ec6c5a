package dev.idxmig.safebuild;

import dev.idxmig.base.Diagnostics;
import dev.idxmig.db.IndexBuilds;
import dev.idxmig.script.IndexStatement;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BuildDisplayTest {
    @Test
    void aTableLockWaitIsNamedOnceAndTheLineAddsTheTimeOnce() {
        IndexStatement create = IndexStatement.parse("CREATE INDEX CONCURRENTLY idx_a_v ON a (v)").orElseThrow();
        BuildDisplay display = new BuildDisplay(Diagnostics.silent(), create, "idx_a_v on public.a");
        String phase = display.phase(Optional.empty(),
                Optional.of(new IndexBuilds.Wait("Lock", "relation", Duration.ofMillis(1000))));
        assertEquals("waiting for the table lock", phase);
    }
}
