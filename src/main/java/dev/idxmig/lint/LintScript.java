package dev.idxmig.lint;

import dev.idxmig.script.StatementKind;
import dev.idxmig.script.ParsedStatement;
import dev.idxmig.script.Version;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A migration script read for lint.
 *
 * @param file                 the path as findings print it: relative to the working directory, with {@code /}
 * @param sidecarNoTransaction Flyway's sidecar {@code <script>.conf} says {@code executeInTransaction=false}
 * @param flywayHeaderLines    lines of {@code -- flyway:...} header comments (a Flyway Teams feature)
 * @param hasUndo              an undo script {@code U<version>__*.sql} exists for this version
 */
record LintScript(Path path, String file, Optional<Version> version, List<ParsedStatement> statements,
                  boolean sidecarNoTransaction, List<Integer> flywayHeaderLines, boolean hasUndo) {

    LintScript {
        statements = List.copyOf(statements);
        flywayHeaderLines = List.copyOf(flywayHeaderLines);
    }

    String fileName() {
        return path.getFileName().toString();
    }

    /**
     * Whether Flyway runs this script outside a transaction: the sidecar says so, or (Flyway's own PostgreSQL
     * rule) every statement is one that cannot run in a transaction. A failure then leaves the statements before
     * it applied, which is why re-runnable statements matter in such scripts.
     */
    boolean runsOutsideTransaction() {
        return sidecarNoTransaction
                || (!statements.isEmpty() && statements.stream().allMatch(LintScript::flywayNonTransactional));
    }

    boolean touchesIndexes() {
        return statements.stream().anyMatch(s -> s.kind().touchesIndexes());
    }

    /**
     * Statements Flyway's PostgreSQL parser marks non-transactional (it matches
     * {@code ^(CREATE|DROP)( UNIQUE)? INDEX CONCURRENTLY} and {@code ^VACUUM}; not {@code REINDEX ... CONCURRENTLY}).
     */
    static boolean flywayNonTransactional(ParsedStatement s) {
        return ((s.kind() == StatementKind.CREATE_INDEX || s.kind() == StatementKind.DROP_INDEX) && s.concurrently())
                || (s.kind() == StatementKind.MAINTENANCE && s.tokens().get(0).is("vacuum"));
    }

    /** Where a sidecar config for this script lives, to name it in a fix. */
    String sidecarName() {
        return fileName() + ".conf";
    }
}
