package dev.idxmig.testing;

import dev.idxmig.cli.Cli;
import dev.idxmig.config.Environment;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs idxmig the way a user types it, in-process: own working directory, own environment (nothing leaks in
 * from the machine running the tests), stdout and stderr captured, exit code returned.
 */
public final class Idxmig {
    static {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }

    private final Path workDir;
    private final Map<String, String> env = new HashMap<>();
    private String[] target = new String[0];

    private Idxmig(Path workDir) {
        this.workDir = workDir;
    }

    public static Idxmig in(Path workDir) {
        return new Idxmig(workDir);
    }

    public Idxmig env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Database flags (e.g. {@link PgDatabase#cliArgs()}) put after the subcommand name of every run. */
    public Idxmig target(String... flags) {
        this.target = flags.clone();
        return this;
    }

    public CliResult run(String... args) {
        if (target.length > 0 && args.length > 0) {
            String[] all = new String[args.length + target.length];
            all[0] = args[0];
            System.arraycopy(target, 0, all, 1, target.length);
            System.arraycopy(args, 1, all, 1 + target.length, args.length - 1);
            args = all;
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new Environment(env, workDir), new PrintWriter(out), new PrintWriter(err), false);
        return new CliResult(code, out.toString(), err.toString());
    }
}
