package dev.idxmig.cli;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.base.CheckReport;
import dev.idxmig.output.ReportFormat;
import dev.idxmig.output.ReportWriter;
import picocli.CommandLine.Option;

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

    /** Writes the report to stdout, or to the output file with a summary line on stdout. */
    void write(Object report, Console console, Path workDir) {
        if (output == null) {
            ReportWriter.write(report, format, console.out());
            return;
        }
        Path file = workDir.resolve(output);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            ReportWriter.write(report, format, w);
        } catch (IOException e) {
            throw IdxmigException.usage("cannot write report to " + file + ": " + e.getMessage(),
                    "check that the folder exists and is writable");
        }
        String summary = report instanceof CheckReport ? ((CheckReport) report).summary() : "report";
        console.out().println(summary + " (" + format.label() + " report written to " + file + ")");
        console.out().flush();
    }
}
