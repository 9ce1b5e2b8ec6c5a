package dev.idxmig.cli;

import dev.idxmig.base.Failure;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.db.Dialects;
import dev.idxmig.output.GithubAnnotations;
import dev.idxmig.lint.LintReport;
import dev.idxmig.lint.LintRequest;
import dev.idxmig.lint.LintService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Check migrations for risky or wasteful index changes before they run.",
            "Offline by default: --dialect, the {vendor} folder of the given files or the target URL only says "
                    + "which database the scripts are for, and every script counts as pending. With --url, "
                    + "IDXMIG_URL or DATABASE_URL (or --connect) lint also reads the database: Flyway's history "
                    + "for what is pending, live indexes, duplicate keys for unique indexes, table sizes.",
            "Each rule's page: lint --explain RULE (docs/lint/RULE.md)."})
final class LintCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Lint these files instead of the pending migrations.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--all", description = "Lint every migration, applied or not.")
    boolean all;

    @Option(names = "--connect", description = "Read the target database; exit 3 when it cannot be reached "
            + "(default: only when --url, IDXMIG_URL or DATABASE_URL names it, and then lint goes on offline if "
            + "the database is unreachable).")
    boolean connect;

    @Option(names = "--offline", description = "Never connect, even with --url.")
    boolean offline;

    @Option(names = "--disable", paramLabel = "RULE", split = ",", completionCandidates = RuleIds.class,
            description = "Switch rules off for this run, comma-separated (adds to lint.disable in idxmig.yaml). "
                    + "Rules: ${COMPLETION-CANDIDATES}.")
    List<String> disable = new ArrayList<>();

    @Option(names = "--explain", paramLabel = "RULE", completionCandidates = RuleIds.class,
            description = "Print the page of a rule (what it catches, why, a bad and a good example, how to "
                    + "silence it) and exit.")
    String explain;

    @Option(names = "--dialect", paramLabel = "DIALECT", completionCandidates = DialectIds.class,
            description = "Lint for this database when not connected: ${COMPLETION-CANDIDATES} (default: the "
                    + "{vendor} folder of the given files, else the kind of the configured URL).")
    String dialect;

    @Mixin
    FailOnOption failOn;

    @Option(names = "--shadow", description = "Also replay the pending migrations on a schema-only copy of the "
            + "target (as migrate --dry-run --shadow) and report each one's outcome; needs the target.")
    boolean shadow;

    @Option(names = "--shadow-url", paramLabel = "URL", description = "PostgreSQL: the database idxmig creates for "
            + "the shadow and drops after (default: a new database beside the target).")
    String shadowUrl;

    @Option(names = "--shadow-template", paramLabel = "NAME", description = "PostgreSQL: make the shadow from this "
            + "database (CREATE DATABASE ... TEMPLATE NAME, e.g. a nightly schema-only copy of production) instead of "
            + "pg_dump --schema-only of the target; the target's history is copied in.")
    String shadowTemplate;

    /** The rule ids, for the help text and shell completion. */
    static final class RuleIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return LintService.ruleIds().iterator();
        }
    }

    /** The registered dialects' ids. */
    static final class DialectIds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Dialects.all().stream().map(d -> d.id()).iterator();
        }
    }

    @Override
    java.util.Set<dev.idxmig.output.ReportFormat> reportFormats() {
        return java.util.EnumSet.allOf(dev.idxmig.output.ReportFormat.class); // SARIF too: findings have positions
    }

    @Override
    public Integer call() {
        if (explain != null) {
            String page = LintService.explain(explain).orElseThrow(() -> IdxmigException.usage(
                    "unknown lint rule '" + explain + "'", "known rules: " + String.join(", ", LintService.ruleIds())));
            console().out().print(page);
            console().out().flush();
            return ExitCodes.OK;
        }
        if ((shadow || shadowUrl != null || shadowTemplate != null) && (offline || !files.isEmpty() || all)) {
            throw IdxmigException.usage("--shadow replays the target's pending migrations; it does not go with "
                    + "--offline, --all or FILE arguments", "run lint --shadow with the target's --url");
        }
        dev.idxmig.db.ShadowPlace shadowAt = shadow || shadowUrl != null || shadowTemplate != null
                ? ShadowOptions.validate(true, shadow, shadowUrl, shadowTemplate, false)
                : dev.idxmig.db.ShadowPlace.besideTarget();
        if (dialect != null) {
            LintService.dialectNamed(dialect); // a usage error now, before any connection
        }
        if (all && !files.isEmpty()) {
            throw IdxmigException.usage("--all and FILE arguments exclude each other", "give one or the other");
        }
        if (connect && offline) {
            throw IdxmigException.usage("--connect and --offline exclude each other", "give one or the other");
        }
        ProjectSettings settings = settings();
        Set<String> disabled = new LinkedHashSet<>(settings.lintDisabled());
        disabled.addAll(disable);
        LintRequest.Scope scope = !files.isEmpty() ? LintRequest.Scope.FILES
                : all ? LintRequest.Scope.ALL : LintRequest.Scope.PENDING;
        LintRequest request = new LintRequest(scope, files, disabled, Optional.ofNullable(dialect),
                failOn.threshold());
        if (dialect != null && explicitUrl() && !offline && !connect) {
            console().info("--dialect " + dialect + ": linting offline");
        }
        Optional<Database> db = dialect != null && !connect ? Optional.empty() : openIfWanted(settings);
        LintReport report;
        try {
            report = new LintService(settings, console()).lint(request, db);
        } finally {
            db.ifPresent(Database::close);
        }
        if (shadow) {
            report = report.withShadow(ShadowOptions.report(this, settings, dev.idxmig.config.BuildSettings.resolve(
                    settings, environment(),
                    dev.idxmig.config.BuildSettings.Flags.none()), shadowAt, Optional.empty()));
        }
        output.write(report, console(), settings.workDir());
        if (environment().get("GITHUB_ACTIONS").filter("true"::equalsIgnoreCase).isPresent()) {
            GithubAnnotations.write(report, console().out());
        }
        return report.passed() ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }

    /** Offline with --dialect, lint reads only the scripts: no URL needed, also in CI. */
    @Override
    boolean mayConnect() {
        return dialect == null || connect || shadow || shadowUrl != null || shadowTemplate != null;
    }

    /**
     * Whether the target URL was named for this run: {@code --url}, or {@code IDXMIG_URL} / {@code DATABASE_URL}
     * (what CI sets), which behave the same. A URL in idxmig.yaml only says which database the project is for.
     */
    private boolean explicitUrl() {
        return target.url != null || environment().get("IDXMIG_URL").isPresent()
                || environment().get("DATABASE_URL").isPresent();
    }

    /**
     * Connects with --connect (a failure is exit 3), or when --url or the environment names the target (a failure is a
     * warning and lint goes on offline, so CI can name the database kind without a server). A SQLite file that
     * does not exist is not created: nothing is applied there yet.
     */
    private Optional<Database> openIfWanted(ProjectSettings settings) {
        if (offline || (!connect && !explicitUrl())) {
            return Optional.empty();
        }
        if (!Dialects.forUrl(settings.connection().jdbcUrl()).targetExists(settings.connection())) {
            console().info("no database at " + settings.connection().jdbcUrl() + " yet: linting offline");
            return Optional.empty();
        }
        try {
            return Optional.of(open(settings));
        } catch (IdxmigException e) {
            if (connect || e.failure() != Failure.CONNECTION) {
                throw e;
            }
            console().warn(e.getMessage() + "; linting offline (--connect makes this an error)");
            return Optional.empty();
        }
    }
}
