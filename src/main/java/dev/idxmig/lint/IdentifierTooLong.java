package dev.idxmig.lint;

import dev.idxmig.base.Severity;
import dev.idxmig.script.ParsedStatement;
import dev.idxmig.script.Token;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code identifier-too-long}: PostgreSQL keeps the first 63 bytes of a name and drops the rest with only a
 * NOTICE, so two long index names that begin alike become one name (the second CREATE fails, or IF NOT EXISTS
 * skips it), and the name in the catalog is not the one in the migration.
 */
final class IdentifierTooLong implements LintRule {
    static final int MAX_BYTES = 63;

    @Override
    public String id() {
        return "identifier-too-long";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String reason() {
        return "names longer than PostgreSQL's 63 bytes are cut silently, so two of them can collide";
    }

    @Override
    public List<Violation> check(LintContext context) {
        List<Violation> found = new ArrayList<>();
        if (!context.syntax().concurrently()) {
            return found; // SQLite has no such limit; CONCURRENTLY support stands for "PostgreSQL" here
        }
        for (LintScript script : context.targets()) {
            for (ParsedStatement s : script.statements()) {
                Set<String> seen = new LinkedHashSet<>();
                for (Token t : s.tokens()) {
                    int bytes = t.isName() ? t.name().getBytes(StandardCharsets.UTF_8).length : 0;
                    if (bytes > MAX_BYTES && seen.add(t.name())) {
                        String kept = truncate(t.name());
                        found.add(new Violation(script, s.source().lineAt(t.offset()), s.source().columnAt(t.offset()),
                                Optional.of(s), severity(),
                                "'" + t.name() + "' is " + bytes + " bytes: PostgreSQL keeps only '" + kept
                                        + "' (63 bytes)", "use a name of at most 63 bytes"));
                    }
                }
            }
        }
        return found;
    }

    /** The first 63 bytes, never cutting a character in two (as PostgreSQL does). */
    static String truncate(String name) {
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (int cp : name.codePoints().toArray()) {
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > MAX_BYTES) {
                break;
            }
            kept.appendCodePoint(cp);
            bytes += n;
        }
        return kept.toString();
    }
}
