package dev.tickcast.server;

import dev.tickcast.wire.Protocol;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.tickcast.server.HttpCarrierTest.arena;
import static dev.tickcast.server.HttpCarrierTest.loopback;
import static dev.tickcast.server.MetricsTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sessions and bytes by carrier (the fixed label {@code transport}), and the connections of HTTP
 * players counted as carriers: bounded by the connection caps through their sessions, not cut by
 * the caps on pending connections.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
class HttpCarrierMetricsTest {
    @Test
    void shouldCountSessionsAndBytesByTransport(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback());
        MeterRegistry registry = fixture.server.meterRegistry();
        Bot.join(vertx, fixture.port(), "ws");
        HttpPlayer poller = new HttpPlayer(vertx, fixture.port());
        poller.open(HttpPlayer.seat(vertx, fixture.port(), "arena", "poller").token());
        assertTrue(poller.pollUntil(x -> x.count(Protocol.SNAPSHOT) >= 1, 40));
        HttpPlayer streamer = new HttpPlayer(vertx, fixture.port());
        streamer.open(HttpPlayer.seat(vertx, fixture.port(), "arena", "streamer").token());
        streamer.stream();
        streamer.await(x -> x.count(Protocol.SNAPSHOT) >= 1);

        for (String transport : List.of("websocket", "http-poll", "http-stream")) {
            assertEquals(1, registry.get("tickcast.sessions.opened").tag("transport", transport).functionCounter().count(),
                    transport);
            assertEquals(1, registry.get("tickcast.sessions.active").tag("transport", transport).gauge().value(), transport);
            assertTrue(registry.get("tickcast.transport.sent").tag("transport", transport).functionCounter().count() > 0,
                    transport);
            assertTrue(registry.get("tickcast.transport.received").tag("transport", transport).functionCounter().count()
                    > 0, transport);
        }
        streamer.sendBody(HttpCarrierTest.concat(dev.tickcast.wire.Records.seq(2),
                dev.tickcast.wire.Records.close(1000, "bye")));
        assertEquals(0, registry.get("tickcast.sessions.active").tag("transport", "http-stream").gauge().value());
        awaitTrue(() -> registry.find("tickcast.connection.closes").tags("code", "1000", "by", "client").counter() != null,
                "the HTTP session's close is counted");
    }

    @Test
    void shouldCountPlayersConnectionsAsCarriersNotPending(Vertx vertx) {
        ServerFixture fixture = arena(vertx, loopback().withMaxPendingConnectionsPerAddress(2));
        MeterRegistry registry = fixture.server.meterRegistry();
        HttpPlayer matchmaker = new HttpPlayer(vertx, fixture.port(), "127.0.0.3"); // its connection is another address's
        List<HttpPlayer> players = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            HttpPlayer p = new HttpPlayer(vertx, fixture.port());
            assertEquals(200, p.open(matchmaker.matchmake("arena", "p" + i).token()).status());
            p.stream();
            p.await(x -> x.count(Protocol.SNAPSHOT) >= 1);
            assertEquals(204, p.sendBody(new byte[0]).status());
            players.add(p);
        }
        for (HttpPlayer p : players) {
            int seen = (int) p.count(Protocol.SNAPSHOT);
            p.await(x -> x.count(Protocol.SNAPSHOT) > seen);
        }
        assertTrue(registry.get("tickcast.connections.carriers").gauge().value() >= 4, "a stream each at least");
        assertTrue(registry.get("tickcast.connections.pending").gauge().value() <= 2);
    }
}
