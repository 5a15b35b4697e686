package dev.tickcast.server;

import dev.tickcast.server.internal.engine.TickcastServer;
import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.wire.Protocol;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The meters of a server in a Vert.x with Micrometer metrics: Tickcast's and Vert.x's in one
 * registry, with labels of bounded cardinality (never a room id, a player name or an address), and
 * the values the players' traffic should give them; and the off switch.
 */
class MetricsTest {
    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(15);

    private Vertx vertx;
    /** The players' own Vert.x, without metrics: the registry holds the server's meters only. */
    private Vertx clients;
    private TickcastServer server;
    private final List<Bot> bots = new ArrayList<>();

    @BeforeEach
    void start() {
        vertx = TickcastMetrics.vertx(new VertxOptions());
        clients = Vertx.vertx();
        server = Bot.get(TickcastServer.start(vertx, TickcastOptions.defaults().withAddress("127.0.0.1", 0)
                .withEventLoops(2), new GameRegistry().register(ArenaGame.SPEC)).toCompletionStage().toCompletableFuture());
    }

    @AfterEach
    void stop() throws Exception {
        clients.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldLabelNoMeterByRoomPlayerOrAddress() {
        Set<String> roomIds = new HashSet<>();
        List<String> names = List.of("alice-x1", "bob-x2", "carol-x3", "dave-x4", "erin-x5");
        for (String name : names) {
            Bot bot = new Bot(clients, server.port());
            bot.client.join(Bot.get(bot.client.matchmake("arena", name).toCompletionStage().toCompletableFuture()));
            bots.add(bot);
        }
        // a private room too, so that there are several room ids
        Bot solo = new Bot(clients, server.port());
        solo.client.join(HttpGet.seat(clients, server.port(), "/matchmake/create/arena", "{\"name\":\"solo-x7\",\"private\":true}"));
        bots.add(solo);
        for (Bot bot : bots) {
            roomIds.add(bot.welcome().roomId());
            bot.client.sendInput(new byte[] {1});
        }
        MeterRegistry registry = server.meterRegistry();
        awaitTrue(() -> gauge(registry, "tickcast.players.connected") == bots.size(), "players gauge");
        Set<String> before = tickcastIds(registry);
        Bot other = Bot.join(clients, server.port(), "frank-x6");
        roomIds.add(other.welcome().roomId());
        bots.add(other);
        awaitTrue(() -> gauge(registry, "tickcast.players.connected") == bots.size(), "players gauge");
        assertEquals(before, tickcastIds(registry), "more players and rooms add no time series");

        Set<String> forbidden = new HashSet<>(roomIds);
        forbidden.addAll(names);
        forbidden.add("frank-x6");
        forbidden.add("solo-x7");
        assertTrue(roomIds.size() >= 2, "several rooms");
        forbidden.add("127.0.0.1");
        boolean vertxMeters = false;
        for (Meter meter : registry.getMeters()) {
            vertxMeters |= meter.getId().getName().startsWith("vertx.");
            for (Tag tag : meter.getId().getTags()) {
                for (String f : forbidden) {
                    assertFalse(tag.getValue().contains(f), meter.getId() + " has a per-room, per-player or "
                            + "per-address label: " + tag);
                }
                assertFalse(tag.getKey().equals("address") || tag.getKey().equals("path")
                        || tag.getKey().equals("remote") || tag.getKey().equals("local"), meter.getId() + ": " + tag);
            }
        }
        assertTrue(vertxMeters, "Vert.x's own meters share the registry");
    }

    @Test
    void shouldCountTicksPlayersInputsSnapshotsAndCloses() {
        Bot a = Bot.join(clients, server.port(), "alice");
        Bot b = Bot.join(clients, server.port(), "bob");
        for (int i = 0; i < 5; i++) {
            a.client.sendInput(new byte[] {1});
        }
        MeterRegistry registry = server.meterRegistry();
        awaitTrue(() -> gauge(registry, "tickcast.players.connected") == 2, "2 players connected");
        assertEquals(1, gauge(registry, "tickcast.rooms.open"));
        awaitTrue(() -> counter(registry, "tickcast.inputs", "result", "accepted") == 5, "5 inputs accepted");
        awaitTrue(() -> counter(registry, "tickcast.snapshot.bytes", null, null) > 0, "snapshot bytes");
        assertTrue(registry.get("tickcast.tick.duration").tag("game", "arena").timer().count() > 0);
        awaitTrue(() -> counter(registry, "tickcast.snapshots.full", null, null) >= 2, "a keyframe per player");
        assertTrue(counter(registry, "tickcast.broadcasts", null, null) > 0);
        assertEquals(2, registry.get("tickcast.matchmaking.requests").tag("outcome", "ok").counter().count());
        b.client.close();
        awaitTrue(() -> gauge(registry, "tickcast.players.connected") == 1, "bob left");
        awaitTrue(() -> registry.find("tickcast.connection.closes").tags("code", "1000", "by", "client").counter() != null
                && registry.get("tickcast.connection.closes").tags("code", "1000", "by", "client").counter().count() == 1,
                "a close by the client with 1000");
        a.client.sendInput(new byte[] {1});
        a.client.sendRaw(io.vertx.core.buffer.Buffer.buffer(new byte[] {(byte) 99}));
        assertEquals(Protocol.CLOSE_UNKNOWN_TYPE, a.closeCode());
        awaitTrue(() -> registry.find("tickcast.connection.closes").tags("code", "4000", "by", "server").counter() != null,
                "a close by the server with 4000");
        awaitTrue(() -> gauge(registry, "tickcast.rooms.open") == 0, "the empty room is disposed");
    }

    @Test
    void shouldRecordNothingWhenOff() throws Exception {
        TickcastServer off = Bot.get(TickcastServer.start(vertx, TickcastOptions.defaults().withAddress("127.0.0.1", 0)
                        .withEventLoops(1).withMetrics(false, 0), new GameRegistry().register(ArenaGame.SPEC))
                .toCompletionStage().toCompletableFuture());
        assertEquals(null, off.meterRegistry());
        Bot.join(clients, off.port(), "alice").welcome();
        assertEquals(404, HttpGet.status(clients, off.port(), "/metrics", null));
        assertEquals(200, HttpGet.status(clients, server.port(), "/metrics", null));
        Bot.get(off.shutdown().toCompletionStage().toCompletableFuture());
    }

    static double gauge(MeterRegistry registry, String name) {
        var g = registry.find(name).tag("game", "arena").gauge();
        return g == null ? -1 : g.value();
    }

    static double counter(MeterRegistry registry, String name, String key, String value) {
        var search = registry.find(name).tag("game", "arena");
        var c = key == null ? search.functionCounter() : search.tag(key, value).functionCounter();
        return c == null ? -1 : c.count();
    }

    private static Set<String> tickcastIds(MeterRegistry registry) {
        Set<String> ids = new HashSet<>();
        for (Meter m : registry.getMeters()) {
            if (m.getId().getName().startsWith("tickcast.")) {
                ids.add(m.getId().toString());
            }
        }
        return ids;
    }

    static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT_NS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // polling, bounded
        }
        assertNotNull(what);
    }
}
