package dev.idxmig.fleet;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.Environment;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Resolves a {@link TargetSelection} into the list of targets, shared schema first. */
public final class Targets {
    private Targets() {
    }

    public static List<Target> resolve(TargetSelection selection, ProjectSettings settings, Environment env) {
        List<Target> targets = new ArrayList<>();
        if (selection.targetsFile().isPresent()) {
            java.nio.file.Path file = env.workDir().resolve(selection.targetsFile().get());
            if (!TargetsFile.exists(file)) {
                throw IdxmigException.usage("targets file not found: " + file, "check the --targets path");
            }
            targets.addAll(TargetsFile.read(file, env, settings.locations()));
            return targets;
        }
        try (Database db = Database.open(settings.connection(), settings.schema())) {
            String label = db.dialect().server(settings.connection().jdbcUrl());
            if (!selection.sharedLocations().isEmpty()) {
                String shared = selection.sharedSchema().orElse(db.dialect().defaultSchema());
                targets.add(new Target(shared + " (shared)", settings.connection(), shared,
                        selection.sharedLocations(), true));
            }
            for (String schema : schemaNames(db, selection)) {
                targets.add(new Target(schema, settings.connection(), schema, settings.locations(), false));
            }
            if (targets.isEmpty()) {
                throw IdxmigException.usage("no schema on " + label + " matches " + describe(selection),
                        "check the names or pattern; list the schemas with \\dn in psql");
            }
        }
        return targets;
    }

    private static List<String> schemaNames(Database db, TargetSelection selection) {
        Set<String> names = new LinkedHashSet<>();
        try (Connection c = db.connect()) {
            if (selection.schemasQuery().isPresent()) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(selection.schemasQuery().get())) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            if (!selection.schemas().isEmpty()) {
                List<String> existing = db.dialect().schemas(c);
                for (String wanted : selection.schemas()) {
                    if (isPattern(wanted)) {
                        Pattern p = glob(wanted);
                        existing.stream().filter(s -> p.matcher(s).matches()).forEach(names::add);
                    } else {
                        names.add(wanted);
                    }
                }
            }
        } catch (SQLException e) {
            throw IdxmigException.usage("cannot list the target schemas: " + db.masker().mask(e.getMessage()),
                    "check the --schemas-query SQL");
        }
        return new ArrayList<>(names);
    }

    private static boolean isPattern(String s) {
        return s.contains("*") || s.contains("?");
    }

    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            if (ch == '*') {
                re.append(".*");
            } else if (ch == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString());
    }

    private static String describe(TargetSelection s) {
        return s.schemasQuery().map(q -> "the query '" + q + "'").orElse("--schemas " + String.join(",", s.schemas()));
    }

}
