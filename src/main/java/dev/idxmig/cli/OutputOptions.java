package dev.idxmig.cli;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.base.CheckReport;
import dev.idxmig.output.ReportFormat;
import dev.idxmig.output.ReportWriter;
import dev.idxmig.output.JsonReport;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --format} and {@code --output}: how and where a command's report is written. */
final class OutputOptions {
    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ReportFormat format = ReportFormat.TEXT;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE; a summary still goes to the terminal.")
    Path output;

    /** The command this mixin belongs to: its name goes into the JSON document. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** Writes the report to stdout, or to the output file with a summary line on stdout. */
    void write(Object report, Console console, Path workDir) {
        if (output == null) {
            write(report, console, console.out());
            return;
        }
        Path file = workDir.resolve(output);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            write(report, console, w);
        } catch (IOException e) {
            throw IdxmigException.usage("cannot write report to " + file + ": " + e.getMessage(),
                    "check that the folder exists and is writable");
        }
        String summary = report instanceof CheckReport ? ((CheckReport) report).summary() : "report";
        console.out().println(summary + " (" + format.label() + " report written to " + file + ")");
        console.out().flush();
    }

    /**
     * JSON is the one document of {@link JsonReport} (the same as a fleet run's, with one target); the other formats
     * are the report itself.
     */
    private void write(Object report, Console console, PrintWriter out) {
        if (format == ReportFormat.JSON) {
            JsonReport.document(commandName(), targetName(report), report, console.elapsedMs(), out);
            out.flush();
        } else {
            ReportWriter.write(report, format, out);
        }
    }

    /** {@code verify}, {@code backup list}: the command as typed after {@code idxmig}. */
    String commandName() {
        String qualified = command.qualifiedName(" ");
        int space = qualified.indexOf(' ');
        return space < 0 ? qualified : qualified.substring(space + 1);
    }

    /** The target as a fleet run over schemas names it: the report's schema; lint's, the database it lints for. */
    private String targetName(Object report) {
        tools.jackson.databind.JsonNode tree = dev.idxmig.base.Json.mapper().valueToTree(report);
        for (String field : new String[] {"schema", "target"}) {
            if (tree.path(field).isString()) {
                return tree.path(field).asString();
            }
        }
        if (command.userObject() instanceof BaseCommand base) {
            return base.targetName();
        }
        return "default";
    }
}
