package dev.idxmig.advise;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.checks.ChecksFile;
import dev.idxmig.checks.QueryCheck;
import dev.idxmig.script.SqlStatement;
import dev.idxmig.script.StatementSplitter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The workload sources read from files, before anything connects: a queries file and the checks file. */
public final class Workloads {
    private Workloads() {
    }

    /** One query per statement of the file, read with the project's SQL reader; each named {@code FILE:LINE}. */
    public static List<WorkloadQuery> queriesFile(Path file, Path workDir) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw IdxmigException.usage("cannot read the queries file " + file + ": " + e.getMessage(),
                    "pass --queries FILE with one SQL statement per entry, separated by ';'");
        }
        String shown = shown(file, workDir);
        List<WorkloadQuery> out = new ArrayList<>();
        for (SqlStatement s : StatementSplitter.split(text)) {
            String sql = s.sql().strip();
            if (sql.isEmpty() || sql.replaceAll("(?m)--.*$", "").isBlank()) {
                continue;
            }
            out.add(WorkloadQuery.fromFile(shown + ":" + s.line(), shown + " line " + s.line(), "queries",
                    stripSemicolon(sql), List.of(), false));
        }
        if (out.isEmpty()) {
            throw IdxmigException.usage(file + " holds no query", "write one SQL statement per entry, "
                    + "separated by ';'");
        }
        return out;
    }

    /** Every check's query (those meant for this database), with its parameters and plan kind. */
    public static List<WorkloadQuery> checks(ChecksFile file, String database, Path workDir) {
        String shown = shown(file.path(), workDir);
        List<WorkloadQuery> out = new ArrayList<>();
        for (QueryCheck c : file.checks()) {
            if (c.runsOn(database)) {
                out.add(WorkloadQuery.fromFile(c.name(), shown + ", check '" + c.name() + "'", "checks", c.sql(),
                        c.params(), c.genericPlan()));
            }
        }
        return out;
    }

    private static String stripSemicolon(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1).strip() : s;
    }

    private static String shown(Path file, Path workDir) {
        Path abs = file.toAbsolutePath().normalize();
        Path wd = workDir.toAbsolutePath().normalize();
        return abs.startsWith(wd) ? wd.relativize(abs).toString() : file.toString();
    }
}
