package dev.idxmig.base;

import java.util.ArrayList;
import java.util.List;

/**
 * The numbers of a report side by side (bench: one row per query), as cells already formatted for people. Text
 * prints it as aligned columns under the summary line, Markdown as a table; JSON carries the measurements
 * themselves instead.
 *
 * @param header column names, lower case
 */
public record Table(List<String> header, List<List<String>> rows) {

    public Table {
        header = List.copyOf(header);
        List<List<String>> copied = new ArrayList<>();
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("row " + row + " has " + row.size() + " cells, the header "
                        + header.size());
            }
            copied.add(List.copyOf(row));
        }
        rows = List.copyOf(copied);
    }
}
