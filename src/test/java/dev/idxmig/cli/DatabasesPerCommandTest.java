package dev.idxmig.cli;

import dev.idxmig.db.Dialect;
import dev.idxmig.db.Dialects;
import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.Idxmig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which databases each command works on is said in two places, README's command table and each command's --help,
 * and both agree with the one answer a run gets before it connects ({@code Dialect.unsupportedCommand}).
 */
@Tag("unit")
class DatabasesPerCommandTest {
    private static final Pattern ROW = Pattern.compile("^\\| \\[`([a-z-]+)`\\]\\(docs/commands/[^|]*\\|[^|]*\\| ([^|]+) \\|$",
            Pattern.MULTILINE);

    private static String expected(String command) {
        Class<?> type = RootCommand.SUBCOMMANDS.stream()
                .filter(c -> c.getAnnotation(CommandLine.Command.class).name().equals(command)).findFirst()
                .orElseThrow(() -> new AssertionError("README lists " + command + ", which is no command"));
        if (!BaseCommand.class.isAssignableFrom(type)) {
            return "-";
        }
        List<Dialect> works = Dialects.all().stream().filter(d -> d.unsupportedCommand(command).isEmpty())
                .collect(Collectors.toList());
        return works.size() == Dialects.all().size() ? "all"
                : works.stream().map(Dialect::displayName).collect(Collectors.joining(", "));
    }

    @Test
    void readmesCommandTableSaysWhatTheDialectsSay() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher row = ROW.matcher(readme);
        Map<String, String> said = new java.util.LinkedHashMap<>();
        while (row.find()) {
            said.put(row.group(1), row.group(2).replaceAll("\\s*\\(.*\\)$", "").trim()); // "all (a note)"
        }
        assertTrue(said.size() >= RootCommand.SUBCOMMANDS.size(), "README's command table: " + said);
        said.forEach((command, databases) -> assertEquals(expected(command), databases,
                "README's databases for " + command));
    }

    @Test
    void helpSaysTheDatabasesAndWhyNotWhereACommandDoesNotWorkYet(@TempDir Path dir) {
        CliResult audit = Idxmig.in(dir).run("audit", "--help");
        assertEquals(0, audit.exitCode(), audit.toString());
        String[] unsupported = Dialects.all().stream().map(d -> d.unsupportedCommand("audit"))
                .flatMap(java.util.Optional::stream).toArray(String[]::new);
        assertTrue(audit.stdout().contains("Databases: " + expected("audit").replace("all",
                Dialects.all().stream().map(Dialect::displayName).collect(Collectors.joining(", "))) + "."),
                audit.stdout());
        for (String why : unsupported) {
            assertTrue(audit.stdout().replaceAll("\\s+", " ").contains(why), audit.stdout());
        }
        CliResult report = Idxmig.in(dir).run("report", "merge", "--help");
        assertFalse(report.stdout().contains("Databases:"), report.stdout());
    }
}
