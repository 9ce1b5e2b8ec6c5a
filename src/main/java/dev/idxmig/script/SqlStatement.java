package dev.idxmig.script;

/** One statement of a script, with where it starts (1-based line and column) so findings can point at it. */
public record SqlStatement(String sql, int line, int column) {
}
