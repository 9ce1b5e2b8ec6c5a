package dev.idxmig.script;

import java.util.Locale;
import java.util.Set;

/** What a statement does, as far as lint's rules care. */
public enum StatementKind {
    CREATE_INDEX, DROP_INDEX, REINDEX, OTHER_INDEX,
    CREATE_TABLE, TABLE_CHANGE, DATA_CHANGE,
    MAINTENANCE, SESSION, TRANSACTION, OTHER;

    public boolean touchesIndexes() {
        return this == CREATE_INDEX || this == DROP_INDEX || this == REINDEX;
    }

    /** Statements an index migration may hold without needing an undo script for rollback. */
    public boolean indexOnly() {
        return touchesIndexes() || this == OTHER_INDEX || this == MAINTENANCE || this == SESSION
                || this == TRANSACTION;
    }

    private static final Set<String> READING = Set.of("SELECT", "WITH", "VALUES", "TABLE");

    /**
     * Whether a check's query reads, by its first keyword, before anything runs. Deliberately small: the database's
     * read-only transaction is the real guarantee, this only lets idxmig refuse early with a clear message (a
     * {@code WITH ... DELETE} passes here and is then refused by the database).
     */
    public static boolean reads(String sql) {
        return READING.contains(firstKeyword(sql));
    }

    /** The first word outside comments and opening parentheses, upper case; empty for none. */
    public static String firstKeyword(String sql) {
        for (Token token : SqlTokens.of(sql)) {
            if (token.type() == Token.Type.WORD) {
                return token.text().toUpperCase(Locale.ROOT);
            }
            if (!token.isSymbol('(')) {
                return "";
            }
        }
        return "";
    }
}
