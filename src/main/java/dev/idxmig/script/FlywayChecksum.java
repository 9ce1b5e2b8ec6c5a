package dev.idxmig.script;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * The checksum Flyway stores in its history for a SQL script: CRC32 over the script's lines without their line
 * breaks (a leading byte-order mark removed), as a signed int. Computing it here lets verify compare history
 * with the scripts without starting Flyway, which matters when verifying hundreds of schemas.
 */
public final class FlywayChecksum {
    private FlywayChecksum() {
    }

    /** Fleet runs verify hundreds of schemas against the same files: read each file once while it is unchanged. */
    private static final Map<String, Integer> CACHE = new ConcurrentHashMap<>();

    public static int of(Path script) throws IOException {
        String key = script.toAbsolutePath() + "|" + Files.size(script) + "|" + Files.getLastModifiedTime(script);
        Integer known = CACHE.get(key);
        if (known != null) {
            return known;
        }
        int sum = compute(script);
        CACHE.put(key, sum);
        return sum;
    }

    private static int compute(Path script) throws IOException {
        CRC32 crc = new CRC32();
        try (BufferedReader reader = Files.newBufferedReader(script, StandardCharsets.UTF_8)) {
            String line = reader.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            while (line != null) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
                line = reader.readLine();
            }
        }
        return (int) crc.getValue();
    }
}
