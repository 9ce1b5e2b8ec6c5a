package dev.idxmig.doctor;

import java.util.Map;
import java.util.Optional;

/**
 * One result row of a doctor query, by lower-case column name. Checks read rows, never a live
 * {@code ResultSet}, so a check's mapping is a plain function of the row. Booleans come as {@code Boolean}
 * from PostgreSQL and as integers from SQLite; {@link #flag} reads both.
 */
record Row(Map<String, Object> values) {

    String text(String column) {
        return optionalText(column).orElseThrow(() -> new IllegalStateException("no value in column " + column));
    }

    Optional<String> optionalText(String column) {
        Object v = values.get(column);
        return v == null ? Optional.empty() : Optional.of(v.toString());
    }

    long number(String column) {
        Object v = values.get(column);
        return v instanceof Number ? ((Number) v).longValue() : 0L;
    }

    Optional<Long> optionalNumber(String column) {
        Object v = values.get(column);
        return v instanceof Number ? Optional.of(((Number) v).longValue()) : Optional.empty();
    }

    boolean flag(String column) {
        Object v = values.get(column);
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        return v instanceof Number && ((Number) v).longValue() != 0;
    }
}
