package dev.idxmig.doctor;

import dev.idxmig.base.Finding;
import dev.idxmig.base.Severity;
import dev.idxmig.base.Sizes;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every index's size, scans and cache hit ratio, for information: the details line sums the schema's indexes
 * and gives their overall cache hit ratio (below about 99% on a busy OLTP database, indexes do not fit in
 * shared buffers).
 */
final class IndexSizes extends DoctorCheck {
    IndexSizes() {
        super("index-size", Severity.INFO, "doctor_index_sizes");
    }

    @Override
    Optional<String> contextQuery() {
        return Optional.of("doctor_statistics_age");
    }

    @Override
    Finding finding(Row row, Optional<Row> context) {
        if (row.optionalNumber("scans").isEmpty()) { // no usage counts (MariaDB): the size alone
            return finding(row.text("index_name"), Sizes.human(row.number("size_bytes")) + onTable(row), null);
        }
        long scans = row.number("scans");
        return finding(row.text("index_name"), Sizes.human(row.number("size_bytes")) + onTable(row) + ", " + scans
                + (scans == 1 ? " scan" : " scans") + ", cache hit "
                + ratio(row.number("blocks_hit"), row.number("blocks_read")), null);
    }

    @Override
    List<String> details(List<Row> rows, Optional<Row> context) {
        long bytes = rows.stream().mapToLong(r -> r.number("size_bytes")).sum();
        if (!rows.isEmpty() && rows.stream().allMatch(r -> r.optionalNumber("blocks_hit").isEmpty())) {
            return List.of(String.format(Locale.ROOT, "%d index%s, %s in all (sizes from the database's statistics; "
                    + "no cache counts per index here)", rows.size(), rows.size() == 1 ? "" : "es", Sizes.human(bytes)));
        }
        long hit = rows.stream().mapToLong(r -> r.number("blocks_hit")).sum();
        long read = rows.stream().mapToLong(r -> r.number("blocks_read")).sum();
        return List.of(String.format(Locale.ROOT, "%d index%s, %s in all; index cache hit ratio %s (%d blocks hit, "
                        + "%d read), %s", rows.size(), rows.size() == 1 ? "" : "es", Sizes.human(bytes),
                ratio(hit, read), hit, read, StatisticsAge.describe(context)));
    }

    static String ratio(long hit, long read) {
        return hit + read == 0 ? "n/a (no block reads yet)"
                : String.format(Locale.ROOT, "%.1f%%", 100.0 * hit / (hit + read));
    }
}
