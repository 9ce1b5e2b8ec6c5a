package dev.idxmig.script;

/** One statement of a script, with where it starts (1-based line and column) so findings can point at it. */
public record SqlStatement(String sql, int line, int column) {

    /** The script line of an offset in the statement's text. */
    public int lineAt(int offset) {
        int n = line;
        for (int k = 0; k < offset && k < sql.length(); k++) {
            if (sql.charAt(k) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** The script column (1-based) of an offset in the statement's text. */
    public int columnAt(int offset) {
        int lineStart = sql.lastIndexOf('\n', Math.min(offset, sql.length()) - 1);
        return lineStart < 0 ? column + offset : offset - lineStart;
    }
}
