package dev.tickcast.server;

import dev.tickcast.game.Identity;
import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.InputReader;
import dev.tickcast.game.RoomContext;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Table;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A game that refuses a player in {@code onJoinRequest}, in a real room over a real WebSocket: the
 * refused player is closed with 1008 and the game's reason, the game never hears of it, and the
 * room goes on for the others (LocalRoomTest checks that LocalRoom refuses the same way).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class JoinRequestRefusalTest {
    static final List<String> JOINED = new CopyOnWriteArrayList<>();

    /** Refuses the name "mallory"; admits anyone else. */
    static final class PickyGame implements Game {
        static final Schema PAWN = new Schema("pawn");
        static final GameSpec SPEC = GameSpec.of("picky", PickyGame::new).rates(30, 10).maxPlayers(4);

        static {
            PAWN.intField("n", false);
            PAWN.freeze();
        }

        private Table pawns;

        @Override
        public void onCreate(RoomContext room) {
            pawns = room.world().createTable(PAWN);
        }

        @Override
        public String onJoinRequest(Identity player, int playersInRoom) {
            return player.name().equals("mallory") ? "mallory is banned here" : null;
        }

        @Override
        public int onJoin(int playerId, Identity player) {
            JOINED.add(player.name());
            return pawns.id(pawns.addRow());
        }

        @Override
        public boolean onInput(int playerId, int seq, InputReader input) {
            return true;
        }

        @Override
        public void step(int tick) {
        }

        @Override
        public void onLeave(int playerId) {
        }
    }

    @Test
    void shouldCloseTheRefusedPlayerWithThePolicyCodeAndTheGamesReason(Vertx vertx) {
        JOINED.clear();
        ServerFixture fixture = new ServerFixture(vertx, TickcastOptions.defaults().withAddress("127.0.0.1", 0)
                .withEventLoops(2), new GameRegistry().register(PickyGame.SPEC));
        Bot alice = new Bot(vertx, fixture.port()).joinGame("picky", "alice");
        alice.await(s -> true);

        Bot mallory = new Bot(vertx, fixture.port());
        CompletableFuture<String> reason = new CompletableFuture<>();
        mallory.client.onClose((code, text) -> reason.complete(code + " " + text));
        mallory.joinGame("picky", "mallory");

        assertEquals(Protocol.CLOSE_POLICY + " mallory is banned here", Bot.get(reason, "mallory's close"));
        assertEquals(List.of("alice"), JOINED, "the game never seated the refused player");
        int before = alice.snapshotTicks.size();
        alice.await(s -> alice.snapshotTicks.size() > before + 2);
        assertEquals(-1, alice.closed.getNow(new int[] {-1})[0], "the others play on");
    }
}
