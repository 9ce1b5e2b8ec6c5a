package dev.idxmig.fleet;

import dev.idxmig.base.IdxmigException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * One of {@code total} parts of a fleet ({@code --shard K/N}, {@code index} counted from 1). A target belongs to
 * shard {@code crc32(name) mod N + 1}, where {@code crc32} is the CRC-32 of the target name's UTF-8 bytes (the zlib
 * / IEEE 802.3 polynomial, as {@code java.util.zip.CRC32} and Python's {@code zlib.crc32} compute it) read as an
 * unsigned number. So the assignment depends on the name alone: not on the order of the list, the other targets,
 * the runner or the JVM; adding a tenant never moves another one. Shared targets ({@code --shared-locations}) are
 * in every shard: tenants depend on them, and the runner lock applies them once.
 */
public record Shard(int index, int total) {
    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

    public Shard {
        if (total < 1 || index < 1 || index > total) {
            throw new IllegalArgumentException("shard " + index + "/" + total + " is outside 1.." + total);
        }
    }

    /** The whole fleet in one part. */
    public static Shard all() {
        return new Shard(1, 1);
    }

    /** Parses {@code K/N}, with 1 &le; K &le; N; {@code source} names where the value came from, for the message. */
    public static Shard parse(String value, String source) {
        Matcher m = FORM.matcher(value);
        if (!m.matches()) {
            throw IdxmigException.usage(source + " must be K/N (this runner's part K of N, e.g. 2/4), not '"
                    + value + "'", "--shard 1/4 ... --shard 4/4 split a fleet into four; --shard auto reads "
                    + "the CI engine's variables");
        }
        int k = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        if (n < 1 || k < 1 || k > n) {
            throw IdxmigException.usage(source + " " + k + "/" + n + " names no shard: K counts from 1 to N",
                    n >= 1 ? "the shards of " + n + " are 1/" + n + " to " + n + "/" + n
                            : "N is the number of shards, 1 or more");
        }
        return new Shard(k, n);
    }

    /** The shard (1-based) a target of this name belongs to among {@code total}. */
    public static int of(String name, int total) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % total) + 1;
    }

    /** Whether this shard works on the target: its hash lands here, or it is shared (every shard applies it). */
    public boolean owns(Target target) {
        return target.shared() || owns(target.name());
    }

    public boolean owns(String name) {
        return of(name, total) == index;
    }

    /** The targets this shard owns, in their order. */
    public List<Target> select(List<Target> targets) {
        return targets.stream().filter(this::owns).toList();
    }

    public boolean isWhole() {
        return total == 1;
    }

    public String label() {
        return index + "/" + total;
    }
}
