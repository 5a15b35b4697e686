package dev.tickcast.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, item 1, against the real jar: with {@code --max-pending-connections 3}, clean closes,
 * resets and silent connections, many more than 3, leave the server answering, and its connection
 * gauges back at their baseline.
 */
class PendingConnectionsIT {
    private static final long WAIT_MS = 30_000;
    private NodeProcess server;

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void shouldKeepAnsweringAfterManyMoreSessionsThanThePendingCap() throws Exception {
        int port = NodeProcess.freePort();
        server = NodeProcess.start("pending", NodeProcess.server(List.of(), List.of("--port", Integer.toString(port),
                "--host", "127.0.0.1", "--max-pending-connections", "3")), l -> l.contains("Tickcast listening on"));
        server.awaitReady();
        for (int i = 0; i < 10; i++) {
            try (RawTcp ws = ConnectionLifetimeTest.upgrade(port)) {
                ws.send(ConnectionLifetimeTest.CLOSE_1000);
                ws.readToEnd();
            }
        }
        for (int i = 0; i < 10; i++) {
            ConnectionLifetimeTest.upgrade(port).reset();
        }
        // the server sees a reset a little later: until then that connection still counts against the cap of 3,
        // which would close the silent one below
        awaitBaseline(port);
        for (int i = 0; i < 10; i++) {
            try (RawTcp silent = RawTcp.connect(port)) {
                awaitGauges(port, "2.0 pending, 0.0 open"); // accepted: this one and the scrape's own
            }
        }
        awaitBaseline(port);
        assertEquals(200, RawTcp.status(port, "/health"), server.log());
    }

    /** The reproduction: default limits, more sessions than the default pending cap of 2,000. */
    @Test
    void shouldKeepAnsweringWithDefaultLimitsAfter2100Sessions() throws Exception {
        int port = NodeProcess.freePort();
        server = NodeProcess.start("defaults", NodeProcess.server(List.of(), List.of("--port", Integer.toString(port),
                "--host", "127.0.0.1", "--handshakes-per-second", "100000")), l -> l.contains("Tickcast listening on"));
        server.awaitReady();
        for (int i = 0; i < 2_100; i++) {
            try (RawTcp ws = ConnectionLifetimeTest.upgrade(port)) {
                ws.send(ConnectionLifetimeTest.CLOSE_1000);
                ws.readToEnd();
            }
        }
        awaitBaseline(port);
        assertEquals(200, RawTcp.status(port, "/health"), server.log());
    }

    /** Waits (bounded) until /metrics shows no WebSocket and one pending connection: the scrape's own. */
    private void awaitBaseline(int port) throws InterruptedException {
        awaitGauges(port, "1.0 pending, 0.0 open");
    }

    private void awaitGauges(int port, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
        String last = "";
        while (System.nanoTime() < deadline) {
            String metrics;
            try (RawTcp c = RawTcp.connect(port)) {
                c.send(RawTcp.get("/metrics"));
                metrics = c.readToEnd();
            }
            last = gauge(metrics, "tickcast_connections_pending") + " pending, "
                    + gauge(metrics, "tickcast_connections_open") + " open";
            if (expected.equals(last)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("connection gauges: " + last + ", expected " + expected + "\n" + server.log());
    }

    private static String gauge(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(metrics);
        assertTrue(m.find() || metrics.isEmpty(), name + " in /metrics");
        return metrics.isEmpty() ? "(no answer)" : m.group(1);
    }
}
