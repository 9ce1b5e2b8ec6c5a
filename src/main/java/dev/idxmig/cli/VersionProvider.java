package dev.idxmig.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * idxmig's version from the jar manifest ({@code dev} when run from classes), then the versions of what a bug report
 * needs: Flyway, the two JDBC drivers and the Java runtime. Each library's version is asked of the library itself
 * at run time, never written down here, so a swapped jar shows.
 */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {
            "idxmig " + (version == null ? "dev" : version),
            // Flyway has no public version API; its Maven metadata survives shading (the manifests do not).
            "Flyway " + mavenVersion("org.flywaydb", "flyway-core"),
            "PostgreSQL JDBC driver (pgjdbc) " + org.postgresql.Driver.getVersion().replaceFirst("^\\D*", ""),
            "SQLite JDBC driver (sqlite-jdbc) " + org.sqlite.SQLiteJDBCLoader.getVersion(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                    + System.getProperty("java.vm.name") + ")",
        };
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
