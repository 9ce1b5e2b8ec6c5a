package dev.idxmig.docs;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every relative link in README.md, CONTRIBUTING.md and docs/**.md leads somewhere: its file or folder exists,
 * and its #anchor is a heading of the Markdown page it names (GitHub's slugs). Links to other sites are not
 * followed (the build runs offline).
 */
@Tag("unit")
class DocLinksTest {

    @Test
    void everyRelativeLinkAndAnchorResolves() {
        List<String> broken = new ArrayList<>();
        for (Path file : MarkdownPage.all()) {
            MarkdownPage page = MarkdownPage.read(file);
            for (MarkdownPage.Link link : page.links()) {
                problem(page, link.target()).ifPresent(p -> broken.add(file + ":" + link.line() + ": "
                        + link.target() + ": " + p));
            }
        }
        assertEquals(List.of(), broken, "broken links (fix the link, or the heading it points to)");
    }

    @Test
    void slugsFollowGithubsRules() {
        assertEquals("idxmig-bench-and-idxmig-migrate---benchmark",
                MarkdownPage.slug("`idxmig bench` and `idxmig migrate --benchmark`"));
        assertEquals("safe-online-index-builds-postgresql", MarkdownPage.slug("Safe online index builds (PostgreSQL)"));
        assertEquals("recipe-add-a-database-say-mysql-or-mariadb",
                MarkdownPage.slug("Recipe: add a database (say MySQL or MariaDB)"));
        assertEquals("invalid-index-error", MarkdownPage.slug("`invalid-index` (error)"));
    }

    @Test
    void theLinkTestSeesEveryPageAndTheirLinks() {
        List<Path> pages = MarkdownPage.all();
        assertTrue(pages.contains(Path.of("docs/commands/migrate.md")), pages::toString);
        assertTrue(MarkdownPage.read(Path.of("README.md")).links().size() > 20, "the README links to the manual");
        Set<String> anchors = MarkdownPage.read(Path.of("docs/commands/migrate.md")).anchors();
        assertTrue(anchors.contains("safe-online-index-builds-postgresql"), anchors::toString);
    }

    private static Optional<String> problem(MarkdownPage page, String target) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return Optional.empty(); // http:, https:, mailto:: another site
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? "" : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? page.file() : page.file().toAbsolutePath().getParent().resolve(path).normalize();
        if (!Files.exists(resolved)) {
            return Optional.of("no such file or folder " + resolved);
        }
        if (anchor.isEmpty()) {
            return Optional.empty();
        }
        if (!resolved.toString().endsWith(".md")) {
            return Optional.of("an anchor into a file that is not Markdown");
        }
        Set<String> anchors = MarkdownPage.read(resolved).anchors();
        return anchors.contains(anchor) ? Optional.empty()
                : Optional.of("no heading with anchor #" + anchor + " in " + path);
    }
}
