package dev.idxmig.fleet;

import java.util.List;

/**
 * What a sharded run says about its part of the fleet: shard {@code index} of {@code total}, how many targets the
 * selection named before the split, and the names of those this shard owned.
 */
public record ShardReport(int index, int total, int selected, List<String> owned) {
    public ShardReport {
        owned = List.copyOf(owned);
    }

    /** The report of {@code shard} over the {@code selected} targets, of which it owns {@code owned}. */
    public static ShardReport of(Shard shard, List<Target> selected, List<Target> owned) {
        return new ShardReport(shard.index(), shard.total(), selected.size(),
                owned.stream().map(Target::name).toList());
    }

    public String label() {
        return "shard " + index + "/" + total;
    }

    /** One line for people: "shard 2/3: 10 of 30 targets", or that it owns none. */
    public String line() {
        if (owned.isEmpty()) {
            return label() + " owns none of the " + selected + " target" + (selected == 1 ? "" : "s")
                    + ": nothing to do";
        }
        return label() + ": " + owned.size() + " of " + selected + " target" + (selected == 1 ? "" : "s");
    }
}
