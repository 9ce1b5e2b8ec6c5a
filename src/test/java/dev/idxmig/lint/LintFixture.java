package dev.idxmig.lint;

import dev.idxmig.db.IndexSyntax;
import dev.idxmig.script.MigrationScript;
import dev.idxmig.script.Version;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Migration scripts written in a test, linted offline for PostgreSQL or SQLite by one rule. */
final class LintFixture {
    private static final IndexSyntax POSTGRES = IndexSyntax.FULL;

    private final String target;
    private final IndexSyntax syntax;
    private final List<LintScript> scripts = new ArrayList<>();

    private LintFixture(String target, IndexSyntax syntax) {
        this.target = target;
        this.syntax = syntax;
    }

    static LintFixture postgres() {
        return new LintFixture("postgresql", POSTGRES);
    }

    static LintFixture sqlite() {
        return new LintFixture("sqlite", IndexSyntax.BASIC);
    }

    /** A script run in a transaction (no sidecar). */
    LintFixture script(String name, String sql) {
        return add(name, sql, false, false);
    }

    /** A script with a {@code .conf} sidecar saying {@code executeInTransaction=false}. */
    LintFixture outsideTransaction(String name, String sql) {
        return add(name, sql, true, false);
    }

    LintFixture withUndo(String name, String sql) {
        return add(name, sql, false, true);
    }

    private LintFixture add(String name, String sql, boolean noTransaction, boolean undo) {
        Path path = Path.of("migrations", name);
        Optional<Version> version = MigrationScript.fromPath(path).map(MigrationScript::version);
        scripts.add(ScriptReader.parse(path, "migrations/" + name, sql, version, undo, noTransaction));
        return this;
    }

    /** Findings of one rule for every script (all of them count as pending, as offline). */
    List<LintFinding> lint(LintRule rule) {
        return LintService.findings(rule, new LintContext(target, syntax, scripts, scripts, Optional.empty()));
    }

    /** The same, as "file:line rule" strings that read well in assertion messages. */
    List<String> where(LintRule rule) {
        return lint(rule).stream().map(f -> f.file() + ":" + f.line() + " " + f.rule()).collect(Collectors.toList());
    }
}
