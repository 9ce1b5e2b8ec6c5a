package dev.idxmig.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Only the subcommand a run names is built (start-up), all of them when help, completion or a typo needs them. */
@Tag("unit")
class SubcommandSelectionTest {
    private static final int ALL = RootCommand.SUBCOMMANDS.size();

    @Test
    void theNamedSubcommandAlone() {
        assertEquals(java.util.List.of(StatusCommand.class), Cli.subcommandsFor(new String[] {"status", "--url", "x"}));
        assertEquals(java.util.List.of(BenchCommand.class), Cli.subcommandsFor(new String[] {"-v", "bench"}));
        assertEquals(java.util.List.of(PlanCheckCommand.class),
                Cli.subcommandsFor(new String[] {"--stacktrace", "--no-color", "plan-check", "--check", "migrate"}));
    }

    @Test
    void everySubcommandForHelpCompletionAndTypos() {
        assertEquals(ALL, Cli.subcommandsFor(new String[] {}).size());
        assertEquals(ALL, Cli.subcommandsFor(new String[] {"--help"}).size());
        assertEquals(ALL, Cli.subcommandsFor(new String[] {"stauts"}).size());
        assertEquals(ALL, Cli.subcommandsFor(new String[] {"generate-completion"}).size());
    }
}
