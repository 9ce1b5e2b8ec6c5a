package dev.idxmig.migrate;

import dev.idxmig.base.Problem;

import dev.idxmig.ledger.MigrationRun;
import dev.idxmig.ledger.LedgerEntry;
import dev.idxmig.base.Failure;
import dev.idxmig.config.SecretMasker;
import dev.idxmig.db.SqlFailures;
import dev.idxmig.safebuild.FailedScript;
import dev.idxmig.script.MigrationScript;
import dev.idxmig.script.SqlStatement;
import dev.idxmig.script.StatementSplitter;
import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.FlywayException;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * Turns Flyway's exceptions into messages an operator can act on: which file, which line, the database's own
 * words, and what to do next. Flyway's multi-line texts are reduced to what matters.
 */
final class MigrationFailures {
    private MigrationFailures() {
    }

    static Problem describe(FlywayException e, List<MigrationScript> scripts, SecretMasker masker,
                                          Optional<MigrationRun> leftover) {
        return describe(e, scripts, masker, leftover, false);
    }

    /**
     * @param nonTransactional the failed script ran outside a transaction: nothing of it was rolled back, and the
     *                         next run resumes it from idxmig's intent log
     */
    static Problem describe(FlywayException e, List<MigrationScript> scripts, SecretMasker masker,
                            Optional<MigrationRun> leftover, boolean nonTransactional) {
        Optional<FailedScript> failed = FailedScript.of(e);
        if (failed.isPresent()) {
            return sqlFailure(e, failed.get(), scripts, masker, leftover, nonTransactional);
        }
        String text = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        if (e.getErrorCode() == CoreErrorCode.NON_EMPTY_SCHEMA_WITHOUT_SCHEMA_HISTORY_TABLE) {
            // Flyway's words name its API ("baseline()", "baselineOnMigrate"): say it as idxmig's commands do
            return new Problem(Failure.USAGE, "schema " + FlywayText.nonEmptySchema(text).orElse("")
                    + " holds objects (views, functions, types or sequences) but no migration history: idxmig has "
                    + "not adopted it; nothing was migrated", Optional.of("adopt it first with 'idxmig baseline', or "
                    + "in one step with 'idxmig migrate --baseline-on-migrate'"));
        }
        // Flyway raises these as VALIDATE_ERROR, one code for every kind (FlywayFailuresContractTest on SQLite; a
        // migration recorded as failed in FlywayFailuresPostgresContractTest), so the text tells them apart
        if (e.getErrorCode() == CoreErrorCode.VALIDATE_ERROR) {
            Optional<Problem> invalid = invalidMigration(text, scripts);
            if (invalid.isPresent()) {
                return invalid.get();
            }
        }
        return new Problem(Failure.OPERATION, masker.mask(firstLines(FlywayText.plain(text), 3)), Optional.empty());
    }

    /** Which validation failed, from the text (Flyway's exception carries only VALIDATE_ERROR for all of them). */
    private static Optional<Problem> invalidMigration(String text, List<MigrationScript> scripts) {
        Optional<String> edited = FlywayText.checksumMismatch(text);
        if (edited.isPresent()) {
            return Optional.of(new Problem(Failure.OPERATION, "applied migration " + scriptName(edited.get(), scripts)
                    + " was edited after it ran (checksum mismatch); nothing was migrated",
                    Optional.of("restore the script as it was applied and put the change in a new version; "
                            + "if the edit was deliberate and harmless, run 'idxmig repair' to accept it")));
        }
        Optional<String> failed = FlywayText.failedVersion(text);
        if (failed.isPresent()) {
            return Optional.of(new Problem(Failure.OPERATION, "migration " + scriptName(failed.get(), scripts)
                    + " failed earlier and is recorded as failed; nothing was migrated",
                    Optional.of("remove what it left behind ('idxmig status' shows it), fix the script, "
                            + "then run 'idxmig repair' and 'idxmig migrate' again")));
        }
        return FlywayText.appliedNotResolved(text).map(version -> new Problem(Failure.OPERATION,
                "applied migration version " + version + " has no script in the migration folders; nothing was "
                        + "migrated", Optional.of("restore the script, or check --locations")));
    }

    /**
     * One line for the ledger and the report's {@code error} of a failed migration: the file, the line and the
     * database's words; never Flyway's advice for its own command line.
     */
    static String brief(FlywayException e, SecretMasker masker) {
        Optional<FailedScript> failed = FailedScript.of(e);
        if (failed.isPresent()) {
            return masker.mask(failed.get().fileName() + " failed at line " + failed.get().line() + ": "
                    + databaseWords(e));
        }
        String text = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        return masker.mask(firstLines(FlywayText.plain(text), 3));
    }

    private static Problem sqlFailure(FlywayException e, FailedScript failed, List<MigrationScript> scripts,
                                      SecretMasker masker, Optional<MigrationRun> leftover,
                                      boolean nonTransactional) {
        String script = failed.fileName();
        boolean lock = SqlFailures.sqlState(e).map(s -> s.equals(SqlFailures.LOCK_NOT_AVAILABLE)).orElse(false);
        StringBuilder message = new StringBuilder()
                .append(script).append(" failed at line ").append(failed.line()).append(": ")
                .append(masker.mask(databaseWords(e)));
        statementAt(script, failed.line(), scripts).map(s -> firstLines(s.sql(), 1)).ifPresent(statement ->
                message.append("\n  statement: ").append(masker.mask(statement)));
        boolean leftSomething = leftover.map(r -> !r.indexChanges().isEmpty() || r.nonIndexChanges().isPresent())
                .orElse(false);
        if (leftSomething) {
            MigrationRun run = leftover.get();
            message.append("\n  applied before the failure (these changes stand):");
            for (LedgerEntry change : run.indexChanges()) {
                message.append("\n    index ").append(change.indexName().orElse("?")).append(' ')
                        .append(change.action().label()).append(change.valid() ? "" : " (INVALID)");
            }
            run.nonIndexChanges().ifPresent(c -> message.append("\n    ").append(c));
            remainingStatements(script, failed.line(), scripts).ifPresent(rest ->
                    message.append("\n  not applied: ").append(rest));
        } else if (nonTransactional) {
            message.append("\n  it runs outside a transaction; no index change of it stands");
        } else {
            message.append("\n  the migration was rolled back: nothing of it was applied");
        }
        String hint = lock
                ? "another session holds a lock on the table; find it with pg_stat_activity, or retry later"
                : SqlFailures.isReadOnly(e)
                ? "the script is not at fault: the database is read-only for idxmig; check the permissions of the "
                + "SQLite file and its folder (SQLite writes a journal beside it) and any read-only mode in the URL; "
                + "on PostgreSQL, that the server is not a standby"
                : nonTransactional
                ? "fix the cause (or the script) and run 'idxmig migrate' again: it resumes the migration from "
                + "idxmig's intent log, skipping what is done, valid and as asked, and records it whole"
                : leftSomething
                ? "fix the script; drop or keep what was applied (the ledger records it), then 'idxmig repair' and "
                + "'idxmig migrate'"
                : "fix the script and run 'idxmig migrate' again";
        return new Problem(lock ? Failure.LOCK : Failure.OPERATION, message.toString(),
                Optional.of(hint));
    }

    /** The database's own words: the first lines of the SQLException in the chain. */
    private static String databaseWords(Throwable e) {
        return SqlFailures.firstSqlException(e).map(Throwable::getMessage).map(s -> firstLines(s, 2)).orElse("");
    }

    /**
     * The statement Flyway reports failed at {@code line}, as the script has it, placeholders unfilled (Flyway's
     * public API gives the line, not the text). Flyway and StatementSplitter both start a statement at its first
     * line after any comment before it (FlywayFailuresContractTest); the first statement from the line on, so a
     * comment counted the other way still finds it.
     */
    private static Optional<SqlStatement> statementAt(String script, int line, List<MigrationScript> scripts) {
        return statements(script, scripts).stream().filter(s -> s.line() >= line).findFirst();
    }

    private static Optional<String> remainingStatements(String script, int failedLine, List<MigrationScript> scripts) {
        List<String> lines = statements(script, scripts).stream().filter(s -> s.line() >= failedLine)
                .map(s -> String.valueOf(s.line())).toList();
        return lines.isEmpty() ? Optional.empty() : Optional.of(lines.size() + " statement(s) from line "
                + failedLine + " on (lines " + String.join(", ", lines) + ")");
    }

    /** The statements of the script file named, empty when it is not among the scripts or cannot be read. */
    private static List<SqlStatement> statements(String script, List<MigrationScript> scripts) {
        Optional<MigrationScript> file = scripts.stream().filter(s -> s.fileName().equals(script)).findFirst();
        try {
            return file.isEmpty() ? List.of() : StatementSplitter.split(Files.readString(file.get().path()));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String scriptName(String version, List<MigrationScript> scripts) {
        return scripts.stream().filter(s -> s.version().toString().equals(version) || s.version().equals(
                        dev.idxmig.script.Version.isVersion(version) ? dev.idxmig.script.Version.parse(version) : null))
                .map(MigrationScript::fileName).findFirst().orElse("version " + version);
    }

    private static String firstLines(String text, int n) {
        String[] lines = text.strip().split("\\R");
        return String.join(" ", java.util.Arrays.copyOf(lines, Math.min(n, lines.length))).strip();
    }
}
