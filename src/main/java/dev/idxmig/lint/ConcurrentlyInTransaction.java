package dev.idxmig.lint;

import dev.idxmig.script.StatementKind;
import dev.idxmig.script.ParsedStatement;
import dev.idxmig.base.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code concurrently-in-transaction}: {@code CONCURRENTLY} cannot run inside a transaction. Flyway runs a script
 * outside one only when its sidecar says {@code executeInTransaction=false}, or when every statement is one its
 * PostgreSQL parser knows to be non-transactional; with both kinds mixed it refuses the script ("Detected both
 * transactional and non-transactional statements"). It does not know {@code REINDEX ... CONCURRENTLY}, which it
 * wraps in a transaction that PostgreSQL then rejects. In a script that runs outside Flyway's transaction, a
 * {@code BEGIN} / {@code START TRANSACTION} the script opens itself makes a transaction block just the same.
 */
final class ConcurrentlyInTransaction implements LintRule {
    @Override
    public String id() {
        return "concurrently-in-transaction";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String reason() {
        return "CONCURRENTLY in a script Flyway runs in a transaction (or refuses as mixed) without an "
                + "executeInTransaction=false sidecar";
    }

    @Override
    public List<Violation> check(LintContext context) {
        List<Violation> found = new ArrayList<>();
        if (!context.syntax().concurrently()) {
            return found; // where CONCURRENTLY does not exist, unsupported-syntax reports it
        }
        for (LintScript script : context.targets()) {
            if (!script.sidecarNoTransaction()) {
                check(script, found);
            }
            Transactions tx = Transactions.of(script);
            for (ParsedStatement s : script.statements()) {
                if (s.kind().touchesIndexes() && s.concurrently()) {
                    tx.explicitBegin(s).ifPresent(begin -> found.add(Violation.at(script, s, severity(),
                            "PostgreSQL refuses CONCURRENTLY inside a transaction block, and the "
                                    + begin.excerpt() + " at line " + begin.line() + " opens one",
                            "move the statement after the COMMIT (or before the " + begin.excerpt() + ")")));
                }
            }
        }
        return found;
    }

    private void check(LintScript script, List<Violation> found) {
        String fix = "add " + script.sidecarName() + " containing executeInTransaction=false";
        Optional<ParsedStatement> concurrent = script.statements().stream()
                .filter(LintScript::flywayNonTransactional).findFirst();
        Optional<ParsedStatement> transactional = script.statements().stream()
                .filter(s -> !LintScript.flywayNonTransactional(s)).findFirst();
        if (concurrent.isPresent() && transactional.isPresent()) {
            ParsedStatement other = transactional.get();
            found.add(Violation.at(script, concurrent.get(), severity(), "Flyway refuses a script that mixes "
                            + "CONCURRENTLY with transactional statements (line " + other.line() + ": "
                            + other.excerpt() + ")",
                    fix + ", or move the other statements to their own migration"));
        }
        for (ParsedStatement s : script.statements()) {
            if (s.kind() == StatementKind.REINDEX && s.concurrently()) {
                found.add(Violation.at(script, s, severity(), "Flyway runs REINDEX ... CONCURRENTLY in a "
                        + "transaction, where PostgreSQL refuses it", fix));
            }
        }
    }
}
