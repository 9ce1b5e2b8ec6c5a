package dev.idxmig.cli;

import dev.idxmig.db.Dialect;
import dev.idxmig.db.Dialects;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * idxmig's version from the jar manifest ({@code dev} when run from classes), then the versions of what a bug report
 * needs: Flyway, each dialect's JDBC driver and the Java runtime. Each library's version is asked of the library
 * itself at run time, never written down here, so a swapped jar shows.
 */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        List<String> lines = new ArrayList<>();
        lines.add("idxmig " + (version == null ? "dev" : version));
        // Flyway has no public version API; its Maven metadata survives shading (the manifests do not).
        lines.add("Flyway " + mavenVersion("org.flywaydb", "flyway-core"));
        for (Dialect dialect : Dialects.all()) {
            lines.add(dialect.displayName() + " JDBC driver " + dialect.driverVersion());
        }
        lines.add("Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.vm.name") + ")");
        return lines.toArray(String[]::new);
    }

    /** The version in a library's {@code META-INF/maven/GROUP/ARTIFACT/pom.properties}, or "unknown". */
    static String mavenVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = VersionProvider.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
