package dev.idxmig.script;

/**
 * Where a statement stops making sense to the reader, and why: a keyword PostgreSQL does not accept there, an
 * unclosed parenthesis or string, a statement that begins with no SQL keyword ({@code CREAT INDEX}).
 *
 * @param line   1-based line in the script
 * @param column 1-based column in the script
 */
public record SyntaxError(String message, int line, int column) {
}
