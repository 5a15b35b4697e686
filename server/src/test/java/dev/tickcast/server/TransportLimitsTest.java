package dev.tickcast.server;

import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Transport limits of issue 16 over real loopback sockets: no HTTP/2 on the game port (item 2), a
 * bounded subprotocol header (item 3), PONG and continuation floods (item 12), the ping period (item 14).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class TransportLimitsTest {
    /** The HTTP/2 connection preface and an empty SETTINGS frame. */
    private static final String H2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
    private static final byte[] EMPTY_SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};

    private static TickcastOptions loopback() {
        return TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(2);
    }

    private static ServerFixture server(Vertx vertx, TickcastOptions config) {
        return new ServerFixture(vertx, config, new GameRegistry().register(ArenaGame.SPEC));
    }

    @Test
    void shouldNotSpeakHttp2WithPriorKnowledge(Vertx vertx) throws IOException {
        ServerFixture fixture = server(vertx, loopback());
        try (RawTcp c = RawTcp.connect(fixture.port())) {
            c.send(H2_PREFACE);
            c.send(EMPTY_SETTINGS);
            int first = c.read();
            assertTrue(first == -1 || first == 'H', "an HTTP/1.1 answer or a close, not an HTTP/2 frame (first byte "
                    + first + ")");
            if (first == 'H') {
                String answer = "H" + c.readToEnd();
                // Vert.x echoes the request's version in its text status line: HTTP/1 framing, not an HTTP/2 frame
                assertTrue(answer.matches("(?s)HTTP/\\d\\.\\d 4\\d\\d .*"), answer);
            }
        }
        assertEquals(200, RawTcp.status(fixture.port(), "/health"));
    }

    @Test
    void shouldNotUpgradeToH2c(Vertx vertx) {
        ServerFixture fixture = server(vertx, loopback());
        try (RawTcp c = RawTcp.connect(fixture.port())) {
            c.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, HTTP2-Settings, close\r\n"
                    + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n");
            String answer = c.readToEnd();
            assertTrue(answer.startsWith("HTTP/1.1 200"), "answered in HTTP/1.1, not 101 to h2c: " + answer);
        }
    }

    @Test
    void shouldRefuseAnOverLongSubprotocolHeaderAndReadBlanksAroundCommas(Vertx vertx) {
        ServerFixture fixture = server(vertx, loopback());
        int port = fixture.port();
        try (RawTcp c = RawTcp.connect(port)) {
            c.send(RawTcp.upgradeRequest(port, "a, " + " ".repeat(7_900) + "tickcast.v1"));
            String head = c.readHead();
            assertTrue(head.startsWith("HTTP/1.1 400"), head);
        }
        for (String list : List.of("tickcast.v1", "x ,\t tickcast.v1 , y", "tickcast.v1,other", "  tickcast.v1  ")) {
            try (RawTcp c = RawTcp.connect(port)) {
                c.send(RawTcp.upgradeRequest(port, list));
                String head = c.readHead();
                assertTrue(head.startsWith("HTTP/1.1 101"), "[" + list + "]: " + head);
            }
        }
        try (RawTcp c = RawTcp.connect(port)) {
            c.send(RawTcp.upgradeRequest(port, "tickcast.v10, tickcast"));
            assertTrue(c.readHead().startsWith("HTTP/1.1 400"));
        }
    }

    @Test
    void shouldCloseAFloodOfUnsolicitedPongsWith4010(Vertx vertx) {
        ServerFixture fixture = server(vertx, loopback().withMessageRate(20, 40));
        RawWebSocket raw = RawWebSocket.upgraded(vertx, fixture.port());
        for (int i = 0; i < 100; i++) {
            raw.frame(true, 0, RawWebSocket.PONG, new byte[] {1});
        }
        assertEquals(Protocol.CLOSE_RATE_LIMITED, raw.awaitClose());
    }

    @Test
    void shouldCloseAFloodOfContinuationFramesWith4010(Vertx vertx) {
        ServerFixture fixture = server(vertx, loopback().withMessageRate(20, 40));
        RawWebSocket raw = RawWebSocket.upgraded(vertx, fixture.port());
        raw.frame(false, 0, RawWebSocket.BINARY, new byte[] {1});
        for (int i = 0; i < 100; i++) {
            raw.frame(false, 0, RawWebSocket.CONTINUATION, new byte[] {1});
        }
        assertEquals(Protocol.CLOSE_RATE_LIMITED, raw.awaitClose());
    }

    @Test
    void shouldPingEveryPingInterval(Vertx vertx) throws IOException {
        long intervalMs = 300;
        // idle 1 s: a tick every 250 ms, which does not divide the interval
        ServerFixture fixture = server(vertx, loopback().withKeepAlive(intervalMs, 1_000));
        List<Long> pings = new ArrayList<>();
        try (RawTcp ws = ConnectionLifetimeTest.upgrade(fixture.port())) {
            while (pings.size() < 6) {
                byte[] header = ws.readN(2);
                int opcode = header[0] & 0x0F;
                int len = header[1] & 0x7F;
                assertTrue(len < 126, "a small control frame");
                byte[] payload = ws.readN(len);
                assertFalse(opcode == 8, "closed before six pings");
                if (opcode == 9) {
                    pings.add(System.nanoTime());
                    byte[] pong = new byte[6 + payload.length];
                    pong[0] = (byte) 0x8A;
                    pong[1] = (byte) (0x80 | payload.length); // mask key 0
                    System.arraycopy(payload, 0, pong, 6, payload.length);
                    ws.send(pong);
                }
            }
        }
        for (int i = 1; i < pings.size(); i++) {
            long gapMs = (pings.get(i) - pings.get(i - 1)) / 1_000_000;
            assertTrue(gapMs > intervalMs / 2 && gapMs < intervalMs + intervalMs / 2,
                    "ping " + i + " came " + gapMs + " ms after the one before, interval " + intervalMs + " ms");
        }
    }
}
