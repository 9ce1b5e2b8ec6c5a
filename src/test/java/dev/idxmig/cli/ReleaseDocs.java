package dev.idxmig.cli;

import dev.idxmig.config.Environment;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Build step of {@code mvn package} (exec-maven-plugin, test classpath: picocli-codegen is a build tool, not shipped):
 * writes the release archive's bash completion script and the man pages' AsciiDoc sources from the same command model
 * the program runs with, every subcommand included. Not a test; it lives here for the test classpath.
 */
public final class ReleaseDocs {
    private ReleaseDocs() {
    }

    /** {@code ReleaseDocs OUTDIR}: writes OUTDIR/completion/idxmig.bash and OUTDIR/man-adoc/*.adoc. */
    public static void main(String[] args) throws IOException {
        Path outDir = Path.of(args[0]);
        PrintWriter sink = new PrintWriter(new StringWriter());
        RootCommand root = new RootCommand(new Console(sink, sink, false, false),
                new Environment(Map.of(), outDir));
        CommandLine cmd = Cli.commandLine(root, RootCommand.SUBCOMMANDS);

        Path completion = Files.createDirectories(outDir.resolve("completion")).resolve("idxmig.bash");
        Files.writeString(completion, AutoComplete.bash("idxmig", cmd), StandardCharsets.UTF_8);

        File manDir = Files.createDirectories(outDir.resolve("man-adoc")).toFile();
        int code = ManPageGenerator.generateManPage(manDir, null, new boolean[0], true, cmd.getCommandSpec());
        if (code != 0) {
            throw new IllegalStateException("ManPageGenerator exited with " + code);
        }
    }
}
