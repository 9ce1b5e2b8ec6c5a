package dev.idxmig.db.mariadb;

import dev.idxmig.script.SqlStatement;
import dev.idxmig.script.StatementReader;
import dev.idxmig.script.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * MariaDB's index statements made online, as a pure function of their text (read with the project's SQL reader):
 * {@code CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX}, {@code DROP INDEX ... ON}, and {@code ALTER TABLE} with an
 * {@code ADD/DROP INDEX|KEY}, {@code ADD UNIQUE|FULLTEXT|SPATIAL}, {@code ADD/DROP PRIMARY KEY} or
 * {@code RENAME INDEX|KEY} clause. Without a word from the script, MariaDB picks the algorithm itself and may copy
 * the whole table while blocking its writes; so {@code ALGORITHM=INPLACE} and {@code LOCK=NONE} are added where the
 * script did not say them, and the server refuses (in its own words) what it cannot do that way. A script that
 * forces a copy or a blocking lock ({@code ALGORITHM=COPY}, {@code LOCK=SHARED|EXCLUSIVE}, or leaves it to the
 * server with {@code DEFAULT}) is refused before it runs.
 */
final class OnlineDdl {
    /** The statement forms that change indexes. */
    enum Form { CREATE_INDEX, DROP_INDEX, ALTER_TABLE }

    /** An index an index statement adds or drops, by its name in MariaDB ({@code PRIMARY} for a primary key). */
    record Change(boolean adds, String index) {
    }

    /**
     * An index statement as read.
     *
     * @param table     the table as written, without quotes (and without its database, if qualified)
     * @param changes   the indexes it adds and drops, where it names them; an unnamed added index is left out
     * @param algorithm the ALGORITHM the script wrote, upper case
     * @param lock      the LOCK the script wrote, upper case
     * @param end       where the statement's last token ends: where added options go
     */
    record Reading(Form form, String table, List<Change> changes, Optional<String> algorithm, Optional<String> lock,
                   int end, Optional<String> asAlterTable) {
    }

    /** What to do with a statement. */
    sealed interface Outcome permits NotIndex, AsWritten, Rewritten, Refused {
    }

    /** Not an index statement: it runs as written. */
    record NotIndex() implements Outcome {
    }

    /** An index statement that already says how it runs online. */
    record AsWritten(Reading reading) implements Outcome {
    }

    /** An index statement with what it did not say added: {@code added} is the text appended. */
    record Rewritten(Reading reading, String sql, String added) implements Outcome {
    }

    /** An index statement that forces a table copy or a blocking lock. */
    record Refused(Reading reading, String reason) implements Outcome {
    }

    private OnlineDdl() {
    }

    /** The statement to run for an index definition idxmig rebuilds (rollback, restore): online, or as it is. */
    static String online(String sql) {
        Outcome outcome = rewrite(sql);
        return outcome instanceof Rewritten r ? r.sql() : sql;
    }

    static Outcome rewrite(String sql) {
        Optional<Reading> read = read(sql);
        if (read.isEmpty()) {
            return new NotIndex();
        }
        Reading r = read.get();
        Optional<String> refusal = refusal(r);
        if (refusal.isPresent()) {
            return new Refused(r, refusal.get());
        }
        List<String> missing = new ArrayList<>();
        if (r.algorithm().isEmpty()) {
            missing.add("ALGORITHM=INPLACE");
        }
        if (r.lock().isEmpty() && !r.algorithm().filter("INSTANT"::equals).isPresent()) {
            missing.add("LOCK=NONE"); // INSTANT takes no lock to speak of; MySQL even refuses a LOCK beside it
        }
        if (missing.isEmpty()) {
            return new AsWritten(r);
        }
        if (r.form() == Form.DROP_INDEX) {
            // MariaDB's DROP INDEX takes no ALGORITHM or LOCK (MySQL's does): the same drop as an ALTER TABLE
            String added = ", " + String.join(", ", missing);
            return new Rewritten(r, r.asAlterTable().orElseThrow() + added + sql.substring(r.end()),
                    "as ALTER TABLE ... DROP INDEX" + added);
        }
        String separator = r.form() == Form.ALTER_TABLE ? ", " : " ";
        String added = separator + String.join(separator, missing);
        return new Rewritten(r, sql.substring(0, r.end()) + added + sql.substring(r.end()), added.strip());
    }

    private static Optional<String> refusal(Reading r) {
        String algorithm = r.algorithm().orElse("");
        String lock = r.lock().orElse("");
        if (algorithm.equals("COPY")) {
            return Optional.of("ALGORITHM=COPY copies the whole table and blocks its writes meanwhile");
        }
        if (lock.equals("SHARED") || lock.equals("EXCLUSIVE")) {
            return Optional.of("LOCK=" + lock + " blocks the table's writes" + (lock.equals("EXCLUSIVE")
                    ? " and reads" : "") + " while the statement runs");
        }
        if (algorithm.equals("DEFAULT") || lock.equals("DEFAULT")) {
            return Optional.of("DEFAULT lets the server fall back to a table copy or a blocking lock");
        }
        return Optional.empty();
    }

    /**
     * Why an index statement blocks the table's writes even online: a FULLTEXT or SPATIAL index is built under a
     * shared lock (InnoDB refuses LOCK=NONE for them), a primary key change rebuilds the whole table.
     */
    static Optional<String> blocking(String sql, java.util.Set<String> newTables) {
        Optional<Reading> read = read(sql);
        if (read.isEmpty() || newTables.stream().anyMatch(read.get().table()::equalsIgnoreCase)) {
            return Optional.empty();
        }
        List<Token> t = StatementReader.read(new SqlStatement(sql, 1, 1)).tokens();
        int depth = 0;
        for (Token k : t) {
            if (k.isSymbol('(')) {
                depth++;
            } else if (k.isSymbol(')')) {
                depth--;
            } else if (depth == 0 && (k.is("FULLTEXT") || k.is("SPATIAL"))) {
                return Optional.of("a " + k.text().toUpperCase(Locale.ROOT) + " index is built under a shared lock: "
                        + "writes to " + read.get().table() + " wait until it is done (LOCK=NONE is refused for it)");
            }
        }
        if (read.get().changes().stream().anyMatch(c -> c.index().equals(IndexDefinitions.PRIMARY))) {
            return Optional.of("changing the primary key of " + read.get().table() + " rebuilds the whole table "
                    + "(online, but it reads and rewrites every row)");
        }
        return Optional.empty();
    }

    /**
     * Whether the statement changes indexes and nothing else: an index statement, or an {@code ALTER TABLE} whose
     * every clause adds, drops or renames an index or key (a UNIQUE or PRIMARY KEY constraint is one on MariaDB) or
     * says {@code ALGORITHM}/{@code LOCK}.
     */
    static boolean onlyIndexChanges(String sql) {
        Optional<Reading> read = read(sql);
        if (read.isEmpty() || read.get().form() != Form.ALTER_TABLE) {
            return read.isPresent();
        }
        List<Token> t = StatementReader.read(new SqlStatement(sql, 1, 1)).tokens();
        int i = 1;
        while (at(t, i, "ONLINE") || at(t, i, "IGNORE")) {
            i++;
        }
        int from = name(t, skip(t, i + 1, "IF", "EXISTS")).map(Name::next).orElse(t.size());
        for (int start : clauseStarts(t, from)) {
            boolean option = at(t, start, "ALGORITHM") || at(t, start, "LOCK");
            if (!option && indexClause(t, start).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The index statement, if the SQL is one. */
    static Optional<Reading> read(String sql) {
        List<Token> t = StatementReader.read(new SqlStatement(sql, 1, 1)).tokens();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.get(0).is("CREATE")) {
            return createIndex(sql, t);
        }
        if (t.get(0).is("DROP")) {
            return dropIndex(sql, t);
        }
        if (t.get(0).is("ALTER")) {
            return alterTable(sql, t);
        }
        return Optional.empty();
    }

    private static Optional<Reading> createIndex(String sql, List<Token> t) {
        int i = 1;
        i = skip(t, i, "OR", "REPLACE");
        if (at(t, i, "UNIQUE") || at(t, i, "FULLTEXT") || at(t, i, "SPATIAL")) {
            i++;
        }
        if (!at(t, i, "INDEX")) {
            return Optional.empty();
        }
        i = skip(t, i + 1, "IF", "NOT", "EXISTS");
        if (i >= t.size() || !t.get(i).isName()) {
            return Optional.empty();
        }
        String index = t.get(i).text();
        i++;
        if (at(t, i, "USING")) {
            i += 2;
        }
        if (!at(t, i, "ON")) {
            return Optional.empty();
        }
        Optional<Name> table = name(t, i + 1);
        return table.map(n -> reading(sql, t, Form.CREATE_INDEX, n, List.of(new Change(true, index)), n.next()));
    }

    private static Optional<Reading> dropIndex(String sql, List<Token> t) {
        if (!at(t, 1, "INDEX")) {
            return Optional.empty();
        }
        int i = skip(t, 2, "IF", "EXISTS");
        if (i >= t.size() || !t.get(i).isName() || !at(t, i + 1, "ON")) {
            return Optional.empty();
        }
        String index = t.get(i).text();
        boolean ifExists = i > 2;
        int nameEnd = t.get(i).endIn(sql);
        String indexAsWritten = sql.substring(t.get(i).offset(), nameEnd);
        return name(t, i + 2).map(n -> {
            Reading r = reading(sql, t, Form.DROP_INDEX, n, List.of(new Change(false, index)), n.next());
            int tableFrom = t.get(i + 2).offset();
            int tableEnd = n.next() < t.size() ? t.get(n.next()).offset() : r.end();
            // ALTER TABLE t [WAIT n | NOWAIT] DROP INDEX [IF EXISTS] i: what followed the table stays after it
            String alter = "ALTER TABLE " + sql.substring(tableFrom, r.end()).strip() + " DROP INDEX "
                    + (ifExists ? "IF EXISTS " : "") + indexAsWritten;
            if (tableEnd < r.end()) {
                alter = "ALTER TABLE " + sql.substring(tableFrom, tableEnd).strip() + " "
                        + sql.substring(tableEnd, r.end()).strip() + " DROP INDEX " + (ifExists ? "IF EXISTS " : "")
                        + indexAsWritten;
            }
            return new Reading(r.form(), r.table(), r.changes(), r.algorithm(), r.lock(), r.end(),
                    Optional.of(alter));
        });
    }

    private static Optional<Reading> alterTable(String sql, List<Token> t) {
        int i = 1;
        while (at(t, i, "ONLINE") || at(t, i, "IGNORE")) {
            i++;
        }
        if (!at(t, i, "TABLE")) {
            return Optional.empty();
        }
        i = skip(t, i + 1, "IF", "EXISTS");
        Optional<Name> table = name(t, i);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        List<Change> changes = new ArrayList<>();
        boolean touchesIndexes = false;
        for (int start : clauseStarts(t, table.get().next())) {
            Optional<Optional<Change>> clause = indexClause(t, start);
            if (clause.isPresent()) {
                touchesIndexes = true;
                clause.get().ifPresent(changes::add);
            }
        }
        return touchesIndexes ? Optional.of(reading(sql, t, Form.ALTER_TABLE, table.get(), changes, table.get().next()))
                : Optional.empty();
    }

    /**
     * An ALTER TABLE clause that adds, drops or renames an index, with the index it names (empty inside when it
     * names none: {@code ADD INDEX (a)}); empty when the clause is about something else.
     */
    private static Optional<Optional<Change>> indexClause(List<Token> t, int i) {
        if (at(t, i, "RENAME") && (at(t, i + 1, "INDEX") || at(t, i + 1, "KEY"))) {
            return Optional.of(Optional.empty());
        }
        boolean adds = at(t, i, "ADD");
        if (!adds && !at(t, i, "DROP")) {
            return Optional.empty();
        }
        i++;
        if (adds && at(t, i, "CONSTRAINT")) {
            i++;
            if (i < t.size() && t.get(i).isName() && !at(t, i, "UNIQUE") && !at(t, i, "PRIMARY")) {
                i++; // the constraint's name: the index takes it when it names none itself
            }
        }
        if (at(t, i, "PRIMARY") && at(t, i + 1, "KEY")) {
            return Optional.of(Optional.of(new Change(adds, IndexDefinitions.PRIMARY)));
        }
        boolean kind = at(t, i, "UNIQUE") || at(t, i, "FULLTEXT") || at(t, i, "SPATIAL");
        if (kind) {
            i++;
        }
        boolean keyword = at(t, i, "INDEX") || at(t, i, "KEY");
        if (keyword) {
            i++;
        }
        if (!keyword && !(adds && kind)) {
            return Optional.empty();
        }
        i = skip(t, i, "IF", "NOT", "EXISTS");
        i = skip(t, i, "IF", "EXISTS");
        boolean named = i < t.size() && t.get(i).isName() && !at(t, i, "USING");
        return Optional.of(named ? Optional.of(new Change(adds, t.get(i).text())) : Optional.empty());
    }

    /**
     * The indexes an index statement drops, when dropping them is all it does ({@code DROP INDEX i ON t}, or an
     * {@code ALTER TABLE} whose every clause is a {@code DROP INDEX|KEY} with a name, beside ALGORITHM and LOCK);
     * empty when it does anything else too, so a soft drop would not be the same statement.
     */
    static Optional<List<String>> onlyDrops(String sql) {
        Optional<Reading> read = read(sql);
        if (read.isEmpty() || read.get().form() == Form.CREATE_INDEX) {
            return Optional.empty();
        }
        Reading r = read.get();
        if (r.form() == Form.DROP_INDEX) {
            return Optional.of(List.of(r.changes().get(0).index()));
        }
        List<Token> t = StatementReader.read(new SqlStatement(sql, 1, 1)).tokens();
        int i = 1;
        while (at(t, i, "ONLINE") || at(t, i, "IGNORE")) {
            i++;
        }
        Optional<Name> table = name(t, skip(t, i + 1, "IF", "EXISTS"));
        List<String> drops = new ArrayList<>();
        for (int start : clauseStarts(t, table.orElseThrow().next())) {
            if (at(t, start, "ALGORITHM") || at(t, start, "LOCK")) {
                continue;
            }
            Optional<Optional<Change>> clause = indexClause(t, start);
            if (clause.isEmpty() || clause.get().isEmpty() || clause.get().get().adds()) {
                return Optional.empty();
            }
            drops.add(clause.get().get().index());
        }
        return drops.isEmpty() ? Optional.empty() : Optional.of(drops);
    }

    /** Where each top-level clause after the table starts (clauses are separated by commas outside parentheses). */
    private static List<Integer> clauseStarts(List<Token> t, int from) {
        List<Integer> starts = new ArrayList<>();
        if (from < t.size()) {
            starts.add(from);
        }
        int depth = 0;
        for (int i = from; i < t.size(); i++) {
            Token k = t.get(i);
            if (k.isSymbol('(')) {
                depth++;
            } else if (k.isSymbol(')')) {
                depth--;
            } else if (depth == 0 && k.isSymbol(',') && i + 1 < t.size()) {
                starts.add(i + 1);
            }
        }
        return starts;
    }

    private static Reading reading(String sql, List<Token> t, Form form, Name table, List<Change> changes, int optionsFrom) {
        Optional<String> algorithm = Optional.empty();
        Optional<String> lock = Optional.empty();
        int depth = 0;
        for (int i = optionsFrom; i < t.size(); i++) {
            Token k = t.get(i);
            if (k.isSymbol('(')) {
                depth++;
            } else if (k.isSymbol(')')) {
                depth--;
            } else if (depth == 0 && (k.is("ALGORITHM") || k.is("LOCK"))) {
                int v = i + 1 < t.size() && t.get(i + 1).isSymbol('=') ? i + 2 : i + 1;
                if (v < t.size() && t.get(v).isName()) {
                    String value = t.get(v).text().toUpperCase(Locale.ROOT);
                    if (k.is("ALGORITHM")) {
                        algorithm = Optional.of(value);
                    } else {
                        lock = Optional.of(value);
                    }
                }
            }
        }
        int end = t.get(t.size() - 1).endIn(sql);
        return new Reading(form, table.name(), changes, algorithm, lock, end, Optional.empty());
    }

    /** A table name as written ({@code t}, {@code `t`}, {@code db.t}), and the index of the token after it. */
    private record Name(String name, int next) {
    }

    private static Optional<Name> name(List<Token> t, int i) {
        if (i >= t.size() || !t.get(i).isName()) {
            return Optional.empty();
        }
        if (i + 2 < t.size() && t.get(i + 1).isSymbol('.') && t.get(i + 2).isName()) {
            return Optional.of(new Name(t.get(i + 2).text(), i + 3));
        }
        return Optional.of(new Name(t.get(i).text(), i + 1));
    }

    private static boolean at(List<Token> t, int i, String word) {
        return i < t.size() && t.get(i).is(word);
    }

    /** Past the words, if all of them are at {@code i}. */
    private static int skip(List<Token> t, int i, String... words) {
        for (int k = 0; k < words.length; k++) {
            if (!at(t, i + k, words[k])) {
                return i;
            }
        }
        return i + words.length;
    }
}
