package dev.idxmig.cli;

import dev.idxmig.base.IdxmigException;
import picocli.CommandLine.Command;

/** {@code idxmig report}: what to do with reports idxmig wrote; {@code merge} is the one thing so far. */
@Command(name = "report", subcommands = ReportMergeCommand.class,
        description = "Work with reports idxmig wrote: merge the JSON or JUnit reports of a fleet's shards into one.")
final class ReportCommand implements Runnable {
    @Override
    public void run() {
        throw IdxmigException.usage("report needs a subcommand", "idxmig report merge FILES...");
    }
}
