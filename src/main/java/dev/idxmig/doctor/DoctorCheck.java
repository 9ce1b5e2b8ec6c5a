package dev.idxmig.doctor;

import dev.idxmig.base.Finding;
import dev.idxmig.base.Severity;

import java.util.List;
import java.util.Optional;

/**
 * One doctor check: a SQL resource ({@code sql/<dialect>/<query>.sql}, bound to the schema and internal tables)
 * and how its rows become findings. {@link DoctorService} runs every check whose query exists for the database,
 * so a check that only PostgreSQL can answer simply has no SQLite file. Adding a check means a subclass and a
 * SQL file, nothing else.
 */
abstract class DoctorCheck {
    private final String id;
    private final Severity severity;
    private final String query;

    DoctorCheck(String id, Severity severity, String query) {
        this.id = id;
        this.severity = severity;
        this.query = query;
    }

    /** The check's id, as findings and reports name it: {@code unused-index}. */
    final String id() {
        return id;
    }

    final Severity severity() {
        return severity;
    }

    final String query() {
        return query;
    }

    /** A one-row query, without parameters, whose row every mapping method receives (statistics age). */
    Optional<String> contextQuery() {
        return Optional.empty();
    }

    abstract Finding finding(Row row, Optional<Row> context);

    /** The drop this row suggests for {@code --write-migration}, if the check's findings are droppable. */
    Optional<IndexDrop> drop(Row row, Optional<Row> context) {
        return Optional.empty();
    }

    /** Lines under the check in every format, e.g. how long statistics have been collected. */
    List<String> details(List<Row> rows, Optional<Row> context) {
        return List.of();
    }

    final Finding finding(String object, String message, String hint) {
        return new Finding(id, severity, object, message, Optional.ofNullable(hint));
    }

    static String onTable(Row row) {
        return " on " + row.text("table_name");
    }

    static String size(Row row) {
        return row.optionalNumber("size_bytes").map(b -> ", " + dev.idxmig.base.Sizes.human(b)).orElse("");
    }
}
