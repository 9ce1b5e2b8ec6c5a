package dev.idxmig.output;

import dev.idxmig.lint.LintReport;
import dev.idxmig.lint.LintFinding;
import dev.idxmig.base.Severity;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("unit")
class GithubAnnotationsTest {

    @Test
    void escapesWhatTheRunnerWouldReadAsCommandSyntax() {
        LintFinding f = new LintFinding("migrations/a,b:c.sql", 3, 7, "too-many-columns", Severity.INFO,
                "50% of\nthe rows", Optional.empty());
        LintReport report = new LintReport("lint", "sqlite", false, List.of(f.file()), List.of(), List.of(f));
        StringWriter out = new StringWriter();
        GithubAnnotations.write(report, new PrintWriter(out));
        assertEquals("::notice file=migrations/a%2Cb%3Ac.sql,line=3,col=7,title=idxmig too-many-columns::50%25 of%0Athe "
                + "rows" + System.lineSeparator(), out.toString());
    }
}
