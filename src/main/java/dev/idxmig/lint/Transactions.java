package dev.idxmig.lint;

import dev.idxmig.script.ParsedStatement;
import dev.idxmig.script.StatementKind;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which transaction each statement of a script runs in. A script Flyway runs in a transaction is one transaction
 * (an explicit {@code COMMIT} in it ends it and the rest runs in the next). A script that runs outside one
 * ({@code executeInTransaction=false}) runs each statement on its own, except between a {@code BEGIN} /
 * {@code START TRANSACTION} it opens itself and the {@code COMMIT} / {@code END} / {@code ROLLBACK} that closes it.
 * A table is new to a statement only when it was created earlier in the same transaction: nobody else can see it
 * until that transaction commits.
 */
final class Transactions {
    private final Map<ParsedStatement, Integer> ids = new IdentityHashMap<>();
    private final Map<ParsedStatement, ParsedStatement> explicitBegin = new IdentityHashMap<>();
    private final LintScript script;

    private Transactions(LintScript script) {
        this.script = script;
    }

    static Transactions of(LintScript script) {
        Transactions tx = new Transactions(script);
        boolean flyway = !script.runsOutsideTransaction();
        int next = 0;
        int current = next++;
        Optional<ParsedStatement> begin = Optional.empty();
        for (ParsedStatement s : script.statements()) {
            if (!flyway && begin.isEmpty()) {
                current = next++;
            }
            if (opens(s) && !flyway && begin.isEmpty()) {
                begin = Optional.of(s);
            }
            tx.ids.put(s, current);
            begin.ifPresent(b -> tx.explicitBegin.put(s, b));
            if (closes(s)) {
                begin = Optional.empty();
                current = next++;
            }
        }
        return tx;
    }

    /** The BEGIN the script itself opened around this statement, in a script run outside Flyway's transaction. */
    Optional<ParsedStatement> explicitBegin(ParsedStatement s) {
        return Optional.ofNullable(explicitBegin.get(s)).filter(b -> b != s);
    }

    /** Tables created earlier in the statement's transaction. */
    Set<String> newTables(ParsedStatement s) {
        Set<String> tables = new HashSet<>();
        for (ParsedStatement earlier : earlierInSameTransaction(s)) {
            if (earlier.kind() == StatementKind.CREATE_TABLE) {
                earlier.table().ifPresent(tables::add);
            }
        }
        return tables;
    }

    /** Indexes created earlier in the statement's transaction. */
    Set<String> newIndexes(ParsedStatement s) {
        Set<String> indexes = new HashSet<>();
        for (ParsedStatement earlier : earlierInSameTransaction(s)) {
            earlier.index().ifPresent(i -> indexes.add(i.name()));
        }
        return indexes;
    }

    private List<ParsedStatement> earlierInSameTransaction(ParsedStatement s) {
        Integer id = ids.get(s);
        return script.statements().stream().takeWhile(e -> e != s).filter(e -> ids.get(e).equals(id)).toList();
    }

    static boolean opens(ParsedStatement s) {
        return s.kind() == StatementKind.TRANSACTION && (s.tokens().get(0).is("begin")
                || (s.tokens().get(0).is("start") && s.tokens().size() > 1 && s.tokens().get(1).is("transaction")));
    }

    static boolean closes(ParsedStatement s) {
        if (s.kind() != StatementKind.TRANSACTION) {
            return false;
        }
        boolean toSavepoint = s.tokens().stream().anyMatch(t -> t.is("to"));
        return s.tokens().get(0).is("commit") || s.tokens().get(0).is("end") || s.tokens().get(0).is("abort")
                || (s.tokens().get(0).is("rollback") && !toSavepoint);
    }
}
