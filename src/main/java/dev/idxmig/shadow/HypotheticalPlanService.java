package dev.idxmig.shadow;

import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.checks.ChecksFile;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.CatalogSnapshot;
import dev.idxmig.db.Database;
import dev.idxmig.db.ShadowPlace;
import dev.idxmig.db.HypotheticalIndexes;
import dev.idxmig.db.ShadowCopy;
import dev.idxmig.plan.Hypothesis;
import dev.idxmig.plan.PlanCheckOptions;
import dev.idxmig.plan.PlanCheckReport;
import dev.idxmig.plan.PlanCheckService;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * plan-check against the indexes pending migrations would create or drop, before anything is built. Where the
 * database has hypothetical indexes (PostgreSQL with HypoPG) they are made in one session on the target itself,
 * with its real statistics, and nothing is written; elsewhere (SQLite) the pending index statements run in a copy
 * of the schema and its planner statistics, which plans as the target would. Then every check is judged as
 * plan-check judges it, its verdicts marked hypothetical.
 */
public final class HypotheticalPlanService {
    private final Database target;
    private final ProjectSettings settings;
    private final Diagnostics diagnostics;

    public HypotheticalPlanService(Database target, ProjectSettings settings, Diagnostics diagnostics) {
        this.target = target;
        this.settings = settings;
        this.diagnostics = diagnostics;
    }

    /** Collects the hypothesis while the pending statements are made, in migration order. */
    private static final class Collected {
        final Map<String, String> planNames = new HashMap<>();
        final Set<String> created = new HashSet<>();
        final Map<String, String> dropped = new HashMap<>();
        final Set<String> hidden = new HashSet<>();
        final Map<String, Hypothesis.Unmodelled> notCheckable = new HashMap<>();
        int made;

        Hypothesis hypothesis(String how, boolean rowless) {
            return new Hypothesis(how + ", " + made + " pending index statement" + (made == 1 ? "" : "s"),
                    planNames, created, dropped, hidden, notCheckable, rowless);
        }
    }

    public PlanCheckReport check(ChecksFile file, PlanCheckOptions options) {
        file.select(options.only()); // a misspelt --check stops here
        List<PendingIndexChange> changes = PendingIndexChanges.of(target, settings);
        Optional<HypotheticalIndexes> hypothetical = target.dialect().hypotheticalIndexes();
        try {
            return hypothetical.isPresent() ? onTarget(hypothetical.get(), changes, file, options)
                    : onCopy(changes, file, options);
        } catch (SQLException e) {
            throw IdxmigException.operation("plan-check --hypothetical lost its database connection: "
                    + target.masker().mask(e.getMessage()), "check the server and run it again", e);
        }
    }

    private PlanCheckReport onTarget(HypotheticalIndexes hypo, List<PendingIndexChange> changes, ChecksFile file,
                                     PlanCheckOptions options) throws SQLException {
        try (Connection c = target.connect()) {
            hypo.require(c, target.schema());
            try {
                CatalogSnapshot catalog = target.snapshot(c);
                boolean canHide = hypo.canHide(c);
                Collected k = new Collected();
                Map<String, String> pendingPlanName = new HashMap<>();
                for (PendingIndexChange change : changes) {
                    String name = change.index().orElse("");
                    if (change.kind() == PendingIndexChange.Kind.CREATE) {
                        if (change.ifNotExists() && catalog.find(name).isPresent()) {
                            diagnostics.detail("hypothetical: " + name + " exists, " + change.where()
                                    + " (IF NOT EXISTS) changes nothing");
                            continue;
                        }
                        try {
                            String planName = hypo.create(c, change.plain());
                            String as = name.isEmpty() ? planName : name;
                            k.planNames.put(planName, as);
                            k.created.add(as);
                            k.dropped.remove(as);
                            pendingPlanName.put(as, planName);
                            k.made++;
                            diagnostics.detail("hypothetical: " + as + " from " + change.where() + " as " + planName);
                        } catch (SQLException e) {
                            k.notCheckable.put(name, new Hypothesis.Unmodelled(change.where(), change.plain(),
                                    target.masker().mask(String.valueOf(e.getMessage())).strip()));
                        }
                    } else {
                        k.made++;
                        k.dropped.put(name, change.where());
                        k.created.remove(name);
                        String planName = pendingPlanName.remove(name);
                        if (planName != null) {
                            hypo.drop(c, planName);
                            k.hidden.add(name);
                        } else if (canHide && hypo.hide(c, target.schema(), name)) {
                            k.hidden.add(name);
                        }
                    }
                }
                return new PlanCheckService(target, diagnostics).check(c, file, options,
                        k.hypothesis(hypo.describe(c) + " on the target", false));
            } finally {
                hypo.reset(c);
            }
        }
    }

    private PlanCheckReport onCopy(List<PendingIndexChange> changes, ChecksFile file, PlanCheckOptions options)
            throws SQLException {
        try (ShadowCopy copy = target.dialect().shadowCopies().copy(target, ShadowPlace.besideTarget(), true, diagnostics)) {
            Database db = copy.database();
            diagnostics.detail("hypothetical: " + copy.description());
            try (Connection c = db.connect()) {
                CatalogSnapshot catalog = db.snapshot(c);
                Collected k = new Collected();
                for (PendingIndexChange change : changes) {
                    String name = change.index().orElse("");
                    if (change.kind() == PendingIndexChange.Kind.CREATE && change.ifNotExists()
                            && catalog.find(name).isPresent()) {
                        continue;
                    }
                    try (Statement st = c.createStatement()) {
                        st.execute(change.written());
                        k.made++;
                        if (change.kind() == PendingIndexChange.Kind.CREATE) {
                            k.created.add(name);
                            k.dropped.remove(name);
                        } else {
                            k.dropped.put(name, change.where());
                            k.hidden.add(name);
                            k.created.remove(name);
                        }
                    } catch (SQLException e) {
                        k.notCheckable.put(name, new Hypothesis.Unmodelled(change.where(), change.written(),
                                String.valueOf(e.getMessage()).strip()));
                    }
                }
                return new PlanCheckService(db, diagnostics).check(c, file, options,
                        k.hypothesis("schema and statistics copy", true));
            }
        }
    }
}
