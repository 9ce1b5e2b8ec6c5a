package dev.idxmig.docs;

import dev.idxmig.docs.OutputBlock.Database;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every PostgreSQL example output in README.md and docs/ is what the command prints now, on a scratch copy of
 * the example project and a fresh database (named idxmig_demo on the page), the target given the way a user
 * exports it ({@code IDXMIG_URL}, {@code IDXMIG_USER}). Skipped with one line where no PostgreSQL is found.
 * Regenerate with {@code docs/generate.sh postgres}.
 */
@Tag("postgres")
@ExtendWith(PostgresExtension.class)
class DocOutputsPostgresTest {

    static List<Path> pages() {
        return DocOutputs.pages(Database.POSTGRES);
    }

    @ParameterizedTest
    @MethodSource("pages")
    void thePagesExampleOutputsAreWhatTheCommandsPrintNow(Path page, PgDatabase db, @TempDir Path dir) {
        Idxmig idxmig = Idxmig.in(dir).env("IDXMIG_URL", db.jdbcUrl()).env("IDXMIG_USER", db.user());
        if (!db.password().isEmpty()) {
            idxmig.env("IDXMIG_PASSWORD", db.password());
        }
        List<String> stale = DocOutputs.check(page, Database.POSTGRES, dir, idxmig,
                Map.of(db.name(), "idxmig_demo"));
        assertEquals(List.of(), stale, "stale example output; docs/generate.sh rewrites it (review the diff)");
    }
}
