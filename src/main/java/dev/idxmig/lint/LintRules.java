package dev.idxmig.lint;

import java.util.List;
import java.util.stream.Collectors;

/** Every lint rule, in the order reports list them. Adding a rule means adding its class here. */
final class LintRules {
    private LintRules() {
    }

    static List<LintRule> all() {
        return List.of(
                new Syntax(),
                new RequireConcurrently(),
                new TableCopy(),
                new BlockingIndexBuild(),
                new ConstraintBuildsIndex(),
                new ConcurrentlyInTransaction(),
                new PartitionedTable(),
                new UnsupportedSyntax(),
                new DuplicateIndexName(),
                new UniqueOnDuplicates(),
                new FlywayHeaderComment(),
                new ConcurrentlyIfNotExists(),
                new ReindexConcurrently(),
                new RequireIfExists(),
                new DuplicateIndex(),
                new BooleanColumnIndex(),
                new ImplicitPrefix(),
                new TooManyColumns(),
                new IdentifierTooLong(),
                new NonIndexStatement(),
                new TableSizeRule());
    }

    static List<String> ids() {
        return all().stream().map(LintRule::id).collect(Collectors.toList());
    }
}
