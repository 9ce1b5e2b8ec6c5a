package dev.idxmig.lint;

import dev.idxmig.base.Severity;
import dev.idxmig.script.IndexDefinition;
import dev.idxmig.script.ParsedStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code implicit-prefix}: an index on a whole TEXT or BLOB column, which MariaDB keys by a prefix it chooses (a
 * non-unique index) or by a hidden hash (a unique one), so the index the script promises is not the index built: it
 * cannot sort or cover, and a unique one serves no range. The dialect says which types
 * ({@code Dialect.implicitKeyPrefix}); the column's type comes from the live table or the migrations' own
 * {@code CREATE TABLE}/{@code ADD COLUMN}.
 */
final class ImplicitPrefix extends LintRule.PerStatement {
    @Override
    public String id() {
        return "implicit-prefix";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String reason() {
        return "an index on a whole TEXT or BLOB column keys only a prefix (or a hash) of it on MariaDB";
    }

    @Override
    Optional<Violation> check(LintScript script, ParsedStatement s, LintContext context) {
        if (s.index().isEmpty()) {
            return Optional.empty();
        }
        IndexDefinition index = s.index().get();
        List<String> found = new ArrayList<>();
        for (String part : index.columns()) {
            IndexDefinition.plainColumn(part).ifPresent(column -> context.columnType(index.table(), column)
                    .flatMap(type -> LintService.dialectNamed(context.target()).implicitKeyPrefix(type))
                    .ifPresent(why -> found.add(index.table() + "." + column + ": " + why)));
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return found(script, s, String.join("; ", found) + (index.unique() ? "; a UNIQUE index on it is kept as a "
                        + "hidden hash, which serves equality only" : "; the index cannot sort by it or cover it"),
                "say the prefix you mean, e.g. (" + IndexDefinition.plainColumn(index.columns().get(0)).orElse("col")
                        + "(100)), or index a VARCHAR column of the length you need");
    }
}
