package dev.idxmig.advise;

import dev.idxmig.db.PlanNode;
import dev.idxmig.db.QueryPlan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Candidate indexes read from one query's plan, as a pure function of the plan, the query's text and the real
 * columns of its tables. Every node that reads a table with a filter it could have answered from an index (a
 * sequential scan, or an index scan whose filter still throws rows away), every sort over such a scan and every
 * join key of a scanned table gives its columns; they are ordered the usual way: equality columns, then one range
 * column, then the sort order. A constant condition a query repeats ({@code status = 'open'}, {@code deleted_at IS
 * NULL}) also gives a partial index, and where the database has {@code INCLUDE}, the other columns the query names
 * give a covering one.
 */
public final class CandidateExtraction {
    /** Nodes a sort order passes through unchanged on its way down to the scan it orders. */
    private static final Set<String> ORDER_PRESERVING = Set.of("Limit", "Gather Merge", "Gather", "Result",
            "Incremental Sort", "Sort", "Unique");
    private static final Pattern WORD = Pattern.compile("\"([^\"]+)\"|'(?:[^']|'')*'|([A-Za-z_][\\w$]*)");
    private static final int MAX_INCLUDE = 4;

    private CandidateExtraction() {
    }

    /**
     * The facts about the tables a plan reads that candidates are made from.
     *
     * @param columns    each table (as plans name it) to its columns, lower case; a table not here gives nothing
     * @param fewValues  each table to its columns with few distinct values (a status): a string constant on one of
     *                   them makes a partial index, one on any other column (an author's name) does not
     * @param include    whether the database has covering indexes ({@code INCLUDE})
     */
    public record Tables(Map<String, Set<String>> columns, Map<String, Set<String>> fewValues, boolean include) {
        public Tables {
            columns = Map.copyOf(columns);
            fewValues = Map.copyOf(fewValues);
        }
    }

    public static List<Candidate> from(QueryPlan plan, String sql, Tables tables) {
        Set<Candidate> out = new LinkedHashSet<>();
        // SQLite prints its sort (USE TEMP B-TREE FOR ORDER BY) beside the scan, not above it
        boolean tempSort = plan.nodes().stream().anyMatch(n -> n.label().toUpperCase(Locale.ROOT)
                .contains("TEMP B-TREE FOR ORDER BY") || n.label().toUpperCase(Locale.ROOT)
                .contains("TEMP B-TREE FOR RIGHT PART OF ORDER BY"));
        walk(plan.root(), tempSort ? List.of(TEMP_SORT) : List.of(), sql, tables, out);
        return List.copyOf(out);
    }

    private static void walk(PlanNode node, List<String> sortKeys, String sql, Tables tables, Set<Candidate> out) {
        List<String> order = node.detail("Sort Key").map(CandidateExtraction::splitKeys).orElse(sortKeys);
        if (node.table().isPresent() && !node.operation().equals("Bitmap Index Scan")) {
            scan(node, order, sql, tables, out);
        }
        boolean passes = node.children().size() == 1 && ORDER_PRESERVING.contains(node.operation());
        for (PlanNode child : node.children()) {
            walk(child, passes || order.contains(TEMP_SORT) ? order : List.of(), sql, tables, out);
        }
        joinKeys(node, tables.columns(), out);
    }

    private static void scan(PlanNode node, List<String> sorted, String sql, Tables tables, Set<Candidate> out) {
        List<String> order = sorted;
        String folded = node.table().get().toLowerCase(Locale.ROOT);
        String table = Condition.identifier(node.table().get());
        Set<String> cols = tables.columns().get(folded);
        if (cols == null) {
            return;
        }
        boolean fromText = node.details().isEmpty();
        Optional<String> alias = fromText ? QueryText.alias(sql, folded) : node.detail("Alias");
        List<Condition> conditions = new ArrayList<>();
        // a plan without details (SQLite's) names the table, not its filter: the query's WHERE says it
        (fromText ? QueryText.where(sql) : node.detail("Filter"))
                .ifPresent(f -> conditions.addAll(Condition.read(f, cols, alias)));
        if (fromText && sortsWithoutIndex(order)) {
            order = QueryText.orderBy(sql);
        }
        boolean fullScan = node.access() == PlanNode.Access.FULL_SCAN;
        if (!fullScan && conditions.isEmpty()) {
            return; // an index already answers it and throws nothing away
        }
        // an index scan with a filter left over: its index condition belongs in the new index too
        node.detail("Index Cond").or(() -> node.detail("Recheck Cond")).ifPresent(f -> conditions.addAll(0, Condition.read(f, cols, alias)));
        List<String> sort = sortColumns(order, cols, alias);
        if (conditions.isEmpty() && sort.isEmpty()) {
            return;
        }
        Set<String> few = tables.fewValues().getOrDefault(folded, Set.of());
        List<Condition> usable = conditions.stream().map(c -> c.constant().isPresent() && c.literal()
                && !few.contains(Condition.plain(c.key())) ? new Condition(c.key(), c.kind(), Optional.empty(), false) : c).toList();
        shapes(table, usable, sort, coveredColumns(sql, cols), tables.include(), out);
    }

    /** The candidates of one scan: the full key, the partial form of its repeated constants, the covering form. */
    private static void shapes(String table, List<Condition> conditions, List<String> sort, List<String> mentioned,
                               boolean include, Set<Candidate> out) {
        List<String> equality = keysOf(conditions, Condition.Kind.EQUALITY);
        List<String> range = keysOf(conditions, Condition.Kind.RANGE);
        List<String> keys = ordered(equality, range, sort);
        if (!keys.isEmpty()) {
            out.add(new Candidate(table, keys, equality.size(), List.of(), Optional.empty(),
                    shape(equality, range, sort)));
            covering(table, keys, equality.size(), Optional.empty(), mentioned, include, out);
        }
        List<String> constants = conditions.stream().filter(c -> c.constant().isPresent())
                .map(c -> c.constant().get()).distinct().toList();
        if (constants.isEmpty()) {
            return;
        }
        Set<String> constantKeys = new LinkedHashSet<>();
        conditions.stream().filter(c -> c.constant().isPresent()).forEach(c -> constantKeys.add(c.key()));
        List<String> restEquality = equality.stream().filter(k -> !constantKeys.contains(k)).toList();
        List<String> partialKeys = ordered(restEquality, range, sort);
        if (partialKeys.isEmpty()) {
            return; // an index over the constant's own column only: the plain candidate says it better
        }
        Optional<String> predicate = Optional.of(String.join(" AND ", constants));
        out.add(new Candidate(table, partialKeys, restEquality.size(), List.of(), predicate,
                "partial: " + shape(restEquality, range, sort)));
        covering(table, partialKeys, restEquality.size(), predicate, mentioned, include, out);
    }

    private static void covering(String table, List<String> keys, int equality, Optional<String> predicate,
                                 List<String> mentioned, boolean include, Set<Candidate> out) {
        if (!include || mentioned.isEmpty()) {
            return;
        }
        Set<String> inKeys = new LinkedHashSet<>();
        keys.forEach(k -> inKeys.add(bare(k)));
        List<String> extra = mentioned.stream().filter(c -> !inKeys.contains(bare(c))
                && predicate.map(p -> !Condition.plain(p.replace("\"", "")).matches("(?s).*\\b"
                        + Pattern.quote(bare(c)) + "\\b.*")).orElse(true)).toList();
        if (!extra.isEmpty() && extra.size() <= MAX_INCLUDE) {
            out.add(new Candidate(table, keys, equality, extra, predicate, "covering"
                    + predicate.map(p -> " partial").orElse("")));
        }
    }

    /** Equality keys, one range key (a btree serves one range), then the sort keys not already there. */
    static List<String> ordered(List<String> equality, List<String> range, List<String> sort) {
        List<String> keys = new ArrayList<>(equality);
        Set<String> seen = new LinkedHashSet<>();
        equality.forEach(k -> seen.add(bare(k)));
        List<String> sortLeft = sort.stream().filter(s -> !seen.contains(bare(s))).toList();
        Optional<String> firstRange = range.stream().filter(r -> !seen.contains(bare(r))).findFirst();
        if (firstRange.isPresent()) {
            // the range key takes the sort's direction when the sort leads with it
            String range1 = bare(firstRange.get());
            Optional<String> sortedAs = sortLeft.stream().filter(s -> bare(s).equals(range1)).findFirst();
            keys.add(sortedAs.orElse(firstRange.get()));
            seen.add(range1);
            if (!sortLeft.isEmpty() && !bare(sortLeft.get(0)).equals(range1)) {
                return keys; // after a range the index is no longer in the sort's order
            }
        }
        sortLeft.stream().filter(s -> seen.add(bare(s))).forEach(keys::add);
        return keys;
    }

    private static List<String> keysOf(List<Condition> conditions, Condition.Kind kind) {
        Set<String> keys = new LinkedHashSet<>();
        conditions.stream().filter(c -> c.kind() == kind).forEach(c -> keys.add(c.key()));
        return List.copyOf(keys);
    }

    private static String shape(List<String> equality, List<String> range, List<String> sort) {
        List<String> parts = new ArrayList<>();
        if (!equality.isEmpty()) {
            parts.add("equality");
        }
        if (!range.isEmpty()) {
            parts.add("range");
        }
        if (!sort.isEmpty()) {
            parts.add("sort");
        }
        return String.join(", ", parts);
    }

    /** A plan without details marks its sort as a node of its own ({@code USE TEMP B-TREE FOR ORDER BY}). */
    private static boolean sortsWithoutIndex(List<String> order) {
        return order.contains(TEMP_SORT);
    }

    private static final String TEMP_SORT = "\u0000sort";

    private static List<String> splitKeys(String sortKey) {
        return Condition.splitTopLevel(sortKey, ", ");
    }

    /** A key without its direction: {@code placed_at DESC} is {@code placed_at}. */
    static String bare(String key) {
        return Condition.plain(key.replaceAll("(?i)\\s+(asc|desc)(\\s+nulls\\s+(first|last))?$", ""));
    }

    /** The sort keys of this table, in order, up to the first that is not (the rest cannot come from its index). */
    private static List<String> sortColumns(List<String> order, Set<String> cols, Optional<String> alias) {
        List<String> keys = new ArrayList<>();
        for (String k : order) {
            Matcher dir = Pattern.compile("(?i)^(.+?)(\\s+(?:asc|desc))?(\\s+nulls\\s+(?:first|last))?$")
                    .matcher(k.strip());
            if (!dir.matches()) {
                break;
            }
            Optional<String> key = Condition.key(dir.group(1), cols, alias);
            if (key.isEmpty()) {
                break;
            }
            keys.add(key.get() + (dir.group(2) == null ? "" : dir.group(2).toUpperCase(Locale.ROOT))
                    + (dir.group(3) == null ? "" : dir.group(3).toUpperCase(Locale.ROOT)));
        }
        return keys;
    }

    /**
     * Join keys: a hash or merge join's condition, or a nested loop's join filter, names a column of a table it
     * scans in full.
     */
    private static void joinKeys(PlanNode node, Map<String, Set<String>> columns, Set<Candidate> out) {
        Optional<String> cond = node.detail("Hash Cond").or(() -> node.detail("Merge Cond"))
                .or(() -> node.detail("Join Filter"));
        if (cond.isEmpty()) {
            return;
        }
        for (PlanNode scan : node.flatten()) {
            if (scan.access() != PlanNode.Access.FULL_SCAN || scan.table().isEmpty()) {
                continue;
            }
            String folded = scan.table().get().toLowerCase(Locale.ROOT);
            Set<String> cols = columns.get(folded);
            if (cols == null) {
                continue;
            }
            Optional<String> alias = scan.detail("Alias").or(() -> scan.table());
            for (Condition c : Condition.read(cond.get(), cols, alias)) {
                if (c.kind() == Condition.Kind.JOIN && qualifiedBy(cond.get(), alias.get(), c.key())) {
                    out.add(new Candidate(Condition.identifier(scan.table().get()), List.of(c.key()), 1, List.of(),
                            Optional.empty(), "join key"));
                }
            }
        }
    }

    private static boolean qualifiedBy(String condition, String alias, String column) {
        return condition.matches("(?is).*(?<![\\w\"])\"?" + Pattern.quote(alias) + "\"?\\." + Pattern.quote(column)
                + "(?![\\w\"]).*");
    }

    /** The table's columns the query names (outside string literals), in order: what a covering index includes. */
    static List<String> coveredColumns(String sql, Set<String> cols) {
        if (sql.matches("(?s).*(\\*\\s*(FROM|from)\\b|\\.\\*).*")) {
            return List.of(); // SELECT *: every column, no index covers that usefully
        }
        Set<String> found = new LinkedHashSet<>();
        Matcher m = WORD.matcher(sql);
        while (m.find()) {
            String w = m.group(1) != null ? m.group(1) : m.group(2);
            if (w != null && cols.contains(w.toLowerCase(Locale.ROOT))) {
                found.add(m.group(1) != null ? Condition.identifier(w) : w.toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(found);
    }
}
