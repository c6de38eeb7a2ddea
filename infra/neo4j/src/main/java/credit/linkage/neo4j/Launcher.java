package credit.linkage.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Starts Neo4j Community embedded with only the Bolt connector, on loopback.
 *
 * <p>Configured by environment variables so the Node side owns all configuration:
 * NEO4J_HOME_DIR, NEO4J_BOLT_PORT, NEO4J_PASSWORD, NEO4J_PAGECACHE (bytes or e.g. "256m"),
 * NEO4J_TX_TIMEOUT_S. Heap is the JVM's -Xmx, set by the caller.
 *
 * <p>Prints exactly one "NEO4J READY bolt://127.0.0.1:PORT" line when Bolt accepts connections, so
 * callers can wait on it; shuts the DBMS down cleanly on SIGTERM/SIGINT (JVM shutdown hook).
 */
public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) {
    try {
      run();
    } catch (Throwable t) {
      // A failed start must end the JVM: Neo4j's own threads would otherwise keep it alive, never ready.
      System.out.println("NEO4J FAILED " + t);
      t.printStackTrace(System.out);
      System.out.flush();
      Runtime.getRuntime().halt(1);
    }
  }

  private static void run() throws Exception {
    Path home = Path.of(env("NEO4J_HOME_DIR", ".data/neo4j")).toAbsolutePath();
    int port = Integer.parseInt(env("NEO4J_BOLT_PORT", "7687"));
    String password = env("NEO4J_PASSWORD", "credit-linkage-dev");
    String pageCache = env("NEO4J_PAGECACHE", "256m");
    Files.createDirectories(home);

    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
            .setConfig(HttpConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, true)
            .setConfig(GraphDatabaseSettings.pagecache_memory, parseBytes(pageCache))
            .setConfig(
                GraphDatabaseSettings.transaction_timeout,
                Duration.ofSeconds(Long.parseLong(env("NEO4J_TX_TIMEOUT_S", "120"))))
            // Default is 10 s of waiting for open transactions at shutdown; the app closes its
            // sessions first, so a short grace keeps `services:down` and Ctrl-C quick.
            .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(2))
            .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("NEO4J STOPPING");
                  dbms.shutdown();
                  System.out.println("NEO4J STOPPED");
                  stopped.countDown();
                }));

    setInitialPassword(dbms, password);
    GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    db.executeTransactionally("RETURN 1");
    System.out.println("NEO4J READY bolt://127.0.0.1:" + port);
    System.out.flush();
    stopped.await();
  }

  /**
   * The embedded DBMS starts with user neo4j/neo4j flagged "change required". Setting the password
   * through the system database makes the configured one valid; on later starts it is re-applied
   * so a changed NEO4J_PASSWORD takes effect.
   */
  private static void setInitialPassword(DatabaseManagementService dbms, String password) {
    GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
    try {
      system.executeTransactionally(
          "ALTER USER neo4j IF EXISTS SET PLAINTEXT PASSWORD $pw CHANGE NOT REQUIRED",
          java.util.Map.of("pw", password));
    } catch (RuntimeException e) {
      // On every start after the first the password is already the configured one.
      if (!String.valueOf(e.getMessage()).contains("cannot be the same")) throw e;
    }
  }

  private static long parseBytes(String text) {
    String t = text.trim().toLowerCase();
    long mult = 1;
    if (t.endsWith("k")) mult = 1024L;
    else if (t.endsWith("m")) mult = 1024L * 1024;
    else if (t.endsWith("g")) mult = 1024L * 1024 * 1024;
    if (mult > 1) t = t.substring(0, t.length() - 1);
    return Long.parseLong(t) * mult;
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
