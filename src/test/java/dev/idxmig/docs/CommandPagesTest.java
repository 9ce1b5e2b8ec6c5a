package dev.idxmig.docs;

import dev.idxmig.cli.CommandModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/commands/ against the command definitions (the factory {@code idxmig --help} and the man pages come from):
 * every command has its page, every option its --help lists is named on that page (a subcommand's, such as
 * {@code backup list}, on its parent's page), and an options table names no option the command does not have.
 */
@Tag("unit")
class CommandPagesTest {
    static final Path PAGES = Path.of("docs/commands");
    /** Pages in docs/commands/ that are not a command's. */
    private static final Set<String> NOT_COMMANDS = Set.of("common-options.md");
    private static final Pattern TABLE_OPTION = Pattern.compile("^\\| `(?:-\\w, )?(--?[\\w-]+)");

    @Test
    void everyCommandHasItsPage() throws IOException {
        Set<String> commands = commands().stream().map(c -> c.name() + ".md").collect(Collectors.toCollection(TreeSet::new));
        Set<String> pages;
        try (Stream<Path> files = Files.list(PAGES)) {
            pages = files.map(p -> p.getFileName().toString()).filter(n -> !NOT_COMMANDS.contains(n))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(commands, pages, "docs/commands/ holds one page per command of 'idxmig --help'");
    }

    @Test
    void everyOptionHelpListsIsOnItsCommandsPage() throws IOException {
        List<String> missing = new ArrayList<>();
        for (CommandSpec command : commands()) {
            String page = page(command.name());
            for (CommandSpec spec : withSubcommands(command)) {
                for (OptionSpec option : spec.options()) {
                    if (!option.hidden() && !named(page, option.longestName())) {
                        missing.add(spec.qualifiedName() + " " + option.longestName() + " (docs/commands/"
                                + command.name() + ".md)");
                    }
                }
            }
        }
        assertEquals(List.of(), missing, "options --help lists that their command's page does not document");
    }

    @Test
    void optionsTablesNameOnlyOptionsTheCommandHas() throws IOException {
        List<String> unknown = new ArrayList<>();
        for (CommandSpec command : commands()) {
            Set<String> names = new TreeSet<>();
            withSubcommands(command).forEach(s -> s.options().forEach(o -> names.addAll(List.of(o.names()))));
            for (String line : page(command.name()).split("\n")) {
                Matcher m = TABLE_OPTION.matcher(line);
                if (m.find() && !names.contains(m.group(1))) {
                    unknown.add(command.name() + " " + m.group(1));
                }
            }
        }
        assertEquals(List.of(), unknown, "options documented in a table that the command does not have");
    }

    @Test
    void theReadmeLinksEveryCommandsPage() throws IOException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        List<String> unlinked = commands().stream().map(c -> "(docs/commands/" + c.name() + ".md)")
                .filter(link -> !readme.contains(link)).toList();
        assertEquals(List.of(), unlinked, "the README's command table links each command's page");
    }

    @Test
    void anOptionCountsOnlyUnderItsOwnName() {
        assertTrue(named("takes `--schemas LIST`", "--schemas"));
        assertTrue(!named("takes `--schemas LIST`", "--schema"), "--schemas is not --schema");
        assertTrue(!named("takes `--shadow-url`", "--shadow"), "--shadow-url is not --shadow");
        assertTrue(named("| `-D=NAME=VALUE` |", "-D"));
    }

    static boolean named(String page, String option) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(option) + "(?![\\w-])").matcher(page).find();
    }

    private static List<CommandSpec> commands() {
        CommandLine root = CommandModel.all();
        return root.getSubcommands().values().stream().map(CommandLine::getCommandSpec).toList();
    }

    private static List<CommandSpec> withSubcommands(CommandSpec command) {
        List<CommandSpec> all = new ArrayList<>(List.of(command));
        command.subcommands().values().forEach(sub -> all.addAll(withSubcommands(sub.getCommandSpec())));
        return all;
    }

    private static String page(String command) throws IOException {
        Path page = PAGES.resolve(command + ".md");
        return Files.exists(page) ? Files.readString(page, StandardCharsets.UTF_8) : "";
    }
}
