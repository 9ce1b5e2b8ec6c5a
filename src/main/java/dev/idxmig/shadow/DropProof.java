package dev.idxmig.shadow;

import dev.idxmig.base.CheckResult;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.Finding;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.checks.ChecksFile;
import dev.idxmig.db.Database;
import dev.idxmig.db.ShadowPlace;
import dev.idxmig.db.HypotheticalIndexes;
import dev.idxmig.db.ShadowCopy;
import dev.idxmig.doctor.DoctorReport;
import dev.idxmig.doctor.IndexDrop;
import dev.idxmig.plan.Hypothesis;
import dev.idxmig.plan.PlanCheckMode;
import dev.idxmig.plan.PlanCheckOptions;
import dev.idxmig.plan.PlanCheckReport;
import dev.idxmig.plan.PlanCheckService;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code doctor --hypothetical}: before an index doctor proposes to drop goes into the drop migration, every check
 * is planned again without it (PostgreSQL: hidden with HypoPG's {@code hypopg_hide_index} where HypoPG 1.4+ has
 * it; SQLite: dropped in a copy of the schema and statistics). An index a check names, or without which a check
 * that passes now fails, stays out of the migration, and the report says which check needs it.
 */
public final class DropProof {
    private static final String CHECK = "drop proof";

    private final Database target;
    private final Diagnostics diagnostics;

    public DropProof(Database target, Diagnostics diagnostics) {
        this.target = target;
        this.diagnostics = diagnostics;
    }

    /** The report with the proof's findings added and only the proven drops left in {@code drops}. */
    public DoctorReport prove(DoctorReport report, ChecksFile checks) {
        if (report.drops().isEmpty()) {
            return report;
        }
        PlanCheckOptions options = new PlanCheckOptions(PlanCheckMode.CHOSEN, false, List.of());
        Optional<HypotheticalIndexes> hypothetical = target.dialect().hypotheticalIndexes();
        try {
            if (hypothetical.isPresent()) {
                return onTarget(hypothetical.get(), report, checks, options);
            }
            // A copy per proposal: dropping an index also drops its statistics, so one copy cannot be put back.
            PlanCheckReport now;
            try (ShadowCopy copy = copy(); Connection c = copy.database().connect()) {
                now = plans(copy.database(), c, checks, options, Hypothesis.NONE);
            }
            return judge(report, now, drop -> {
                try (ShadowCopy copy = copy(); Connection c = copy.database().connect()) {
                    try (Statement st = c.createStatement()) {
                        st.execute(drop.statement());
                    }
                    return plans(copy.database(), c, checks, options, new Hypothesis(
                            "schema and statistics copy, index dropped there", Map.of(), Set.of(),
                            Map.of(drop.index(), "doctor's proposal"), Set.of(drop.index()), Map.of(), true));
                }
            });
        } catch (SQLException e) {
            throw IdxmigException.operation("doctor --hypothetical lost its database connection: "
                    + target.masker().mask(e.getMessage()), "check the server and run it again", e);
        }
    }

    private DoctorReport onTarget(HypotheticalIndexes hypo, DoctorReport report, ChecksFile checks,
                                  PlanCheckOptions options) throws SQLException {
        try (Connection c = target.connect()) {
            hypo.require(c, target.schema());
            try {
                boolean canHide = hypo.canHide(c);
                String how = hypo.describe(c) + (canHide ? ", index hidden" : ", which cannot hide indexes (1.4+ can)");
                PlanCheckReport now = plans(target, c, checks, options, Hypothesis.NONE);
                return judge(report, now, drop -> {
                    try {
                        if (canHide) {
                            hypo.hide(c, target.schema(), drop.index());
                        }
                        return plans(target, c, checks, options, new Hypothesis(how, Map.of(), Set.of(),
                                Map.of(drop.index(), "doctor's proposal"), canHide ? Set.of(drop.index()) : Set.of(),
                                Map.of(), false));
                    } finally {
                        hypo.reset(c);
                        hypo.require(c, target.schema());
                    }
                });
            } finally {
                hypo.reset(c);
            }
        }
    }

    private ShadowCopy copy() {
        return target.dialect().shadowCopies().copy(target, ShadowPlace.besideTarget(), true, diagnostics);
    }

    private static PlanCheckReport plans(Database db, Connection c, ChecksFile checks, PlanCheckOptions options,
                                         Hypothesis hypothesis) throws SQLException {
        return new PlanCheckService(db, Diagnostics.silent()).check(c, checks, options, hypothesis);
    }

    private interface Without {
        PlanCheckReport plans(IndexDrop drop) throws SQLException;
    }

    private DoctorReport judge(DoctorReport report, PlanCheckReport now, Without without) throws SQLException {
        List<String> passingNow = now.checks().stream().filter(CheckResult::passed).map(CheckResult::name).toList();
        List<Finding> findings = new ArrayList<>();
        List<IndexDrop> proven = new ArrayList<>();
        for (IndexDrop drop : report.drops()) {
            PlanCheckReport after = without.plans(drop);
            List<String> needing = after.checks().stream().filter(r -> !r.passed())
                    .map(CheckResult::name).filter(passingNow::contains).toList();
            if (needing.isEmpty()) {
                proven.add(drop);
                findings.add(Finding.info(CHECK, drop.index(), "no check needs " + drop.index() + ": all "
                        + passingNow.size() + " passing checks still pass without it"));
            } else {
                findings.add(Finding.warning(CHECK, drop.index(), drop.index() + " is still needed by check "
                                + String.join(", ", needing.stream().map(n -> "'" + n + "'").toList())
                                + ": left out of the drop migration",
                        "keep it, or change the check first if the query is gone"));
            }
            diagnostics.detail("drop proof: " + drop.index() + (needing.isEmpty() ? " not needed" : " needed by "
                    + needing));
        }
        List<CheckResult> results = new ArrayList<>(report.checks());
        results.add(new CheckResult(CHECK, findings, List.of("every check planned again without each index doctor "
                + "proposes to drop; " + proven.size() + " of " + report.drops().size() + " proven"), 0));
        return new DoctorReport(report.title(), results, proven);
    }
}
