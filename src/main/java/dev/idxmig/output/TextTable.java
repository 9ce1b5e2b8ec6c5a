package dev.idxmig.output;

import dev.idxmig.base.Table;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Aligned columns for people reading a terminal. */
public final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable(String... header) {
        this.header = List.of(header);
    }

    /** A report's table, its header in capitals as every table in text output. */
    static TextTable of(Table table) {
        TextTable text = new TextTable(table.header().stream().map(h -> h.toUpperCase(java.util.Locale.ROOT))
                .toArray(String[]::new));
        table.rows().forEach(r -> text.row(r.toArray()));
        return text;
    }

    public TextTable row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public void print(PrintWriter out, String indent) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], i < row.size() ? row.get(i).length() : 0);
            }
        }
        printRow(out, indent, header, widths);
        for (List<String> row : rows) {
            printRow(out, indent, row, widths);
        }
    }

    private static void printRow(PrintWriter out, String indent, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder(indent);
        for (int i = 0; i < widths.length; i++) {
            String cell = i < cells.size() ? cells.get(i) : "";
            line.append(cell);
            if (i < widths.length - 1) {
                line.append(" ".repeat(widths[i] - cell.length() + 2));
            }
        }
        out.println(line.toString().stripTrailing());
    }
}
