package dev.idxmig.cli;

import dev.idxmig.config.Environment;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The launcher's training run for its class-data archive (or Java 25's AOT cache): the classes this JVM loads are
 * the ones every later start maps instead of loading from the jar. Not a command: the launcher starts it with
 * {@code -XX:ArchiveClassesAtExit} and a throwaway project folder.
 *
 * <p>It runs the commands people run most ({@code migrate}, {@code status}, {@code verify}, {@code lint}) on a
 * SQLite project, then loads PostgreSQL's driver and Flyway's PostgreSQL support without a server: a connection
 * needs one, but the classes it uses can be loaded by name. Without them in the archive, every PostgreSQL command
 * started about 0.1 s slower than the same command on SQLite (bench/README.md).
 */
public final class ArchiveTraining {
    /** Packages loaded whole: what a PostgreSQL connection, its queries and Flyway on PostgreSQL use. */
    private static final List<String> PRELOADED = List.of("org/postgresql/", "org/flywaydb/database/postgresql/",
            "dev/idxmig/db/postgres/");

    private ArchiveTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path project = Path.of(args[0]).toAbsolutePath();
        Environment environment = new Environment(System.getenv(), project);
        PrintWriter quiet = new PrintWriter(OutputStream.nullOutputStream());
        for (String command : List.of("migrate", "status", "verify", "lint")) {
            Cli.run(new String[] {command}, environment, quiet, quiet, false);
        }
        preload();
    }

    private static void preload() throws IOException {
        Path jar;
        try {
            jar = Path.of(ArchiveTraining.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException e) {
            return;
        }
        if (!Files.isRegularFile(jar)) {
            return; // classes from a folder (tests): nothing to archive
        }
        ClassLoader loader = ArchiveTraining.class.getClassLoader();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class") && !name.contains("-") && PRELOADED.stream().anyMatch(name::startsWith)) {
                    try {
                        Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
                    } catch (LinkageError | ClassNotFoundException e) {
                        // an optional part (Kerberos, SSPI) whose own dependencies are not in the jar
                    }
                }
            }
        }
    }
}
