package dev.idxmig.fleet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Shard assignment on generated fleets: a partition, whatever the order of the list; one shard owns all. */
@Tag("unit")
class ShardPropertyTest {

    @Property(tries = 300)
    void everyTargetIsInExactlyOneShard(@ForAll("names") Set<String> names, @ForAll @IntRange(min = 1, max = 40) int n) {
        List<Target> targets = targets(new ArrayList<>(names));
        List<String> union = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            new Shard(k, n).select(targets).forEach(t -> union.add(t.name()));
        }
        assertEquals(names.size(), union.size(), "a target in two shards");
        assertEquals(names, Set.copyOf(union));
    }

    @Property(tries = 200)
    void theAssignmentDoesNotDependOnTheOrderOfTheList(@ForAll("names") Set<String> names,
                                                        @ForAll @IntRange(min = 1, max = 12) int n,
                                                        @ForAll long seed) {
        List<String> one = new ArrayList<>(names);
        List<String> other = new ArrayList<>(names);
        Collections.shuffle(other, new Random(seed));
        for (int k = 1; k <= n; k++) {
            Shard shard = new Shard(k, n);
            assertEquals(names(shard.select(targets(one))), names(shard.select(targets(other))));
        }
    }

    @Property(tries = 100)
    void oneShardOwnsAll(@ForAll("names") Set<String> names) {
        List<Target> targets = targets(new ArrayList<>(names));
        assertEquals(targets, Shard.all().select(targets));
    }

    @Property(tries = 100)
    void addingATargetMovesNoOther(@ForAll("names") Set<String> names, @ForAll("name") String added,
                                   @ForAll @IntRange(min = 1, max = 12) int n) {
        List<String> more = new ArrayList<>(names);
        more.add(0, added);
        for (int k = 1; k <= n; k++) {
            Set<String> before = names(new Shard(k, n).select(targets(new ArrayList<>(names))));
            Set<String> after = names(new Shard(k, n).select(targets(more)));
            after.remove(added);
            before.remove(added);
            assertEquals(before, after);
        }
    }

    @Provide
    Arbitrary<Set<String>> names() {
        return name().set().ofMaxSize(60);
    }

    @Provide
    Arbitrary<String> name() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMinLength(1).ofMaxLength(30),
                Arbitraries.integers().between(0, 100_000).map(i -> "tenant_" + i));
    }

    private static List<Target> targets(List<String> names) {
        return names.stream().map(n -> ShardTest.target(n, false)).toList();
    }

    private static Set<String> names(List<Target> targets) {
        return targets.stream().map(Target::name).collect(Collectors.toCollection(java.util.HashSet::new));
    }
}
