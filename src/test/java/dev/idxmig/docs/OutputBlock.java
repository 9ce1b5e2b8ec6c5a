package dev.idxmig.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step of a page's example scenario, written as an HTML comment in the Markdown (invisible on GitHub):
 * <ul>
 *   <li>{@code <!-- output: sqlite: idxmig status -->} followed by a fenced block: run the command, the block
 *       shows what it printed (stderr, then stdout; {@code sqlite stdout:} shows stdout only);</li>
 *   <li>{@code <!-- run: postgres: idxmig migrate -->}: run it, show nothing (a step the example needs);</li>
 *   <li>{@code <!-- file: sqlite: migrations/sqlite/V5__x.sql -->} followed by a fenced block: write the block's
 *       text to that file of the scratch project before the next steps.</li>
 * </ul>
 * The database is {@code sqlite} or {@code postgres}; a page's steps of one database run in page order on one
 * scratch copy of the example project.
 *
 * @param line      index (0-based) of the comment line in the page
 * @param kind      output, run or file
 * @param database  sqlite or postgres
 * @param stdoutOnly an output block that shows stdout only
 * @param argument  the command line after {@code idxmig} (output, run) or the file path (file)
 * @param blockStart index of the opening fence (output, file), else -1
 * @param blockEnd   index of the closing fence (output, file), else -1
 */
record OutputBlock(int line, Kind kind, Database database, boolean stdoutOnly, String argument, int blockStart,
                   int blockEnd) {
    enum Kind { OUTPUT, RUN, FILE }

    enum Database { SQLITE, POSTGRES }

    static final String ILLUSTRATIVE = "<!-- illustrative -->";
    private static final Pattern MARKER = Pattern.compile(
            "^\\s*<!-- (output|run|file): (sqlite|postgres)( stdout)?: (.+?) -->\\s*$");

    /** The steps of one page, in page order; a marker that is malformed or lacks its block is an error. */
    static List<OutputBlock> in(List<String> lines) {
        List<OutputBlock> steps = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.stripLeading().startsWith("<!-- output:") && !line.stripLeading().startsWith("<!-- run:")
                    && !line.stripLeading().startsWith("<!-- file:")) {
                continue;
            }
            Matcher m = MARKER.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": not a step marker: " + line);
            }
            Kind kind = Kind.valueOf(m.group(1).toUpperCase(Locale.ROOT));
            Database database = Database.valueOf(m.group(2).toUpperCase(Locale.ROOT));
            String argument = m.group(4);
            if (kind != Kind.FILE && !argument.startsWith("idxmig ")) {
                throw new IllegalArgumentException("line " + (i + 1) + ": the command must start with 'idxmig '");
            }
            int start = -1;
            int end = -1;
            if (kind != Kind.RUN) {
                start = i + 1;
                if (start >= lines.size() || !MarkdownPage.isFence(lines.get(start))) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": a fenced block must follow " + line);
                }
                end = start + 1;
                while (end < lines.size() && !MarkdownPage.isFence(lines.get(end))) {
                    end++;
                }
                if (end >= lines.size()) {
                    throw new IllegalArgumentException("line " + (start + 1) + ": the block is never closed");
                }
            }
            steps.add(new OutputBlock(i, kind, database, m.group(3) != null, argument, start, end));
        }
        return steps;
    }

    /** The arguments after {@code idxmig}, split as a shell splits them (single and double quotes). */
    List<String> args() {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        String text = argument.substring("idxmig ".length());
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
