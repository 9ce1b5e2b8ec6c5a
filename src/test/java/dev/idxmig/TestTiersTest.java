package dev.idxmig;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every test class names its tier, so that {@code mvn -B test -Dgroups=unit} (the fast loop, no database) and the
 * other tiers select exactly what they promise: {@code unit} (no database at all), {@code sqlite}, {@code postgres},
 * {@code mariadb}, {@code slow}. A class may carry two (a PostgreSQL test that takes minutes is {@code postgres} and {@code slow}).
 * Nested classes inherit their outer class's tags; the check is on the outermost class.
 */
@Tag("unit")
class TestTiersTest {
    static final Set<String> TIERS = Set.of("unit", "sqlite", "postgres", "mariadb", "slow");

    private static final List<String> TEST_ANNOTATIONS = List.of("org.junit.jupiter.api.Test",
            "org.junit.jupiter.api.RepeatedTest", "org.junit.jupiter.api.TestFactory",
            "org.junit.jupiter.api.TestTemplate", "org.junit.jupiter.params.ParameterizedTest");

    @Test
    void everyTestClassCarriesATierTag() throws Exception {
        Set<String> untagged = new TreeSet<>();
        Set<String> testClasses = testClasses();
        for (String name : testClasses) {
            Class<?> c = Class.forName(name, false, getClass().getClassLoader());
            if (Arrays.stream(c.getAnnotationsByType(Tag.class)).noneMatch(t -> TIERS.contains(t.value()))) {
                untagged.add(name);
            }
        }
        assertTrue(testClasses.size() > 50, "found only " + testClasses.size() + " test classes: " + testClasses);
        assertEquals(Set.of(), untagged, "test classes without a tier tag (one of " + TIERS + ")");
    }

    @Test
    void aUnitTestIsNotAlsoADatabaseTest() throws Exception {
        Set<String> both = new TreeSet<>();
        for (String name : testClasses()) {
            Class<?> c = Class.forName(name, false, getClass().getClassLoader());
            Set<String> tags = new TreeSet<>();
            Arrays.stream(c.getAnnotationsByType(Tag.class)).forEach(t -> tags.add(t.value()));
            if (tags.contains("unit") && (tags.contains("sqlite") || tags.contains("postgres")
                    || tags.contains("mariadb"))) {
                both.add(name);
            }
        }
        assertEquals(Set.of(), both, "tagged unit (no database) and a database tier");
    }

    /** The outermost classes of the compiled tests that hold a test method, themselves or in a nested class. */
    private static Set<String> testClasses() throws IOException, ClassNotFoundException {
        Path root = Path.of(URI.create(TestTiersTest.class.getProtectionDomain().getCodeSource().getLocation()
                .toString()));
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root.resolve("dev/idxmig"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".")
                        .replaceFirst("\\.class$", "");
                Class<?> c = Class.forName(name, false, TestTiersTest.class.getClassLoader());
                if (Arrays.stream(c.getDeclaredMethods()).anyMatch(TestTiersTest::isTest)) {
                    names.add(outermost(c).getName());
                }
            }
        }
        return names;
    }

    private static boolean isTest(Method m) {
        return Arrays.stream(m.getDeclaredAnnotations())
                .anyMatch(a -> TEST_ANNOTATIONS.contains(a.annotationType().getName()));
    }

    private static Class<?> outermost(Class<?> c) {
        Class<?> outer = c;
        while (outer.getEnclosingClass() != null) {
            outer = outer.getEnclosingClass();
        }
        return outer;
    }
}
