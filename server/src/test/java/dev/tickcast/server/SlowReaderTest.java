package dev.tickcast.server;

import dev.tickcast.client.TickcastClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import dev.tickcast.wire.Protocol;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that stops reading for several seconds: the others keep every snapshot on time, the
 * server skips the slow one (its queue stays bounded) and resynchronises it when it reads again.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class SlowReaderTest {
    private static final int WRITE_QUEUE_BYTES = 16 * 1024;
    private static final int PAUSE_TICKS = 4 * 60;

    @Test
    void shouldKeepOthersOnTimeAndResynchroniseASlowReader(Vertx vertx) {
        ServerFixture fixture = noisyServer(vertx, smallBuffers());
        Bot fast = new Bot(vertx, fixture.port()).joinGame("noise", "fast");
        Bot slow = smallWindowBot(vertx, fixture);
        String room = fast.welcome().roomId();
        int slowSeat = slow.welcome().playerId();
        slow.await(s -> slow.snapshotTicks.size() >= 5);

        slow.onContext(() -> slow.client.pause());
        int pausedAt = fixture.awaitRoom(room, r -> true);
        fixture.awaitRoom(room, r -> r.session(slowSeat).snapshotsSkipped() > 0);
        int until = pausedAt + PAUSE_TICKS;
        fixture.awaitRoom(room, r -> r.tick() >= until);
        long skipped = fixture.<Long>onRoom(room, r -> r.session(slowSeat).snapshotsSkipped());
        assertTrue(skipped > PAUSE_TICKS / 2, "most snapshots were skipped, not queued: " + skipped);

        fast.await(s -> s.tick() >= until);
        assertEverySnapshot(fast.snapshotTicks);
        assertEquals(fixture.state(room, fast.lastTick), fast.lastState);

        slow.onContext(() -> slow.client.resume());
        String caughtUp = slow.await(s -> s.tick() > until && fixture.state(room, s.tick()) != null);
        int tick = Integer.parseInt(caughtUp.substring(5, caughtUp.indexOf('\n')));
        assertEquals(fixture.state(room, tick), caughtUp, "the slow reader's mirror is correct again");
        assertTrue(slow.client.mirror().fullSnapshots() >= 2, "its old baseline left the ring: a keyframe resynchronised it");
        assertNull(slow.client.error());
    }

    @Test
    void shouldCloseAReaderThatStaysStalledThenLetItResume(Vertx vertx) {
        ServerFixture fixture = noisyServer(vertx, smallBuffers().withSlowConsumerTimeoutMs(3_000));
        Bot fast = new Bot(vertx, fixture.port()).joinGame("noise", "fast");
        Bot slow = smallWindowBot(vertx, fixture);
        String room = fast.welcome().roomId();
        int slowSeat = slow.welcome().playerId();
        slow.await(s -> slow.snapshotTicks.size() >= 5);

        slow.onContext(() -> slow.client.pause());
        int pausedAt = fixture.awaitRoom(room, r -> true);
        fixture.awaitRoom(room, r -> r.tick() >= pausedAt + 10 * 60);
        long skipped = fixture.<Long>onRoom(room, r -> r.session(slowSeat) == null ? -1L
                : r.session(slowSeat).snapshotsSkipped());
        assertTrue(skipped > 3 * 60, "skipped, not queued: " + skipped);
        fast.await(s -> s.tick() >= pausedAt + 10 * 60);
        assertEverySnapshot(fast.snapshotTicks);

        slow.onContext(() -> slow.client.resume());
        assertEquals(Protocol.CLOSE_SLOW_CONSUMER, slow.closeCode(), "closed after 3 s behind");
        Bot.get(slow.client.reconnect().toCompletionStage().toCompletableFuture());
        String resumed = slow.await(s -> s.tick() > pausedAt + 10 * 60 && fixture.state(room, s.tick()) != null);
        int tick = Integer.parseInt(resumed.substring(5, resumed.indexOf('\n')));
        assertEquals(fixture.state(room, tick), resumed, "it resumed its seat with an exact state");
        assertEquals(slowSeat, slow.client.welcome().playerId());
    }


    /** Small write queues and socket buffers, so a reader that stops is noticed within a second. */
    private static TickcastOptions smallBuffers() {
        return TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(2)
                .withWriteQueueMaxBytes(WRITE_QUEUE_BYTES).withSendBufferBytes(8192);
    }

    private static ServerFixture noisyServer(Vertx vertx, TickcastOptions config) {
        return new ServerFixture(vertx, config, new GameRegistry().register(NoiseGame.SPEC));
    }

    private static Bot smallWindowBot(Vertx vertx, ServerFixture fixture) {
        return new Bot(new TickcastClient(vertx, "127.0.0.1", fixture.port(),
                new WebSocketClientOptions().setReceiveBufferSize(4096))).joinGame("noise", "slow");
    }

    private static void assertEverySnapshot(List<Integer> ticks) {
        for (int i = 1; i < ticks.size(); i++) {
            assertEquals(1, ticks.get(i) - ticks.get(i - 1), "the fast client missed a snapshot: " + ticks);
        }
    }
}
