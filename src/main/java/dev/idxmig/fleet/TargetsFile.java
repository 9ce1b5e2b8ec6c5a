package dev.idxmig.fleet;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.ConnectionSettings;
import dev.idxmig.config.DatabaseUrls;
import dev.idxmig.config.Environment;
import dev.idxmig.config.Secret;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --targets FILE}: the databases of a sharded or per-customer fleet. Credentials come from environment
 * variables the file names, never from the file itself (a {@code password:} key is refused as unknown).
 *
 * <pre>
 * targets:
 *   - name: shard-01
 *     url: jdbc:postgresql://db1.internal:5432/app
 *     user: migrator
 *     password_env: SHARD01_PASSWORD
 *     schema: public          # optional
 * </pre>
 */
final class TargetsFile {
    record Entry(@JsonProperty("name") String name, @JsonProperty("url") String url, @JsonProperty("user") String user,
                 @JsonProperty("password_env") String passwordEnv, @JsonProperty("schema") String schema) {
    }

    record Document(@JsonProperty("targets") List<Entry> targets) {
    }

    private TargetsFile() {
    }

    static List<Target> read(Path file, Environment env, List<String> locations) {
        Document doc;
        try {
            doc = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                    .readValue(file.toFile(), Document.class);
        } catch (JacksonException e) {
            throw IdxmigException.usage(String.format("%s line %d: %s", file,
                            e.getLocation() == null ? 0 : e.getLocation().getLineNr(), e.getOriginalMessage()),
                    "each target takes name, url, user, password_env and schema; passwords only through "
                            + "password_env");
        }
        if (doc == null || doc.targets() == null || doc.targets().isEmpty()) {
            throw IdxmigException.usage("no targets in " + file, "list them under 'targets:'");
        }
        List<Target> targets = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Entry e : doc.targets()) {
            if (e.name() == null || e.url() == null) {
                throw IdxmigException.usage("a target in " + file + " has no name or url", "give each target both");
            }
            if (!names.add(e.name())) {
                throw IdxmigException.usage("two targets in " + file + " are named " + e.name(), "names must be unique");
            }
            ConnectionSettings c = DatabaseUrls.parse(e.url());
            if (c.password().isPresent()) {
                throw IdxmigException.usage("target " + e.name() + " has a password in its url",
                        "put the password in an environment variable and name it with password_env");
            }
            if (e.user() != null) {
                c = c.withUser(e.user());
            }
            if (e.passwordEnv() != null) {
                String name = e.passwordEnv();
                c = c.withPassword(env.get(name).map(Secret::of).orElseThrow(() -> IdxmigException.usage(
                        "target " + e.name() + " reads its password from " + name + ", which is not set",
                        "export " + name)));
            }
            // the URL's own default (MariaDB: the database it names), as a single-target run takes it
            String schema = Optional.ofNullable(e.schema())
                    .orElse(dev.idxmig.db.Dialects.forUrl(c.jdbcUrl()).defaultSchema(c.jdbcUrl()));
            targets.add(new Target(e.name(), c, schema, locations, false));
        }
        return targets;
    }

    static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }
}
