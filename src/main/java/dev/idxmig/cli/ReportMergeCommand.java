package dev.idxmig.cli;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.fleet.ShardReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code idxmig report merge FILES...}: the shards' reports of one command as one report. Reads files only, never a
 * database; exits as one run over all the targets would have (1 also when a shard's report is missing).
 */
@Command(name = "merge", description = "Merge the reports that the shards of a fleet run wrote (all --format json "
        + "or all --format junit) into the one report a single run would have written; a target in several files "
        + "counts once, as the last file says. Exits as that run would have, and 1 when a shard's report is missing.")
final class ReportMergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The shards' report files.")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the merged report to FILE instead of stdout.")
    Path output;

    @Override
    public Integer call() {
        RootCommand root = (RootCommand) spec.root().userObject();
        Console console = root.console();
        Path workDir = root.environment().workDir();
        ShardReports.Merged merged = ShardReports.merge(files.stream().map(workDir::resolve).toList());
        if (output == null) {
            console.out().print(merged.text());
            console.out().flush();
            console.info(merged.line());
        } else {
            Path file = workDir.resolve(output);
            try {
                Files.writeString(file, merged.text(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw IdxmigException.usage("cannot write the merged report to " + file + ": " + e.getMessage(),
                        "check that the folder exists and is writable");
            }
            console.out().println(merged.line() + " (" + merged.format() + " report written to " + file + ")");
            console.out().flush();
        }
        if (!merged.missingShards().isEmpty()) {
            console.warn("no report of shard " + String.join(", ", merged.missingShards())
                    + ": its targets are not in the merged report");
        }
        return merged.exitCode();
    }
}
