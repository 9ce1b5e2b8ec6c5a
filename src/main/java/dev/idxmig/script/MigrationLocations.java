package dev.idxmig.script;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.ProjectSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The migration folders of a project, with Flyway's {@code {vendor}} token filled in, and the scripts in them.
 * A missing or unreadable folder, a script that is not UTF-8 text, or two scripts with one version, is a usage
 * error before anything runs.
 */
public final class MigrationLocations {
    private final List<Path> folders;

    private MigrationLocations(List<Path> folders) {
        this.folders = List.copyOf(folders);
    }

    /** The project's migration folders for the database it targets ({@code vendor}: the dialect's id). */
    public static MigrationLocations of(ProjectSettings settings, String vendor) {
        return resolve(settings.locations(), vendor, settings.workDir());
    }

    public static MigrationLocations resolve(List<String> locations, String vendor, Path workDir) {
        List<Path> folders = new ArrayList<>();
        for (String location : locations) {
            String path = location.startsWith("filesystem:") ? location.substring("filesystem:".length()) : location;
            if (path.startsWith("classpath:")) {
                throw IdxmigException.usage("classpath locations are not supported: " + location,
                        "point --locations at a folder");
            }
            Path folder = workDir.resolve(path.replace("{vendor}", vendor)).normalize();
            if (!Files.isDirectory(folder)) {
                throw IdxmigException.usage("migrations folder not found: " + folder,
                        "create it, or point --locations (or 'locations' in idxmig.yaml) at your migrations");
            }
            if (!Files.isReadable(folder)) {
                throw IdxmigException.usage("migrations folder is not readable: " + folder,
                        "check the folder's permissions");
            }
            folders.add(folder);
        }
        return new MigrationLocations(folders);
    }

    public List<Path> folders() {
        return folders;
    }

    /** Flyway's form of the folders; every script in them must be text Flyway can read (see {@link #versioned}). */
    public String[] flywayLocations() {
        scripts(MigrationScript.Kind.VERSIONED);
        return folders.stream().map(f -> "filesystem:" + f).toArray(String[]::new);
    }

    /** Versioned scripts in version order; duplicate versions fail with both files named. */
    public List<MigrationScript> versioned() {
        return scripts(MigrationScript.Kind.VERSIONED);
    }

    public List<MigrationScript> undo() {
        return scripts(MigrationScript.Kind.UNDO);
    }

    /**
     * Every file under the folders, by folder, in name order; files inside hidden folders are not migrations (a
     * Kubernetes ConfigMap mounted as the folder keeps a second copy of every file in {@code ..data/}, and
     * {@code .git} is no place for scripts either). Flyway is handed the same files (migrate's resource provider).
     */
    public Map<Path, List<Path>> files() {
        Map<Path, List<Path>> byFolder = new java.util.LinkedHashMap<>();
        for (Path folder : folders) {
            try (Stream<Path> files = Files.walk(folder)) {
                byFolder.put(folder, files.filter(Files::isRegularFile).filter(f -> !inHiddenFolder(folder, f))
                        .sorted().toList());
            } catch (IOException | UncheckedIOException e) {
                throw IdxmigException.usage("cannot read migrations folder " + folder + ": " + e.getMessage(),
                        "check the folder's permissions");
            }
        }
        return byFolder;
    }

    private static boolean inHiddenFolder(Path folder, Path file) {
        Path below = folder.relativize(file).getParent();
        if (below == null) {
            return false;
        }
        for (Path part : below) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private List<MigrationScript> scripts(MigrationScript.Kind kind) {
        List<MigrationScript> found = new ArrayList<>();
        files().values().stream().flatMap(List::stream)
                .map(MigrationScript::fromPath)
                .flatMap(java.util.Optional::stream)
                .peek(MigrationScript::checkText)
                .filter(s -> s.kind() == kind)
                .forEach(found::add);
        Map<Version, MigrationScript> seen = new HashMap<>();
        for (MigrationScript s : found) {
            MigrationScript other = seen.putIfAbsent(s.version(), s);
            if (other != null) {
                throw IdxmigException.usage("two migrations have version " + s.version() + ": " + other.path()
                        + " and " + s.path(), "give one of them the next free version number");
            }
        }
        found.sort(Comparator.comparing(MigrationScript::version));
        return found;
    }
}
