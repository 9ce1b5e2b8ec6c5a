package dev.idxmig.fleet;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fleet run whose targets really run at once: 8 tenant schemas, 200 000 rows each, {@code --parallel 4
 * --max-server-builds 4 --verbose}. Every line a target prints, Flyway's included, names only its own schema
 * (Flyway's loggers are process-wide; its lines once went out under whichever target installed last), and no
 * target ever waits for a connection another target holds: HikariCP's own gauges (through JMX) never show a
 * thread waiting while the pool is at its maximum size.
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
@Tag("slow")
class FleetConcurrencyPostgresCliTest {
    private static final int TENANTS = 8;
    private static final Pattern TARGET_LINE = Pattern.compile("^\\[(tenant_\\d+)] (.*)$");
    private static final Pattern SCHEMA = Pattern.compile("tenant_\\d+");

    @TempDir
    Path dir;

    @RepeatedTest(3)
    void eachTargetsLinesNameOnlyItsSchemaAndNoTargetWaitsForAConnection(PgDatabase db) throws Exception {
        for (int i = 1; i <= TENANTS; i++) {
            db.execute("CREATE SCHEMA tenant_" + i);
        }
        Path m = dir.resolve("migrations");
        ExampleProject.write(m, "V1__items.sql", "CREATE TABLE items (id int PRIMARY KEY, owner text, added date);\n"
                + "INSERT INTO items SELECT g, md5(g::text), DATE '2025-01-01' + g % 300 "
                + "FROM generate_series(1, 200000) g;\n");
        ExampleProject.write(m, "V2__idx.sql", "CREATE INDEX CONCURRENTLY idx_items_owner ON items (owner, added);\n"
                + "CREATE INDEX CONCURRENTLY idx_items_added ON items (added, owner);\n");
        ExampleProject.write(m, "V2__idx.sql.conf", "executeInTransaction=false\n");
        Path hikari = dir.resolve("hikari.properties");
        Files.writeString(hikari, "registerMbeans=true\n"); // read by every HikariConfig made while it is set

        PoolWatcher pool = new PoolWatcher();
        CliResult r;
        System.setProperty("hikaricp.configurationFile", hikari.toString());
        try {
            pool.start();
            r = Idxmig.in(dir).target(db.cliArgs()).run("migrate", "--schemas", "tenant_*", "--parallel", "4",
                    "--max-server-builds", "4", "--verbose", "--no-backup");
        } finally {
            pool.stop();
            System.clearProperty("hikaricp.configurationFile");
        }
        assertEquals(0, r.exitCode(), r::toString);
        for (int i = 1; i <= TENANTS; i++) {
            assertEquals(2, db.queryLong("SELECT count(*) FROM tenant_" + i + ".idxmig_index_ledger "
                    + "WHERE index_name LIKE 'idx_items_%'"));
        }
        assertEachTargetNamesOnlyItsSchema(r.stderr());
        assertTrue(pool.samples.get() > 0, "the fleet's pool was watched");
        assertTrue(pool.peakActive.get() > 4, "targets overlapped: at most " + pool.peakActive.get()
                + " connections were in use at once");
        assertEquals(List.of(), pool.waitsAtMaximum, "threads waited for a connection while the pool was full");
    }

    private static void assertEachTargetNamesOnlyItsSchema(String stderr) {
        Map<String, Integer> flywayLines = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (String line : stderr.lines().toList()) {
            Matcher target = TARGET_LINE.matcher(line);
            if (!target.matches()) {
                continue;
            }
            if (target.group(2).startsWith("flyway:")) {
                flywayLines.merge(target.group(1), 1, Integer::sum);
            }
            Matcher schema = SCHEMA.matcher(target.group(2));
            while (schema.find()) {
                if (!schema.group().equals(target.group(1))) {
                    wrong.add(line);
                }
            }
        }
        assertEquals(TENANTS, flywayLines.size(), "every target printed Flyway's lines: " + flywayLines + "\n"
                + stderr);
        assertEquals(List.of(), wrong, "lines printed under another target's name");
    }

    /**
     * Polls HikariCP's pool gauges over JMX while the run lasts. A thread awaiting a connection while the pool is
     * below its maximum is the pool opening one more (not a wait for another target); at the maximum it is.
     */
    private static final class PoolWatcher {
        private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pool-watcher");
            t.setDaemon(true);
            return t;
        });
        final AtomicInteger samples = new AtomicInteger();
        final AtomicInteger peakActive = new AtomicInteger();
        final List<String> waitsAtMaximum = new ArrayList<>();
        private volatile Exception failure;

        /** A sample every 2 ms: a connection wait under a full pool lasts as long as another target's build. */
        void start() {
            sampler.scheduleAtFixedRate(() -> {
                try {
                    sample();
                } catch (Exception e) {
                    failure = e;
                }
            }, 0, 2, TimeUnit.MILLISECONDS);
        }

        private void sample() throws Exception {
            ObjectName pool = new ObjectName("com.zaxxer.hikari:type=Pool (idxmig)");
            ObjectName config = new ObjectName("com.zaxxer.hikari:type=PoolConfig (idxmig)");
            if (!server.isRegistered(pool) || !server.isRegistered(config)) {
                return;
            }
            try {
                int waiting = (Integer) server.getAttribute(pool, "ThreadsAwaitingConnection");
                int total = (Integer) server.getAttribute(pool, "TotalConnections");
                int active = (Integer) server.getAttribute(pool, "ActiveConnections");
                int maximum = (Integer) server.getAttribute(config, "MaximumPoolSize");
                samples.incrementAndGet();
                peakActive.accumulateAndGet(active, Math::max);
                if (waiting > 0 && total >= maximum && waitsAtMaximum.size() < 5) { // five say enough
                    synchronized (waitsAtMaximum) {
                        waitsAtMaximum.add(waiting + " waiting, " + active + " active of " + maximum);
                    }
                }
            } catch (javax.management.InstanceNotFoundException closedMeanwhile) {
                // the pool closed between the check and the read: the next pool, if any, is sampled next
            }
        }

        void stop() throws Exception {
            sampler.shutdown();
            sampler.awaitTermination(30, TimeUnit.SECONDS);
            if (failure != null) {
                throw failure;
            }
        }
    }
}
