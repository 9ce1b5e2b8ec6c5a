package dev.idxmig.lint;

import dev.idxmig.script.Placeholders;

import dev.idxmig.script.StatementReader;
import dev.idxmig.script.SqlTokens;
import dev.idxmig.script.ParsedStatement;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.script.MigrationScript;
import dev.idxmig.script.SqlStatement;
import dev.idxmig.script.StatementSplitter;
import dev.idxmig.script.Version;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a migration file into a {@link LintScript}: statements, ignore comments, Flyway sidecar and header. */
final class ScriptReader {
    private static final Pattern IGNORE = Pattern.compile("idxmig:(?:ignore|disable)\\b([^\\n]*)");
    private static final Pattern HEADER = Pattern.compile("^\\s*--\\s*flyway:\\w+", Pattern.CASE_INSENSITIVE);

    private ScriptReader() {
    }

    /** Reads a script as Flyway will run it: with the project's placeholders ({@code ${name}}) filled in. */
    static LintScript read(Path path, Path workDir, Set<Version> undoVersions, Placeholders placeholders) {
        String text;
        try {
            text = placeholders.apply(Files.readString(path, StandardCharsets.UTF_8), path);
        } catch (IOException e) {
            throw IdxmigException.usage("cannot read migration " + path + ": " + e.getMessage(),
                    "check the file exists and is readable");
        }
        Optional<Version> version = MigrationScript.fromPath(path).map(MigrationScript::version);
        return parse(path, display(path, workDir), text, version,
                version.map(undoVersions::contains).orElse(false), sidecarNoTransaction(path));
    }

    static LintScript parse(Path path, String file, String text, Optional<Version> version, boolean hasUndo,
                            boolean sidecarNoTransaction) {
        List<SqlStatement> split = StatementSplitter.split(text);
        int[] lineStarts = lineStarts(text);
        List<ParsedStatement> statements = new ArrayList<>();
        int previousEnd = 0;
        for (SqlStatement s : split) {
            int start = offset(lineStarts, s.line(), s.column());
            int end = Math.min(text.length(), start + s.sql().length());
            // Comments from the line after the previous statement up to the end of this statement's line.
            int from = previousEnd == 0 ? 0 : lineEnd(text, previousEnd);
            String region = text.substring(Math.min(from, start), lineEnd(text, end));
            statements.add(StatementReader.read(s).withIgnored(ignored(region)));
            previousEnd = end;
        }
        return new LintScript(path, file, version, statements, sidecarNoTransaction, headerLines(text), hasUndo);
    }

    static String display(Path path, Path workDir) {
        Path abs = path.toAbsolutePath().normalize();
        Path shown = abs.startsWith(workDir) ? workDir.relativize(abs) : abs;
        return shown.toString().replace('\\', '/');
    }

    private static Set<String> ignored(String region) {
        Set<String> rules = new HashSet<>();
        for (String comment : SqlTokens.comments(region)) {
            Matcher m = IGNORE.matcher(comment);
            while (m.find()) {
                String ids = m.group(1).replaceAll("--.*$", "").strip();
                if (ids.isEmpty()) {
                    rules.add("*");
                } else {
                    // Anything after the ids that is not an id ("-- idxmig:ignore x because ...") ends the list.
                    for (String id : ids.split("[\\s,]+")) {
                        if (!id.matches("[a-z0-9-]+")) {
                            break;
                        }
                        rules.add(id);
                    }
                }
            }
        }
        return rules;
    }

    /** Lines of the leading comment block that set Flyway script options. */
    private static List<Integer> headerLines(String text) {
        List<Integer> lines = new ArrayList<>();
        String[] all = text.split("\n", -1);
        for (int k = 0; k < all.length; k++) {
            String line = all[k].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("--")) {
                break;
            }
            if (HEADER.matcher(line).find()) {
                lines.add(k + 1);
            }
        }
        return lines;
    }

    private static boolean sidecarNoTransaction(Path script) {
        Path conf = script.resolveSibling(script.getFileName() + ".conf");
        if (!Files.isRegularFile(conf)) {
            return false;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(conf, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw IdxmigException.usage("cannot read " + conf + ": " + e.getMessage(), "check the file's permissions");
        }
        return "false".equalsIgnoreCase(p.getProperty("executeInTransaction", "").strip());
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int k = 0; k < text.length(); k++) {
            if (text.charAt(k) == '\n') {
                starts.add(k + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int offset(int[] lineStarts, int line, int column) {
        int base = lineStarts[Math.min(line, lineStarts.length) - 1];
        return base + column - 1;
    }

    private static int lineEnd(String text, int from) {
        int nl = text.indexOf('\n', Math.min(from, text.length()));
        return nl < 0 ? text.length() : nl;
    }
}
