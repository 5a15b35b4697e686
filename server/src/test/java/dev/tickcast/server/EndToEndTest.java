package dev.tickcast.server;

import dev.tickcast.games.arena.ArenaInput;
import dev.tickcast.games.arena.ArenaSchemas;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real WebSockets on loopback: matchmaking, join, snapshots, inputs, mirrors, leave, room overflow. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class EndToEndTest {
    private static final int PLAYER = 2;
    private static final int SNAPSHOT_EVERY = 3;

    private Vertx vertx;
    private ServerFixture fixture;

    @BeforeEach
    void start(Vertx vertx) {
        this.vertx = vertx;
        fixture = ServerFixture.arena(vertx);
    }

    @Test
    void shouldSyncThreeClientsThroughJoinInputsAndLeave() {
        Bot a = Bot.join(vertx, fixture.port(), "alice");
        Bot b = Bot.join(vertx, fixture.port(), "bob");
        Bot c = Bot.join(vertx, fixture.port(), "carol");
        String room = a.welcome().roomId();
        assertEquals(room, b.welcome().roomId());
        assertEquals(room, c.welcome().roomId());
        assertEquals(60, a.welcome().tickHz());
        assertEquals(SNAPSHOT_EVERY, a.welcome().snapshotEveryTicks());

        int aEntity = a.welcome().entityId();
        int cEntity = c.welcome().entityId();
        for (Bot bot : List.of(a, b, c)) {
            bot.await(s -> Bot.row(s, PLAYER, cEntity) >= 0 && bot.snapshotTicks.size() >= 10);
            List<Boolean> full = List.copyOf(bot.snapshotFull); // the bot appends on its own thread meanwhile
            assertTrue(full.get(0), "the first snapshot is full");
            assertFalse(full.subList(1, full.size()).contains(true), "then deltas only");
            assertEveryBroadcast(bot.snapshotTicks);
        }

        float startX = xOf(a.await(s -> true), aEntity);
        int seq = sendRightInputs(a, 5);
        String moved = a.await(s -> s.table(PLAYER).value(Bot.row(s, PLAYER, aEntity),
                ArenaSchemas.PLAYER_LAST_INPUT_SEQ.index()) >= seq);
        assertTrue(xOf(moved, aEntity) > startX || startX > 1999, "input moved alice to the right");
        b.await(s -> s.table(PLAYER).value(Bot.row(s, PLAYER, aEntity),
                ArenaSchemas.PLAYER_LAST_INPUT_SEQ.index()) >= seq);

        assertMirrorsEqualServer(room, a, b, c);

        Bot.get(c.client.close().toCompletionStage().toCompletableFuture());
        a.await(s -> Bot.row(s, PLAYER, cEntity) < 0);
        b.await(s -> Bot.row(s, PLAYER, cEntity) < 0);
        assertEquals(Integer.valueOf(2), fixture.<Integer>onRoom(room, r -> r.players()));
    }

    @Test
    void shouldPutTheSeventeenthClientInASecondRoom() {
        List<Bot> bots = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            bots.add(Bot.join(vertx, fixture.port(), "p" + i));
        }
        String first = bots.get(0).welcome().roomId();
        for (Bot bot : bots) {
            assertEquals(first, bot.welcome().roomId());
        }
        Bot seventeenth = Bot.join(vertx, fixture.port(), "p16");
        assertNotEquals(first, seventeenth.welcome().roomId());
        seventeenth.await(s -> s.table(PLAYER).count() == 1);
        bots.get(15).await(s -> s.table(PLAYER).count() == 16);
    }

    @Test
    void shouldRefuseAnUnknownSeatToken() {
        Bot bot = new Bot(vertx, fixture.port());
        Bot.get(bot.client.join(new dev.tickcast.client.Seat("nope", "forged-token", "arena", 0))
                .toCompletionStage().toCompletableFuture());
        assertEquals(Protocol.CLOSE_BAD_SEAT, bot.closeCode());
        assertNull(bot.client.welcome());
    }

    private static int sendRightInputs(Bot bot, int count) {
        byte[] right = {(byte) ArenaInput.encode(1, 0, false)};
        int[] last = {0};
        java.util.concurrent.CompletableFuture<Integer> sent = new java.util.concurrent.CompletableFuture<>();
        bot.client.vertx().runOnContext(v -> {
            for (int i = 0; i < count; i++) {
                last[0] = bot.client.sendInput(right);
            }
            sent.complete(last[0]);
        });
        return Bot.get(sent);
    }

    /** Every client mirror, at every tick the server also recorded, equals the server's state. */
    private void assertMirrorsEqualServer(String room, Bot... bots) {
        for (Bot bot : bots) {
            String mirror = bot.await(s -> fixture.state(room, s.tick()) != null);
            int tick = Integer.parseInt(mirror.substring(5, mirror.indexOf('\n')));
            assertEquals(fixture.state(room, tick), mirror, "mirror equals the server at tick " + tick);
        }
    }

    private static void assertEveryBroadcast(List<Integer> ticks) {
        for (int i = 1; i < ticks.size(); i++) {
            assertEquals(SNAPSHOT_EVERY, ticks.get(i) - ticks.get(i - 1), "snapshot ticks " + ticks);
        }
    }

    private static float xOf(String state, int entity) {
        for (String line : state.split("\n")) {
            if (line.startsWith("  #" + entity + " ") && line.contains("name=")) {
                String x = line.substring(line.indexOf(" x=") + 3);
                return Integer.parseInt(x.substring(0, x.indexOf(' '))) / 10f;
            }
        }
        throw new AssertionError("no player " + entity + " in\n" + state);
    }

}
