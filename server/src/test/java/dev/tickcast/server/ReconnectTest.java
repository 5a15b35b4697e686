package dev.tickcast.server;

import dev.tickcast.client.Seat;
import dev.tickcast.client.TickcastClient;
import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.games.arena.ArenaInput;
import dev.tickcast.games.arena.ArenaSchemas;
import dev.tickcast.state.Snapshot;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A dropped player keeps its seat for the grace period and resumes the same entity; inputs continue. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class ReconnectTest {
    private static final int PLAYER = 2;
    private static final int SEQ = ArenaSchemas.PLAYER_LAST_INPUT_SEQ.index();

    @Test
    void shouldResumeTheSameEntityAndContinueItsInputs(Vertx vertx) {
        ServerFixture fixture = fixture(vertx, 15_000);
        Bot witness = Bot.join(vertx, fixture.port(), "witness");
        Bot player = Bot.join(vertx, fixture.port(), "player");
        int entity = player.welcome().entityId();
        int seat = player.welcome().playerId();
        String room = player.welcome().roomId();

        int seq = send(player, 5, ArenaInput.encode(1, 0, false));
        player.await(s -> value(s, entity, SEQ) == seq);
        // the server learns of the drop on its own, after the client: resume once the room has (a JOIN with the
        // reconnection token of a player the room still holds as connected is refused with 4008)
        CompletableFuture<Object> dropped = new CompletableFuture<>();
        Bot.get(vertx.eventBus().<JsonObject>consumer(RoomEvents.ALL, m -> {
            if (RoomEvents.PLAYER_DROPPED.equals(m.body().getString("type")) && m.body().getInteger("playerId") == seat) {
                dropped.complete(null);
            }
        }).completion().toCompletionStage().toCompletableFuture());
        player.onContext(() -> player.client.dropConnection());
        Bot.get(player.closed);
        Bot.get(dropped);
        String beforeResume = witness.await(s -> value(s, entity, SEQ) == seq);
        assertTrue(beforeResume.contains("#" + entity + " "), "the dropped player's entity stays in the world");
        assertEquals(Integer.valueOf(2), fixture.<Integer>onRoom(room, r -> r.players()), "its seat is kept");

        int fullBefore = (int) player.snapshotFull.stream().filter(f -> f).count();
        Bot.get(player.client.reconnect().toCompletionStage().toCompletableFuture());
        String resumed = player.await(s -> player.client.welcome() != null && value(s, entity, SEQ) == seq
                && player.snapshotFull.stream().filter(f -> f).count() > fullBefore);
        assertEquals(entity, player.client.welcome().entityId(), "same entity");
        assertEquals(seat, player.client.welcome().playerId(), "same seat");
        assertTrue(resumed.contains("#" + entity + " "));

        int next = send(player, 1, ArenaInput.encode(0, 1, false));
        assertEquals(seq + 1, next, "the sequence continues");
        witness.await(s -> value(s, entity, SEQ) == next);
        String after = player.await(s -> value(s, entity, SEQ) == next && fixture.state(room, s.tick()) != null);
        int tick = Integer.parseInt(after.substring(5, after.indexOf('\n')));
        assertEquals(fixture.state(room, tick), after, "the resumed client's mirror is exact");
    }

    @Test
    void shouldGiveUpTheSeatAfterTheGracePeriod(Vertx vertx) {
        ServerFixture fixture = fixture(vertx, 300);
        Bot witness = Bot.join(vertx, fixture.port(), "witness");
        Bot player = Bot.join(vertx, fixture.port(), "player");
        int entity = player.welcome().entityId();
        Seat seat = seatOf(player);
        witness.await(s -> s.table(PLAYER).rowOf(entity) >= 0);
        player.onContext(() -> player.client.dropConnection());
        witness.await(s -> s.table(PLAYER).rowOf(entity) < 0);
        assertEquals(Protocol.CLOSE_SEAT_EXPIRED, joinWith(vertx, fixture, seat.reconnectToken()));
    }

    @Test
    void shouldRefuseTheReconnectionTokenOfAConnectedPlayer(Vertx vertx) {
        ServerFixture fixture = fixture(vertx, 15_000);
        Bot player = Bot.join(vertx, fixture.port(), "player");
        player.await(s -> true);
        assertEquals(Protocol.CLOSE_SEAT_USED, joinWith(vertx, fixture, seatOf(player).reconnectToken()));
        assertTrue(!player.closed.isDone(), "the connected player keeps its seat");
    }

    @Test
    void shouldFreeTheSeatAtOnceOnANormalClose(Vertx vertx) {
        ServerFixture fixture = fixture(vertx, 15_000);
        Bot witness = Bot.join(vertx, fixture.port(), "witness");
        Bot player = Bot.join(vertx, fixture.port(), "player");
        int entity = player.welcome().entityId();
        witness.await(s -> s.table(PLAYER).rowOf(entity) >= 0);
        Bot.get(player.client.close().toCompletionStage().toCompletableFuture());
        witness.await(s -> s.table(PLAYER).rowOf(entity) < 0);
        assertEquals(Protocol.CLOSE_SEAT_EXPIRED, joinWith(vertx, fixture, seatOf(player).reconnectToken()));
    }

    private static ServerFixture fixture(Vertx vertx, long graceMs) {
        return new ServerFixture(vertx, TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(2)
                .withReconnectGraceMs(graceMs), new GameRegistry().register(ArenaGame.SPEC));
    }

    private static Seat seatOf(Bot bot) {
        return bot.client.seat();
    }

    private static int value(Snapshot s, int entity, int field) {
        int row = s.table(PLAYER).rowOf(entity);
        return row < 0 ? -1 : s.table(PLAYER).value(row, field);
    }

    private static int send(Bot bot, int count, int input) {
        CompletableFuture<Integer> last = new CompletableFuture<>();
        bot.client.vertx().runOnContext(v -> {
            int seq = 0;
            for (int i = 0; i < count; i++) {
                seq = bot.client.sendInput(new byte[] {(byte) input});
            }
            last.complete(seq);
        });
        return Bot.get(last);
    }


    private static int joinWith(Vertx vertx, ServerFixture fixture, String token) {
        Bot bot = new Bot(new TickcastClient(vertx, "127.0.0.1", fixture.port()));
        Bot.get(bot.client.join(new Seat("?", token, "arena", 0)).toCompletionStage().toCompletableFuture());
        return bot.closeCode();
    }
}
