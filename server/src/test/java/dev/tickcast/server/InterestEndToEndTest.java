package dev.tickcast.server;

import dev.tickcast.server.internal.room.RoomStats;
import dev.tickcast.state.Snapshot;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interest management over real WebSockets on loopback: two players of a game that declared
 * interest receive SNAPSHOT_CELLS; far apart, neither holds the other; once one moves close, both
 * do; a body-only field reaches its owner only; the global table reaches both; the room's stats
 * carry the snapshot build time.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class InterestEndToEndTest {
    @Test
    void shouldSendEachPlayerWhatIsNearIt(Vertx vertx) {
        ServerFixture fixture = new ServerFixture(vertx, TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(2),
                new GameRegistry().register(NearGame.SPEC));
        Bot a = new Bot(vertx, fixture.port()).joinGame("near", "a");
        Bot b = new Bot(vertx, fixture.port()).joinGame("near", "b");
        int ea = a.welcome().entityId();
        int eb = b.welcome().entityId();
        assertEquals(a.welcome().roomId(), b.welcome().roomId());

        a.await(s -> holds(s, ea) && clock(s) > 0 && s.tick() > 30);
        String far = b.await(s -> holds(s, eb) && s.tick() > 30);
        assertTrue(far.contains("#" + eb + " "), far);
        a.await(s -> !holds(s, eb) && secret(s, ea) == 7);
        b.await(s -> !holds(s, ea) && secret(s, eb) == 17);

        a.onContext(() -> a.client.sendInput(new byte[] {(byte) 215})); // x = 860, 40 from b
        a.await(s -> holds(s, eb) && secret(s, eb) == 0 && secret(s, ea) == 7);
        b.await(s -> holds(s, ea) && secret(s, ea) == 0 && secret(s, eb) == 17);

        a.onContext(() -> a.client.sendInput(new byte[] {(byte) 25})); // x = 100 again: out of b's view
        b.await(s -> !holds(s, ea));
        a.await(s -> !holds(s, eb));

        String room = a.welcome().roomId();
        RoomStats stats = Bot.get(fixture.server.room(room).stats().toCompletionStage().toCompletableFuture());
        assertNotNull(stats.snapshotBuildNs(), "the build time is measured");
        assertTrue(stats.snapshotBuildSamples() > 0);
    }

    private static boolean holds(Snapshot s, int entity) {
        return s.table(NearGame.BODIES).rowOf(entity) >= 0;
    }

    private static int secret(Snapshot s, int entity) {
        int row = s.table(NearGame.BODIES).rowOf(entity);
        return row < 0 ? -1 : s.table(NearGame.BODIES).value(row, NearGame.SECRET.index());
    }

    private static int clock(Snapshot s) {
        return s.table(NearGame.CLOCKS).count() == 1 ? s.table(NearGame.CLOCKS).value(0, NearGame.TICK.index()) : -1;
    }
}
