import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Arrays;

/**
 * Writes into worklog_bench at a fixed rate for a while and prints how long writes took: latency counted from
 * each write's scheduled start, so a write held behind a lock shows its whole wait.
 * java -cp mariadb-java-client.jar Writer.java URL RATE_PER_S SECONDS
 */
public class Writer {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        long interval = 1_000_000_000L / rate;
        int total = rate * seconds;
        long[] latency = new long[total];
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("INSERT INTO worklog_bench (company_id, author_email, "
                     + "started) VALUES (?, ?, NOW())")) {
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long scheduled = start + i * interval;
                long now = System.nanoTime();
                if (now < scheduled) {
                    Thread.sleep((scheduled - now) / 1_000_000, (int) ((scheduled - now) % 1_000_000));
                }
                ps.setInt(1, i % 50);
                ps.setString(2, "user" + (i % 500) + "@example.com");
                ps.executeUpdate();
                latency[i] = System.nanoTime() - scheduled;
            }
        }
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        System.out.printf("%d %.1f %.1f%n", total, sorted[(int) (total * 0.99)] / 1e6, sorted[total - 1] / 1e6);
    }
}
