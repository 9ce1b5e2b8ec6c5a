package dev.idxmig.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * idxmig as a separate process (the test's own classes and class path, one JVM per run), so a test can kill it
 * the way an operator or the system does: SIGKILL ({@link #kill()}) or SIGINT/SIGTERM ({@link #signal}).
 * stdout and stderr go to files, so a full pipe never stalls it.
 */
public final class IdxmigProcess {
    private final Process process;
    private final Path out;
    private final Path err;

    private IdxmigProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code idxmig args...} in {@code workDir}; {@code name} names its output files there. */
    public static IdxmigProcess start(Path workDir, String name, String... args) {
        return start(workDir, name, java.util.Map.of(), args);
    }

    /** The same with environment variables set for it (a password, say). */
    public static IdxmigProcess start(Path workDir, String name, java.util.Map<String, String> env, String... args) {
        return start(workDir, name, env, List.of(), args);
    }

    /** The same with JVM options of its own (system properties, say). */
    public static IdxmigProcess startWith(Path workDir, String name, List<String> jvmOptions, String... args) {
        return start(workDir, name, java.util.Map.of(), jvmOptions, args);
    }

    /**
     * Runs {@code idxmig args...} to its end once, writing a class-data archive of the classes it loaded, which
     * every later process of this test JVM then maps instead of loading them (start-up about halves, as with the
     * launcher's archive). Best effort: without an archive, processes start as usual.
     */
    public static synchronized CliResult train(Path workDir, java.util.Map<String, String> env, String... args) {
        Path archive = workDir.resolve("idxmig-test.jsa");
        CliResult r = start(workDir, "train", env, List.of("-XX:ArchiveClassesAtExit=" + archive), args)
                .await(Duration.ofMinutes(5));
        if (Files.isRegularFile(archive)) {
            sharedArchive = archive;
        }
        return r;
    }

    private static volatile Path sharedArchive;
    private static Path classesJar;

    /**
     * The test class path with target/classes packed as a jar: class-data archives take classes from jars only
     * (a non-empty directory on the class path turns them off).
     */
    private static synchronized String classPath() {
        String cp = System.getProperty("java.class.path");
        if (classesJar == null) {
            try {
                Path jar = Files.createTempFile("idxmig-classes", ".jar");
                jar.toFile().deleteOnExit();
                for (String entry : cp.split(java.io.File.pathSeparator)) {
                    Path dir = Path.of(entry);
                    if (Files.isDirectory(dir) && dir.endsWith(Path.of("target", "classes"))) {
                        pack(dir, jar);
                        classesJar = jar;
                    }
                }
            } catch (IOException e) {
                return cp;
            }
        }
        if (classesJar == null) {
            return cp;
        }
        List<String> entries = new ArrayList<>();
        for (String entry : cp.split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p) && p.endsWith(Path.of("target", "classes"))) {
                entries.add(classesJar.toString());
            } else if (!Files.isDirectory(p)) {
                entries.add(entry);
            } // test classes are not needed by idxmig itself
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static void pack(Path dir, Path jar) throws IOException {
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
             java.util.stream.Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(new java.util.jar.JarEntry(dir.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    /**
     * Runs {@code idxmig args...} on a terminal of its own (a pseudo-terminal made by util-linux {@code script}, as
     * an operator's shell would give it), typing {@code input} at it; stdout and stderr both come back as stdout,
     * as a terminal shows them. Empty when this machine has no {@code script} command.
     */
    public static java.util.Optional<CliResult> runOnTerminal(Path workDir, String name, String input,
                                                              String... args) {
        if (!Files.isExecutable(Path.of("/usr/bin/script"))) {
            return java.util.Optional.empty();
        }
        String line = command(List.of(), args).stream().map(a -> "'" + a.replace("'", "'\\''") + "'")
                .collect(java.util.stream.Collectors.joining(" "));
        Path out = workDir.resolve(name + ".out");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/script", "-q", "-e", "-c", line, "/dev/null")
                .directory(workDir.toFile()).redirectOutput(out.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("IDXMIG_") || k.equals("DATABASE_URL"));
        try {
            Process p = pb.start();
            p.getOutputStream().write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            p.getOutputStream().flush();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("idxmig still running on its terminal:\n" + Files.readString(out));
            }
            p.getOutputStream().close();
            return java.util.Optional.of(new CliResult(p.exitValue(), Files.readString(out), ""));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start idxmig on a terminal: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static IdxmigProcess start(Path workDir, String name, java.util.Map<String, String> env,
                                       List<String> jvmOptions, String... args) {
        return started(workDir, name, env, command(jvmOptions, args));
    }

    /** The java command line that runs idxmig with the test's class path. */
    private static List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // a short-lived CLI: the quick compiler alone starts faster
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off"));
        Path archive = sharedArchive;
        if (archive != null && jvmOptions.isEmpty()) {
            command.add("-XX:SharedArchiveFile=" + archive);
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), "dev.idxmig.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    private static IdxmigProcess started(Path workDir, String name, java.util.Map<String, String> env,
                                         List<String> command) {
        Path out = workDir.resolve(name + ".out");
        Path err = workDir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("IDXMIG_") || k.equals("DATABASE_URL"));
        pb.environment().putAll(env);
        try {
            return new IdxmigProcess(pb.start(), out, err);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start idxmig: " + e.getMessage(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no chance to clean up, as with kill -9 or the OOM killer. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Sends a signal by name ({@code INT}, {@code TERM}) to the process itself. */
    public void signal(String name) {
        try {
            new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the end; returns what it printed and its exit code. */
    public CliResult await(Duration deadline) {
        try {
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("idxmig still running after " + deadline + ":\n" + Files.readString(err));
            }
            return new CliResult(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
