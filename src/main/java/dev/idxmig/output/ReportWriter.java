package dev.idxmig.output;

import dev.idxmig.base.CheckReport;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.lint.LintReport;
import dev.idxmig.migrate.MigrateReport;
import dev.idxmig.status.StatusReport;

import java.io.PrintWriter;

/** Prints any result record in the chosen format. Formatting lives here, never in the records or services. */
public final class ReportWriter {
    private ReportWriter() {
    }

    public static void write(Object report, ReportFormat format, PrintWriter out) {
        switch (format) {
            case JSON:
                JsonReport.write(report, out);
                break;
            case TEXT:
                writeText(report, out);
                break;
            case JUNIT:
                if (!(report instanceof CheckReport)) {
                    throw unsupported(format);
                }
                JunitReport.write((CheckReport) report, out);
                break;
            case MARKDOWN:
                if (report instanceof dev.idxmig.audit.AuditReport audit) {
                    AuditMarkdown.write(audit, out);
                    break;
                }
                if (report instanceof dev.idxmig.advise.AdviseReport advise) {
                    AdviseMarkdown.write(advise, out);
                    break;
                }
                if (!(report instanceof CheckReport)) {
                    throw unsupported(format);
                }
                MarkdownReport.write((CheckReport) report, out);
                break;
            case SARIF:
                // SARIF needs file positions; only lint's findings have them.
                if (!(report instanceof LintReport)) {
                    throw IdxmigException.usage("--format sarif is for lint results", "use --format json, junit "
                            + "or markdown");
                }
                SarifReport.write((LintReport) report, out);
                break;
            default:
                throw new IllegalStateException(format.name());
        }
        out.flush();
    }

    private static void writeText(Object report, PrintWriter out) {
        if (report instanceof dev.idxmig.audit.AuditReport audit) {
            AuditText.write(audit, out);
        } else if (report instanceof MigrateReport) {
            MigrateText.write((MigrateReport) report, out);
        } else if (report instanceof StatusReport) {
            StatusText.write((StatusReport) report, out);
        } else if (report instanceof LintReport) {
            LintText.write((LintReport) report, out);
        } else if (report instanceof dev.idxmig.rollback.RollbackReport) {
            RollbackText.write((dev.idxmig.rollback.RollbackReport) report, out);
        } else if (report instanceof dev.idxmig.backup.BackupReport) {
            BackupText.write((dev.idxmig.backup.BackupReport) report, out);
        } else if (report instanceof dev.idxmig.backup.BackupListReport) {
            BackupText.write((dev.idxmig.backup.BackupListReport) report, out);
        } else if (report instanceof dev.idxmig.backup.RestoreReport) {
            BackupText.write((dev.idxmig.backup.RestoreReport) report, out);
        } else if (report instanceof CheckReport) {
            CheckText.write((CheckReport) report, out);
        } else if (report instanceof dev.idxmig.advise.AdviseReport advise) {
            AdviseText.write(advise, out);
        } else {
            throw new IllegalStateException("no text form for " + report.getClass().getSimpleName());
        }
    }

    private static IdxmigException unsupported(ReportFormat format) {
        return IdxmigException.usage("--format " + format.label() + " is for check results (verify, plan-check, "
                + "lint, doctor, bench)", "use --format text or --format json for this command");
    }
}
