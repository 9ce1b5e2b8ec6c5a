package dev.idxmig.migrate;

import dev.idxmig.script.MigrationLocations;
import dev.idxmig.script.MigrationScript;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The files of the migration folders as Flyway sees them, without idxmig's undo scripts. Flyway's free edition
 * fails on {@code U1__x.sql} ("Unrecognised migration name format", with naming validation on, which idxmig keeps
 * on to catch misnamed migrations), so undo scripts are not shown to it at all.
 */
final class MigrationResources implements ResourceProvider {
    private final MigrationLocations locations;
    private final List<Path> folders;

    MigrationResources(MigrationLocations locations) {
        this.locations = locations;
        this.folders = locations.folders();
    }

    @Override
    public LoadableResource getResource(String name) {
        for (Path folder : folders) {
            Path file = folder.resolve(name).normalize();
            if (file.startsWith(folder) && Files.isRegularFile(file) && !isUndoScript(file)) {
                return new FileResource(folder, file);
            }
        }
        return null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> found = new ArrayList<>();
        locations.files().forEach((folder, files) -> files.stream()
                .filter(f -> matches(f.getFileName().toString(), prefix, suffixes))
                .filter(f -> !isUndoScript(f))
                .forEach(f -> found.add(new FileResource(folder, f))));
        return found;
    }

    private static boolean matches(String name, String prefix, String[] suffixes) {
        if (!name.startsWith(prefix)) {
            return false;
        }
        for (String suffix : suffixes) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUndoScript(Path file) {
        return MigrationScript.fromPath(file).map(s -> s.kind() == MigrationScript.Kind.UNDO).orElse(false);
    }

    /** One file, named relative to its migrations folder as Flyway's own file system scanner names it. */
    private static final class FileResource extends LoadableResource {
        private final Path folder;
        private final Path file;

        FileResource(Path folder, Path file) {
            this.folder = folder;
            this.file = file;
        }

        @Override
        public Reader read() {
            try {
                return Files.newBufferedReader(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return file.toAbsolutePath().toString();
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return getAbsolutePath();
        }

        @Override
        public String getFilename() {
            return file.getFileName().toString();
        }

        @Override
        public String getRelativePath() {
            return folder.relativize(file).toString().replace('\\', '/');
        }
    }
}
