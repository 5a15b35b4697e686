package dev.tickcast.server;

import dev.tickcast.games.arena.ArenaGame;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The accounting of TCP connections (issue 16, items 1 and 4), over real loopback sockets: closed
 * WebSockets and resets are forgotten, silent connections count as pending, the pending cap has a
 * per-address part, and a trickled request body cannot hold a connection.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class ConnectionLifetimeTest {
    /** A masked close frame with code 1000 (mask key 0). */
    static final byte[] CLOSE_1000 = {(byte) 0x88, (byte) 0x82, 0, 0, 0, 0, 0x03, (byte) 0xE8};
    private static final long WAIT_MS = 30_000;

    private static TickcastOptions loopback() {
        return TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(2);
    }

    private static ServerFixture server(Vertx vertx, TickcastOptions config) {
        return new ServerFixture(vertx, config, new GameRegistry().register(ArenaGame.SPEC));
    }

    @Test
    void shouldForgetClosedWebSocketsAndResetConnectionsBeyondThePendingCap(Vertx vertx) {
        ServerFixture fixture = server(vertx, loopback().withMaxPendingConnections(3));
        int port = fixture.port();
        for (int i = 0; i < 6; i++) {
            try (RawTcp ws = upgrade(port)) {
                ws.send(CLOSE_1000);
                ws.readToEnd();
            }
        }
        for (int i = 0; i < 6; i++) {
            upgrade(port).reset();
        }
        for (int i = 0; i < 6; i++) {
            RawTcp half = RawTcp.connect(port);
            half.send("GET /health HTTP/1.1\r\nHo");
            awaitGauges(fixture, 1, 0); // accepted: the reset reaches a counted connection
            half.reset();
            awaitGauges(fixture, 0, 0);
        }
        awaitGauges(fixture, 0, 0);
        assertEquals(200, RawTcp.status(port, "/health"), "after 18 sessions with a cap of 3 pending connections");

        List<RawTcp> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            open.add(upgrade(port));
        }
        awaitGauges(fixture, 0, 5);
        assertEquals(200, RawTcp.status(port, "/health"), "WebSockets are not pending connections");
        open.forEach(RawTcp::reset);
        awaitGauges(fixture, 0, 0);
    }

    @Test
    void shouldCountSilentConnectionsAsPending(Vertx vertx) {
        ServerFixture fixture = server(vertx, loopback().withMaxPendingConnections(3));
        int port = fixture.port();
        List<RawTcp> silent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            silent.add(RawTcp.connect(port));
        }
        awaitGauges(fixture, 3, 0);
        try (RawTcp fourth = RawTcp.connect(port)) {
            fourth.send(RawTcp.get("/health"));
            assertEquals("", fourth.readToEnd(), "closed at once, no answer: 3 silent connections are pending");
        }
        silent.forEach(RawTcp::close);
        awaitGauges(fixture, 0, 0);
        assertEquals(200, RawTcp.status(port, "/health"));
    }

    @Test
    void shouldCapPendingConnectionsPerAddress(Vertx vertx) {
        ServerFixture fixture = server(vertx, loopback().withMaxPendingConnectionsPerAddress(3));
        int port = fixture.port();
        List<RawTcp> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(RawTcp.connect(port, "127.0.0.2"));
        }
        awaitGauges(fixture, 3, 0);
        try (RawTcp fourth = RawTcp.connect(port, "127.0.0.2")) {
            fourth.send(RawTcp.get("/health"));
            assertEquals("", fourth.readToEnd(), "a fourth pending connection from the same address");
        }
        assertEquals(200, RawTcp.status(port, "/health"), "another address is not locked out");
        held.forEach(RawTcp::close);
    }

    @Test
    void shouldCloseConnectionsWhoseRequestBodyTricklesPastTheTimeout(Vertx vertx) throws Exception {
        ServerFixture fixture = server(vertx, loopback().withMaxPendingConnectionsPerAddress(4)
                .withHttpRequestTimeoutMs(1_500));
        int port = fixture.port();
        List<RawTcp> tricklers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            RawTcp t = RawTcp.connect(port, "127.0.0.2");
            t.send("POST /matchmake/arena HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{");
            tricklers.add(t);
        }
        Thread trickle = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                tricklers.forEach(t -> t.send(" "));
                try {
                    Thread.sleep(100); // the attacker's pace, not a synchronisation
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "trickler");
        trickle.setDaemon(true);
        trickle.start();
        try {
            assertEquals(200, RawTcp.status(port, "/health"), "another address while one address trickles");
            for (RawTcp t : tricklers) {
                String answer = t.readToEnd();
                assertTrue(answer.startsWith("HTTP/1.1 408"), "the trickled request is cut with 408: " + answer);
            }
        } finally {
            trickle.interrupt();
            trickle.join(WAIT_MS);
            tricklers.forEach(RawTcp::close);
        }
        awaitGauges(fixture, 0, 0);
    }

    @Test
    void shouldCloseAConnectionAnsweredBeforeItsBodyArrived(Vertx vertx) {
        ServerFixture fixture = server(vertx, loopback().withHttpRequestTimeoutMs(600_000));
        int port = fixture.port();
        try (RawTcp c = RawTcp.connect(port, "127.0.0.2")) {
            c.send("POST /x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000000\r\n\r\nabc");
            String answer = c.readToEnd();
            assertTrue(answer.startsWith("HTTP/1.1 404"), answer);
            assertTrue(answer.toLowerCase(Locale.ROOT).contains("connection: close"), answer);
        }
        try (RawTcp c = RawTcp.connect(port)) {
            c.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + RawTcp.get("/health"));
            String answers = c.readToEnd();
            assertEquals(2, answers.split("HTTP/1.1 200", -1).length - 1,
                    "a request without a body keeps its connection: " + answers);
        }
        awaitGauges(fixture, 0, 0);
    }

    /** A new connection from 127.0.0.1 upgraded to the game WebSocket. */
    static RawTcp upgrade(int port) {
        RawTcp ws = RawTcp.connect(port);
        ws.send(RawTcp.upgradeRequest(port, "tickcast.v1"));
        String head = ws.readHead();
        assertTrue(head.startsWith("HTTP/1.1 101"), "upgrade answered: " + head);
        return ws;
    }

    /** Waits (bounded) until the pending and open connection gauges read the given values. */
    static void awaitGauges(ServerFixture fixture, int pending, int open) {
        MeterRegistry registry = fixture.server.meterRegistry();
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
        double p = -1;
        double o = -1;
        while (System.nanoTime() < deadline) {
            p = registry.get("tickcast.connections.pending").gauge().value();
            o = registry.get("tickcast.connections.open").gauge().value();
            if (p == pending && o == open) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("gauges pending=" + p + " open=" + o + ", expected " + pending + " and " + open);
    }
}
