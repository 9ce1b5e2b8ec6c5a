package dev.idxmig.cli;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.output.BenchChart;
import dev.idxmig.bench.BenchOptions;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The flags bench and migrate --benchmark share: which checks, how many runs, and a chart. */
final class BenchFlags implements ValidatedOptions {
    @Option(names = "--checks", paramLabel = "FILE",
            description = "Checks file (default: checks: in idxmig.yaml, else checks.yaml beside the migrations).")
    Path checks;

    @Option(names = "--check", paramLabel = "NAME", description = "Bench only this check (repeatable).")
    List<String> only = new ArrayList<>();

    @Option(names = "--runs", paramLabel = "N", defaultValue = "" + BenchOptions.DEFAULT_RUNS,
            description = "Timed runs per query (default: ${DEFAULT-VALUE}).")
    int runs = BenchOptions.DEFAULT_RUNS;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "" + BenchOptions.DEFAULT_WARMUP,
            description = "Untimed warm-up runs per query (default: ${DEFAULT-VALUE}).")
    int warmup = BenchOptions.DEFAULT_WARMUP;

    @Option(names = "--chart", paramLabel = "FILE.svg|FILE.png", description = "Draw the medians as a bar chart.")
    Path chart;

    /** The chart file, resolved against the project folder and checked before any work starts. */
    Optional<Path> chart(Path workDir) {
        return Optional.ofNullable(chart).map(c -> {
            BenchChart.checkKind(c);
            return writable(workDir, c, "--chart");
        });
    }

    /** A file idxmig will write at the end of a run, refused up front when its folder cannot take it. */
    static Path writable(Path workDir, Path file, String flag) {
        Path resolved = workDir.resolve(file);
        Path folder = resolved.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder)) {
            throw IdxmigException.usage(flag + " " + file + ": the folder " + folder + " does not exist or is not "
                    + "writable", "create it first or choose another path");
        }
        return resolved;
    }

    @Override
    public void validate() {
        options();
    }

    BenchOptions options() {
        if (runs < 1 || warmup < 0) {
            throw IdxmigException.usage("--runs must be 1 or more and --warmup 0 or more",
                    "the median needs at least " + BenchOptions.MIN_RELIABLE_RUNS + " runs to mean something");
        }
        return new BenchOptions(runs, warmup, only);
    }
}
