package dev.idxmig;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package layers, bottom up, written down and enforced: each package names the packages it may use, nothing
 * above it; no two packages depend on each other (also not a dialect and {@code db}). CONTRIBUTING.md draws the
 * same layers ({@link #contributingDrawsTheseLayers}).
 */
@Tag("unit")
class ArchitectureTest {
    /** Each package (with its sub-packages) and the packages it may use besides itself. */
    static final Map<String, List<String>> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("base", List.of());
        LAYERS.put("config", List.of("base"));
        LAYERS.put("script", List.of("base", "config"));
        LAYERS.put("db", List.of("base", "config", "script"));
        LAYERS.put("checks", List.of("base"));
        LAYERS.put("ledger", List.of("base", "config", "script", "db"));
        LAYERS.put("safebuild", List.of("base", "config", "script", "db"));
        LAYERS.put("backup", List.of("base", "config", "script", "db", "safebuild"));
        LAYERS.put("verify", List.of("base", "config", "script", "db", "ledger"));
        LAYERS.put("status", List.of("base", "config", "script", "db", "ledger"));
        LAYERS.put("plan", List.of("base", "config", "script", "db", "checks", "ledger"));
        LAYERS.put("lint", List.of("base", "config", "script", "db", "ledger"));
        LAYERS.put("doctor", List.of("base", "config", "script", "db", "ledger"));
        LAYERS.put("migrate", List.of("base", "config", "script", "db", "ledger", "safebuild", "backup", "verify"));
        LAYERS.put("rollback", List.of("base", "config", "script", "db", "ledger", "safebuild", "backup", "verify"));
        LAYERS.put("adopt", List.of("base", "config", "script", "db", "checks", "ledger", "migrate"));
        LAYERS.put("bench", List.of("base", "config", "script", "db", "checks", "ledger", "plan", "migrate"));
        LAYERS.put("shadow", List.of("base", "config", "script", "db", "checks", "ledger", "safebuild", "backup",
                "verify", "plan", "doctor", "migrate"));
        LAYERS.put("fleet", List.of("base", "config", "script", "db", "ledger"));
        LAYERS.put("audit", List.of("base", "config", "script", "db", "checks", "ledger", "plan", "doctor", "fleet",
                "bench"));
        LAYERS.put("advise", List.of("base", "config", "script", "db", "checks", "ledger", "plan", "doctor",
                "migrate", "adopt"));
        LAYERS.put("output", List.of("base", "config", "script", "db", "checks", "ledger", "safebuild", "backup",
                "verify", "status", "plan", "lint", "doctor", "migrate", "rollback", "bench", "fleet", "audit",
                "advise"));
        LAYERS.put("cli", List.copyOf(LAYERS.keySet()));
    }

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.idxmig");
    }

    @Test
    void eachPackageUsesOnlyTheLayersBelowIt() {
        Architectures.LayeredArchitecture layers = Architectures.layeredArchitecture()
                .consideringOnlyDependenciesInLayers();
        for (String layer : LAYERS.keySet()) {
            layers = layers.layer(layer).definedBy("dev.idxmig." + layer + "..");
        }
        for (Map.Entry<String, List<String>> e : LAYERS.entrySet()) {
            List<String> allowed = e.getValue().stream().filter(l -> !l.equals(e.getKey())).toList();
            layers = allowed.isEmpty() ? layers.whereLayer(e.getKey()).mayNotAccessAnyLayer()
                    : layers.whereLayer(e.getKey()).mayOnlyAccessLayers(allowed.toArray(String[]::new));
        }
        layers.check(classes);
    }

    /**
     * The layers as CONTRIBUTING.md draws them: each package on the lowest rung its allowed packages leave it
     * (one above the highest of them), packages on one rung in {@link #LAYERS}' order, rungs joined by {@code <}.
     */
    static String diagram() {
        Map<String, Integer> rung = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : LAYERS.entrySet()) {
            rung.put(e.getKey(), e.getValue().stream().filter(l -> !l.equals(e.getKey()))
                    .mapToInt(l -> rung.get(l) + 1).max().orElse(0));
        }
        List<List<String>> rungs = new java.util.ArrayList<>();
        rung.forEach((layer, r) -> {
            while (rungs.size() <= r) {
                rungs.add(new java.util.ArrayList<>());
            }
            rungs.get(r).add(layer.equals("db") ? "db (+ db.postgres, db.sqlite, db.mariadb)" : layer);
        });
        return String.join(" < ", rungs.stream().map(r -> String.join(", ", r)).toList());
    }

    @Test
    void contributingDrawsTheseLayers() throws Exception {
        String contributing = Files.readString(Path.of("CONTRIBUTING.md"));
        int text = contributing.indexOf("Packages are layers");
        int start = contributing.indexOf("```\n", text) + 4;
        String drawn = contributing.substring(start, contributing.indexOf("```", start)).strip()
                .replaceAll("\\s+", " ");
        assertTrue(text >= 0 && start > text, "CONTRIBUTING.md has no layer diagram after 'Packages are layers'");
        assertEquals(diagram(), drawn, "CONTRIBUTING.md's layer diagram against LAYERS");
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.idxmig.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everyPackageIsInALayer() throws Exception {
        Path root = Path.of("src/main/java/dev/idxmig");
        try (Stream<Path> dirs = Files.walk(root)) {
            List<String> unlisted = dirs.filter(Files::isDirectory).filter(d -> !d.equals(root))
                    .map(d -> root.relativize(d).toString().replace('/', '.'))
                    .filter(p -> LAYERS.keySet().stream().noneMatch(l -> p.equals(l) || p.startsWith(l + ".")))
                    .toList();
            assertEquals(List.of(), unlisted, "packages missing from LAYERS");
        }
    }

    @Test
    void everyPackageSaysItsJob() throws Exception {
        Path root = Path.of("src/main/java/dev/idxmig");
        try (Stream<Path> dirs = Files.walk(root)) {
            List<String> silent = dirs.filter(Files::isDirectory).filter(d -> !d.equals(root))
                    .filter(d -> !Files.isRegularFile(d.resolve("package-info.java")))
                    .map(d -> root.relativize(d).toString()).toList();
            assertTrue(silent.isEmpty(), "packages without package-info.java: " + silent);
        }
    }

    @Test
    void onlyTheCommandLineKnowsPicocli() {
        noClasses().that().resideOutsideOfPackage("dev.idxmig.cli..").should().dependOnClassesThat()
                .resideInAPackage("picocli..").check(classes);
    }

    @Test
    void commandsHoldNoDatabaseCode() {
        noClasses().that().resideInAPackage("dev.idxmig.cli..").should().dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "org.flywaydb..", "com.zaxxer..").check(classes);
    }
}
