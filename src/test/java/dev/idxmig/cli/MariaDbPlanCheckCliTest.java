package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.MariaDbDatabase;
import dev.idxmig.testing.MariaDbExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * plan-check's two verdicts on a real MariaDB: "chosen" is the plan MariaDB picks, "usable" the plan with
 * FORCE INDEX on each table the SELECT reads (a table scan made very expensive, every index still a choice).
 */
@Tag("mariadb")
@ExtendWith(MariaDbExtension.class)
class MariaDbPlanCheckCliTest {

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), "expected '" + part + "' in:\n" + text);
    }

    @Test
    void anIndexTooSmallToBeChosenIsUsableAndOnlyTheUsableModePasses(MariaDbDatabase db, @TempDir Path dir)
            throws IOException {
        // a third of the rows match: on 60 rows MariaDB reads the table rather than the index
        db.execute("CREATE TABLE tasks (id INT PRIMARY KEY, state INT NOT NULL, title VARCHAR(40) NOT NULL)",
                "INSERT INTO tasks SELECT seq, seq % 3, concat('task ', seq) FROM seq_1_to_60",
                "CREATE INDEX tasks_state ON tasks (state)",
                "CREATE INDEX tasks_title ON tasks (title)",
                "CREATE INDEX tasks_ignored ON tasks (state, title) IGNORED",
                "ANALYZE TABLE tasks");
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/checks.yaml"), String.join("\n",
                "checks:",
                "  - name: open tasks",
                "    sql: SELECT id, title FROM tasks t WHERE t.state = 1",
                "    expect:",
                "      uses_index: tasks_state",
                "      no_full_scan: [tasks]",
                "  - name: closing tasks",
                "    sql: DELETE FROM tasks WHERE state = 2",
                "    allow_writes: true",
                "    expect:",
                "      uses_index: tasks_state",
                ""));

        CliResult chosen = db.idxmig(dir).run("plan-check", "--check", "open tasks");
        assertEquals(1, chosen.exitCode(), chosen.toString());
        assertContains(chosen.stdout(), "verdicts: chosen no, usable yes");
        assertContains(chosen.stdout(), "the index is usable (the planner takes it with FORCE INDEX on each table) "
                + "but not chosen");
        assertContains(chosen.stdout(), "plan with FORCE INDEX on each table (usable):");
        // MariaDB's plan names the table by its alias (t): the check's table is found under it
        assertContains(chosen.stdout(), "ref on tasks t using tasks_state");
        assertContains(chosen.stdout(), "ALL on tasks t");
        assertContains(chosen.stdout(), "tasks: tasks is scanned in full (chosen plan)");

        CliResult usable = db.idxmig(dir).run("plan-check", "--check", "open tasks", "--mode", "usable");
        assertEquals(0, usable.exitCode(), usable.toString());

        // MariaDB takes no index hint in a DELETE: that check is judged on the chosen plan, and says why
        CliResult delete = db.idxmig(dir).run("plan-check", "--check", "closing tasks", "--mode", "usable");
        assertContains(delete.stdout(), "usable n/a (mariadb cannot discourage full scans for this statement)");
        assertEquals(60, db.queryLong("SELECT count(*) FROM tasks"), "plan-check wrote to the table");
    }
}
