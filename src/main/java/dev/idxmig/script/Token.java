package dev.idxmig.script;

import java.util.Locale;

/**
 * One token of a statement: a word (keyword or plain identifier), a quoted identifier, a string (also a
 * dollar-quoted body), a number or a single symbol. {@code offset} is where it starts in the statement's text.
 */
public record Token(Type type, String text, int offset) {

    enum Type { WORD, QUOTED, STRING, NUMBER, SYMBOL }

    public boolean is(String word) {
        return type == Type.WORD && text.equalsIgnoreCase(word);
    }

    public boolean isSymbol(char c) {
        return type == Type.SYMBOL && text.charAt(0) == c;
    }

    /**
     * Where this token ends in {@code text}, the statement it was read from: a quoted identifier's token holds the
     * name without its quotes (and with doubled quotes made single), so its end is found in the text.
     */
    public int endIn(String text) {
        char open = text.charAt(offset);
        if (type != Type.QUOTED || (open != '`' && open != '"')) {
            return offset + this.text.length();
        }
        return SqlText.endOfQuoted(text, offset, open);
    }

    /** A plain or quoted identifier (or a keyword: the tokenizer does not tell them apart). */
    public boolean isName() {
        return type == Type.WORD || type == Type.QUOTED;
    }

    /** The identifier a name token stands for: unquoted words fold to lower case, as PostgreSQL and SQLite do. */
    public String name() {
        return type == Type.WORD ? text.toLowerCase(Locale.ROOT) : text;
    }

    /** The token as canonical text, to compare index columns and predicates written in different styles. */
    String canonical() {
        switch (type) {
            case WORD:
                return text.toLowerCase(Locale.ROOT);
            case QUOTED:
                return text.equals(text.toLowerCase(Locale.ROOT)) && text.matches("[a-z_][a-z0-9_$]*")
                        ? text : "\"" + text + "\"";
            default:
                return text;
        }
    }
}
