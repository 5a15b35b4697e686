package dev.tickcast.server;

import dev.tickcast.server.internal.transport.http.HttpSessions;
import dev.tickcast.wire.ChatSendMessage;
import dev.tickcast.wire.PingMessage;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.Records;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.tickcast.server.HttpCarrierTest.arena;
import static dev.tickcast.server.HttpCarrierTest.concat;
import static dev.tickcast.server.HttpCarrierTest.joined;
import static dev.tickcast.server.HttpCarrierTest.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the HTTP binding refuses and bounds (docs/PROTOCOL.md 2.1, docs/SECURITY.md): statuses for
 * bad requests, the close codes of bad bodies, the deadlines and rate limits of a WebSocket, the
 * connection caps shared with WebSockets, and a registry that does not grow with sessions.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class HttpCarrierLimitsTest {
    private static final Map<String, String> RECORDS = Map.of("Content-Type", HttpPlayer.MEDIA);

    @Test
    void shouldRefuseBadRequestsWithTheirStatuses(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback());
        HttpPlayer p = new HttpPlayer(vertx, fixture.port());
        assertEquals(413, p.request(HttpMethod.POST, "/http/open", RECORDS, new byte[Records.MAX_UPSTREAM_BODY_BYTES + 1])
                .status());
        assertEquals(415, p.request(HttpMethod.POST, "/http/open", Map.of("Content-Type", "text/plain"),
                HttpPlayer.records(1)).status());
        assertEquals(400, p.request(HttpMethod.POST, "/http/open", RECORDS, new byte[] {0x02, 0x01, 0x11}).status(),
                "a first record that is not SEQ");
        assertEquals(403, p.request(HttpMethod.POST, "/http/open", Map.of("Content-Type", HttpPlayer.MEDIA,
                "Origin", "https://evil.example"), HttpPlayer.records(1)).status());
        assertEquals(200, p.open(new byte[0]).status(), "an empty body opens a session");
        String id = p.session;

        assertEquals(400, p.request(HttpMethod.GET, "/http/recv?mode=poll", Map.of(), null).status(), "no session");
        assertEquals(400, p.request(HttpMethod.GET, "/http/recv?mode=poll", Map.of("Tickcast-Session",
                id.toUpperCase()), null).status(), "not lowercase");
        assertEquals(400, p.request(HttpMethod.GET, "/http/recv?mode=all", Map.of("Tickcast-Session", id), null).status());
        assertEquals(400, p.request(HttpMethod.GET, "/http/recv?mode=poll", Map.of("Tickcast-Session", id,
                "Tickcast-Ack", "-1"), null).status());
        assertEquals(400, p.request(HttpMethod.GET, "/http/recv?mode=poll", Map.of("Tickcast-Session", id,
                "Tickcast-Ack", "2147483648"), null).status());
        assertEquals(403, p.request(HttpMethod.GET, "/http/recv?mode=poll", Map.of("Tickcast-Session", id,
                "Origin", "https://evil.example"), null).status());
        String other = "0".repeat(32);
        assertEquals(404, p.request(HttpMethod.GET, "/http/recv?mode=poll", Map.of("Tickcast-Session", other), null)
                .status());
        assertEquals(404, p.request(HttpMethod.POST, "/http/send", Map.of("Tickcast-Session", other,
                "Content-Type", HttpPlayer.MEDIA), HttpPlayer.records(1)).status());
        assertEquals(415, p.request(HttpMethod.POST, "/http/send", Map.of("Tickcast-Session", id,
                "Content-Type", "application/octet-stream"), HttpPlayer.records(1)).status());
        assertEquals(403, p.request(HttpMethod.POST, "/http/send", Map.of("Tickcast-Session", id,
                "Origin", "https://evil.example", "Content-Type", HttpPlayer.MEDIA), HttpPlayer.records(1)).status());
        assertEquals(413, p.request(HttpMethod.POST, "/http/send", Map.of("Tickcast-Session", id,
                "Content-Type", HttpPlayer.MEDIA), new byte[Records.MAX_UPSTREAM_BODY_BYTES + 1]).status());
        assertEquals(204, p.sendBody(new byte[0]).status(), "an empty send only acknowledges");

        assertEquals(204, p.sendBody(concat(Records.seq(1), Records.close(1000, "bye"))).status());
        assertEquals(410, p.send(p.frame(new ChatSendMessage("late"))).status(), "a closed session");
        assertEquals(1000, p.closeCode);
    }

    @Test
    void shouldCloseAnOversizedMessageWith1009AndAMalformedBodyWith1007(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback());
        HttpPlayer big = joined(vertx, fixture, "big");
        byte[] tooBig = new byte[Protocol.MAX_CLIENT_MESSAGE_BYTES + 1];
        tooBig[0] = (byte) Protocol.typeByte(Protocol.INPUT);
        assertEquals(410, big.send(tooBig).status());
        assertEquals(Protocol.CLOSE_TOO_BIG, big.closeCode);

        HttpPlayer bad = joined(vertx, fixture, "bad");
        assertEquals(410, bad.sendBody(concat(Records.seq(2), new byte[] {0x02, 0x00})).status(), "an empty MESSAGE");
        assertEquals(Protocol.CLOSE_INVALID_PAYLOAD, bad.closeCode);
    }

    @Test
    void shouldCloseWith4011WithoutAJoinWithinTheDeadline(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback().withJoinDeadlineMs(500));
        HttpPlayer p = new HttpPlayer(vertx, fixture.port());
        assertEquals(200, p.open(new byte[0]).status());
        assertTrue(p.pollUntil(x -> x.closeCode >= 0, 5), "held polls until the close");
        assertEquals(Protocol.CLOSE_JOIN_TIMEOUT, p.closeCode);
    }

    @Test
    void shouldCloseWith4009AfterTheIdleTimeout(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback().withKeepAlive(300, 1_200));
        HttpPlayer p = joined(vertx, fixture, "quiet");
        HttpPlayer.Stream s = p.stream(); // one request, then silence
        p.await(x -> x.closeCode >= 0);
        assertEquals(Protocol.CLOSE_TIMEOUT, p.closeCode);
        assertEquals(200, Bot.get(s.ended()));
        assertTrue(p.keepAlives >= 1, "KEEPALIVE records on a stream every ping interval");
    }

    @Test
    void shouldCloseWith4010PastTheRequestRate(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback().withMessageRate(1, 3));
        HttpPlayer p = joined(vertx, fixture, "eager");
        int sends = 0;
        while (p.closeCode < 0 && sends++ < 20) {
            p.sendBody(new byte[0]);
        }
        assertEquals(Protocol.CLOSE_RATE_LIMITED, p.closeCode, "requests: twice the message rate, then 4010");
        assertTrue(sends <= 8, "within the request burst of 6 and a little refill: " + sends);
    }

    @Test
    void shouldCloseWith4010PastTheMessageRate(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback().withMessageRate(1, 4));
        HttpPlayer p = joined(vertx, fixture, "pinger");
        byte[] ping = p.frame(new PingMessage(1, 0));
        assertEquals(410, p.send(ping, ping, ping, ping, ping, ping).status());
        assertEquals(Protocol.CLOSE_RATE_LIMITED, p.closeCode);
    }

    @Test
    void shouldCountRepeatedRecordsAgainstTheMessageRate(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback().withMessageRate(1, 10));
        HttpPlayer p = joined(vertx, fixture, "replayer");
        byte[] ping = p.frame(new PingMessage(1, 0));
        byte[] body = HttpPlayer.records(2, ping, ping);
        int sends = 0;
        while (p.closeCode < 0 && sends++ < 20) {
            p.sendBody(body); // delivered once, then only repeated
        }
        assertEquals(Protocol.CLOSE_RATE_LIMITED, p.closeCode, "a repeated record costs a token as a message does");
        assertTrue(sends <= 6, "within the message burst of 10: " + sends);
    }

    @Test
    void shouldCountHttpSessionsAndWebSocketsTogetherPerAddress(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback().withMaxConnectionsPerAddress(2));
        Bot.join(vertx, fixture.port(), "ws");
        HttpPlayer first = new HttpPlayer(vertx, fixture.port());
        assertEquals(200, first.open(new byte[0]).status());
        HttpPlayer second = new HttpPlayer(vertx, fixture.port());
        assertEquals(429, second.open(new byte[0]).status(), "a WebSocket and an HTTP session: the cap of 2");
        assertEquals(200, new HttpPlayer(vertx, fixture.port(), "127.0.0.2").open(new byte[0]).status(),
                "another address");
        assertEquals(204, first.sendBody(concat(Records.seq(1), Records.close(1000, "bye"))).status());
        assertEquals(200, second.open(new byte[0]).status(), "the slot was released");
    }

    @Test
    void shouldForgetClosedSessions(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback().withHandshakeRate(1000, 1000));
        HttpSessions sessions = fixture.server.httpSessions();
        for (int i = 0; i < 40; i++) {
            HttpPlayer p = new HttpPlayer(vertx, fixture.port());
            assertEquals(200, p.open(new byte[0]).status());
            assertEquals(204, p.sendBody(concat(Records.seq(1), Records.close(1000, "bye"))).status());
        }
        assertEquals(0, sessions.liveCount());
        assertEquals(40, sessions.tombstoneCount(), "closed sessions answer their CLOSE for a while");
        sessions.sweep(System.nanoTime() + TimeUnit.SECONDS.toNanos(31));
        assertEquals(0, sessions.tombstoneCount(), "then nothing is left");
    }
}
