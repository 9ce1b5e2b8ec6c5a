package dev.idxmig.cli;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.BuildSettings;
import dev.idxmig.config.DatabaseUrls;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.db.ShadowPlace;
import dev.idxmig.shadow.ShadowReplayRequest;
import dev.idxmig.shadow.ShadowReplayService;
import dev.idxmig.shadow.ShadowReport;

import java.util.Optional;

/** The shadow replay of migrate and lint: its flags checked before connecting, then the service, then the report. */
final class ShadowOptions {
    private ShadowOptions() {
    }

    static int replay(BaseCommand command, OutputOptions output, ProjectSettings settings, BuildSettings build,
                      boolean dryRun, boolean shadow, String shadowUrl, String template,
                      Optional<String> targetVersion, boolean conflicting) {
        return replay(command, output, settings, build, validate(dryRun, shadow, shadowUrl, template, conflicting),
                targetVersion);
    }

    /** The replay itself, its flags already checked. */
    static int replay(BaseCommand command, OutputOptions output, ProjectSettings settings, BuildSettings build,
                      ShadowPlace place, Optional<String> targetVersion) {
        ShadowReport report = report(command, settings, build, place, targetVersion);
        output.write(report, command.console(), settings.workDir());
        return report.passed() ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }

    /** The replay's report, not yet written: lint writes it inside its own. */
    static ShadowReport report(BaseCommand command, ProjectSettings settings, BuildSettings build,
                               ShadowPlace place, Optional<String> targetVersion) {
        try (Database db = command.open(settings)) {
            return new ShadowReplayService(db, settings, build, command.console())
                    .replay(new ShadowReplayRequest(place.at(), place.template(), targetVersion));
        }
    }

    static ShadowPlace validate(boolean dryRun, boolean shadow, String shadowUrl, String template,
                                boolean conflicting) {
        if (!shadow) {
            String flag = shadowUrl != null ? "--shadow-url" : "--shadow-template";
            throw IdxmigException.usage(flag + " says " + (shadowUrl != null ? "where" : "from what")
                    + " the shadow of --shadow is made", "add --dry-run --shadow, or leave " + flag + " out");
        }
        if (template != null && !template.matches("[A-Za-z0-9_$.-]{1,63}")) {
            throw IdxmigException.usage("--shadow-template " + template + " is not a database name",
                    "name the template database as PostgreSQL lists it (\\l in psql)");
        }
        if (!dryRun) {
            throw IdxmigException.usage("--shadow replays the migrations on a copy and is a kind of --dry-run",
                    "run migrate --dry-run --shadow");
        }
        if (conflicting) {
            throw IdxmigException.usage("--shadow replays on one target's copy; it does not go with --benchmark or "
                    + "fleet options", "run migrate --dry-run --shadow against one target");
        }
        Optional<String> from = Optional.ofNullable(template);
        if (shadowUrl == null) {
            return new ShadowPlace(Optional.empty(), from);
        }
        try {
            return new ShadowPlace(Optional.of(DatabaseUrls.parse(shadowUrl)), from);
        } catch (RuntimeException e) {
            throw IdxmigException.usage("--shadow-url " + shadowUrl + " is not a database URL: " + e.getMessage(),
                    "write it as jdbc:postgresql://HOST:PORT/NAME");
        }
    }
}
