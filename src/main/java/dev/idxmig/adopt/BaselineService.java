package dev.idxmig.adopt;

import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.db.IndexInfo;
import dev.idxmig.db.RunnerLock;
import dev.idxmig.migrate.SchemaAdoption;
import dev.idxmig.script.Version;

import java.util.List;

/**
 * {@code idxmig baseline}: adopts a schema that holds no migration history yet. Under the runner lock it creates
 * Flyway's history table with one baseline row and records every existing index as adopted at that version. Refuses
 * a schema that already has a history: adopting twice would hide what the history says.
 */
public final class BaselineService {
    private final Database database;
    private final ProjectSettings settings;
    private final Diagnostics diagnostics;

    public BaselineService(Database database, ProjectSettings settings, Diagnostics diagnostics) {
        this.database = database;
        this.settings = settings;
        this.diagnostics = diagnostics;
    }

    public BaselineReport baseline(BaselineRequest request) {
        String version = SchemaAdoption.checkVersion(request.version());
        SchemaAdoption adoption = new SchemaAdoption(database, settings, diagnostics);
        refuseIfAdopted(adoption.inspect(), version);
        try (RunnerLock ignored = database.dialect().lockRunners(database, settings.lockWait())) {
            SchemaAdoption.State state = adoption.inspect(); // again under the lock: another runner may have been first
            refuseIfAdopted(state, version);
            adoption.adopt(version, request.description(), state.tables());
            List<String> indexes = database.snapshot().withConstraints().stream().map(IndexInfo::name).toList();
            return new BaselineReport(database.productVersion(), database.schema(), database.historyTable(), version,
                    request.description(), state.tables(), indexes);
        }
    }

    private static void refuseIfAdopted(SchemaAdoption.State state, String version) {
        if (state.history()) {
            String lower = state.current().filter(c -> Version.parse(version).compareTo(Version.parse(c)) < 0)
                    .map(c -> "; baseline version " + version + " is lower than applied version " + c).orElse("");
            throw IdxmigException.usage("schema " + state.schema() + " already has a migration history ("
                            + state.historyTable() + state.current().map(c -> ", at version " + c).orElse("")
                            + ")" + lower + "; nothing was changed",
                    "it is adopted already: 'idxmig status' shows its history, 'idxmig migrate' applies what is "
                            + "pending");
        }
        if (!state.otherHistories().isEmpty()) {
            throw SchemaAdoption.notAdopted(state);
        }
    }
}
