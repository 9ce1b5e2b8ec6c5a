package dev.idxmig.docs;

import dev.idxmig.docs.OutputBlock.Database;
import dev.idxmig.docs.OutputBlock.Kind;
import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The example outputs of README.md and docs/, regenerated: runs a page's steps ({@link OutputBlock}) of one
 * database in order on a scratch copy of the example project, masks what changes from run to run
 * ({@link #mask}), and either compares each output block with the page or, with
 * {@code -Didxmig.docs.update=true} (docs/generate.sh), writes the new blocks into the page.
 */
final class DocOutputs {
    static final boolean UPDATE = Boolean.getBoolean("idxmig.docs.update");

    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4})-(\\d\\d)-(\\d\\d)([T ])(\\d\\d:\\d\\d)(:\\d\\d)?(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)?");
    private static final Pattern COMPACT_STAMP = Pattern.compile("\\b\\d{8}T\\d{6}Z(-\\d+)?");
    private static final Pattern DURATION = Pattern.compile("(?<![\\w.#])\\d+(\\.\\d+)?(?= ?(ms|s|min|h)\\b)");
    private static final Pattern SIZE = Pattern.compile("(?<![\\w.#])\\d+(\\.\\d+)?(?= ?(B|kB|MB|GB|TB)\\b)");
    private static final Pattern PID = Pattern.compile("(?<=\\bpid )\\d+");
    private static final Pattern POSTGRES_VERSION = Pattern.compile("PostgreSQL \\d+(\\.\\d+)?( \\([^)]*\\))?");
    /** A safe build's progress line, printed only while a build takes more than a second: left out. */
    private static final Pattern PROGRESS = Pattern.compile("(?m)^ +\\S+ on (partitioned table )?\\S+ \\([^)]*\\): phase .*\\n?");
    private static final Pattern RATIO = Pattern.compile("(?<![\\w.#])[+-]?\\d+(\\.\\d+)?(?=×|%)");
    private static final Pattern JSON_MEASURE = Pattern.compile("(\"\\w*(?:Ms|Bytes)\" : )\\d+(\\.\\d+)?");

    private DocOutputs() {
    }

    /** Pages that hold steps for this database ({@code -Didxmig.docs.page=TEXT}: only those whose path has it). */
    static List<Path> pages(Database database) {
        String only = System.getProperty("idxmig.docs.page", "");
        return MarkdownPage.all().stream()
                .filter(p -> p.toString().contains(only))
                .filter(p -> OutputBlock.in(lines(p)).stream().anyMatch(s -> s.database() == database))
                .toList();
    }

    /**
     * Runs the page's steps of {@code database} with {@code idxmig} (working in {@code scratch}, where the
     * example project is copied first) and returns one message per block that differs from what the commands
     * print now; in update mode rewrites those blocks instead and returns nothing.
     */
    static List<String> check(Path page, Database database, Path scratch, Idxmig idxmig, Map<String, String> alsoMask) {
        ExampleProject.copyTo(scratch);
        List<String> lines = lines(page);
        Map<String, String> masks = new LinkedHashMap<>(alsoMask);
        masks.put(scratch.toAbsolutePath().toString(), "/tmp/demo");
        Map<OutputBlock, List<String>> fresh = new LinkedHashMap<>();
        List<OutputBlock> steps = OutputBlock.in(lines).stream().filter(s -> s.database() == database).toList();
        for (OutputBlock step : steps) {
            if (step == steps.get(0) && prepared(step, scratch)) {
                continue;
            }
            if (step.kind() == Kind.FILE) {
                write(scratch.resolve(step.argument()), shown(lines, step));
                continue;
            }
            CliResult result = idxmig.run(step.args().toArray(String[]::new));
            if (step.kind() == Kind.RUN) {
                if (result.exitCode() != 0) {
                    throw new AssertionError(page + ":" + (step.line() + 1) + ": step " + step.argument()
                            + " failed: " + result);
                }
                if (step == steps.get(0)) {
                    keepPrepared(step, scratch);
                }
                continue;
            }
            fresh.put(step, render(step, result, masks));
        }
        return UPDATE ? rewrite(page, lines, fresh) : compare(page, lines, fresh);
    }

    /**
     * Most pages start from the same step ({@code run: sqlite: idxmig migrate --no-backup}): its result, a SQLite
     * file, is kept after its first run and copied for the next page that starts with it, which saves a
     * migration of the example per page. PostgreSQL pages always run it (each has its own database).
     */
    private static final Map<String, Path> PREPARED = new ConcurrentHashMap<>();

    private static boolean prepared(OutputBlock first, Path scratch) {
        Path kept = first.kind() == Kind.RUN && first.database() == Database.SQLITE
                ? PREPARED.get(first.argument()) : null;
        if (kept == null) {
            return false;
        }
        ExampleProject.copyTree(kept, scratch);
        return true;
    }

    private static void keepPrepared(OutputBlock first, Path scratch) {
        if (first.database() != Database.SQLITE || PREPARED.containsKey(first.argument())) {
            return;
        }
        try {
            Path kept = Files.createTempDirectory("idxmig-docs-");
            ExampleProject.copyTree(scratch, kept);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(kept)));
            PREPARED.put(first.argument(), kept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    /** What an output block shows: the command, stderr (unless stdout only), stdout, and a non-zero exit code. */
    static List<String> render(OutputBlock step, CliResult result, Map<String, String> masks) {
        List<String> block = new ArrayList<>(List.of("$ " + step.argument()));
        if (!step.stdoutOnly()) {
            block.addAll(mask(result.stderr(), masks).lines().toList());
        }
        block.addAll(mask(result.stdout(), masks).lines().toList());
        while (!block.isEmpty() && block.get(block.size() - 1).isBlank()) {
            block.remove(block.size() - 1);
        }
        if (result.exitCode() != 0) {
            block.add("# exit " + result.exitCode());
        }
        return block.stream().map(String::stripTrailing).toList();
    }

    /**
     * The masking rules, in one place: scratch paths and names, times of day near today, backup stamps (with the
     * suffix a second backup in the same second gets),
     * durations, sizes, pids, speed-ups and percentages (bench), the PostgreSQL server version, and the progress
     * lines of builds that happened to take more than a second. Numbers become '#' digit for digit, so the
     * columns the report aligned stay aligned.
     */
    static String mask(String text, Map<String, String> masks) {
        String masked = text.replace("\r\n", "\n");
        for (Map.Entry<String, String> m : masks.entrySet()) {
            masked = masked.replace(m.getKey(), m.getValue());
        }
        masked = PROGRESS.matcher(masked).replaceAll("");
        masked = replace(TIMESTAMP, masked, DocOutputs::maskTimestamp);
        masked = COMPACT_STAMP.matcher(masked).replaceAll("YYYYMMDDThhmmssZ");
        masked = replace(POSTGRES_VERSION, masked, m -> "PostgreSQL #");
        masked = replace(JSON_MEASURE, masked, m -> m.group(1) + hashes(m.group().substring(m.group(1).length())));
        for (Pattern numbers : List.of(DURATION, SIZE, PID, RATIO)) {
            masked = replace(numbers, masked, m -> hashes(m.group()));
        }
        return masked;
    }

    /**
     * Two blocks say the same when they differ only in how many digits a masked number had, the unit of a size
     * (another server version stores the same index in a little more or less), or column widths.
     */
    static String normalize(List<String> block) {
        return String.join("\n", block).replaceAll("[+-]?#[#.,]*", "#").replaceAll("# ?(B|kB|MB|GB|TB)\\b", "# size")
                .replaceAll("[ \\t]+(?=\\n|$)", "")
                .replaceAll(" {2,}", " ");
    }

    /**
     * What a block must keep to still be true: {@link #normalize}d, and for bench (whose timings are the point
     * and vary) without the noise verdict a busy machine adds now and then: a "noisy measurement" finding, its
     * fix line, the warning it counts and the "warn" it puts on its check.
     */
    static String comparable(OutputBlock step, List<String> block) {
        String text = normalize(block);
        if (!step.argument().startsWith("idxmig bench") && !step.argument().contains("--benchmark")) {
            return text;
        }
        return text.replaceAll("(?m)^ ?warning (.*)noisy measurement.*\\n fix: rerun on a quieter machine.*(\\n|$)", "")
                .replaceAll("\\d+ warnings?", "# warnings").replaceAll("(?m)^ warn ", " ok ");
    }

    /** A timestamp within a week of today is when the example ran (masked); others are data (kept). */
    private static String maskTimestamp(Matcher m) {
        LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
        if (Math.abs(ChronoUnit.DAYS.between(date, LocalDate.now(ZoneOffset.UTC))) > 7) {
            return m.group();
        }
        return "YYYY-MM-DD" + m.group(4) + "hh:mm" + (m.group(6) == null ? "" : ":ss")
                + (m.group(8) == null ? "" : "Z");
    }

    private static String hashes(String number) {
        return number.replaceAll("\\d", "#");
    }

    private static String replace(Pattern pattern, String text, Function<Matcher, String> with) {
        Matcher m = pattern.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(with.apply(m)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static List<String> compare(Path page, List<String> lines, Map<OutputBlock, List<String>> fresh) {
        List<String> stale = new ArrayList<>();
        for (Map.Entry<OutputBlock, List<String>> e : fresh.entrySet()) {
            OutputBlock step = e.getKey();
            List<String> shown = shown(lines, step);
            if (!comparable(step, shown).equals(comparable(step, e.getValue()))) {
                stale.add(page + ":" + (step.line() + 1) + ": " + step.argument() + " prints now:\n"
                        + String.join("\n", e.getValue()) + "\n--- the page shows:\n" + String.join("\n", shown));
            }
        }
        return stale;
    }

    private static List<String> rewrite(Path page, List<String> lines, Map<OutputBlock, List<String>> fresh) {
        List<String> out = new ArrayList<>(lines);
        List<OutputBlock> steps = new ArrayList<>(fresh.keySet());
        for (int i = steps.size() - 1; i >= 0; i--) {
            OutputBlock step = steps.get(i);
            List<String> region = out.subList(step.blockStart() + 1, step.blockEnd());
            region.clear();
            String indent = indent(out.get(step.blockStart()));
            fresh.get(step).forEach(line -> region.add(line.isEmpty() ? line : indent + line));
        }
        write(page, out);
        return List.of();
    }

    /** A block's lines as shown, without the indentation of its fence (a block inside a list item). */
    private static List<String> shown(List<String> lines, OutputBlock step) {
        String indent = indent(lines.get(step.blockStart()));
        return lines.subList(step.blockStart() + 1, step.blockEnd()).stream()
                .map(l -> l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading()).toList();
    }

    private static String indent(String fence) {
        return fence.substring(0, fence.length() - fence.stripLeading().length());
    }

    static List<String> lines(Path page) {
        try {
            return Files.readAllLines(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
