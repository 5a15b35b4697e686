package dev.tickcast.server.internal.room;

import com.esotericsoftware.kryo.io.Input;
import dev.tickcast.game.Identity;
import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.wire.Messages;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.SchemaMessage;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16 item 9b: a room that matchmaking reserved but nobody joined holds no game, no world
 * and no snapshot ring; they are made at the first JOIN (or spectator), once.
 */
@ExtendWith(VertxExtension.class)
class UnjoinedRoomTest {
    private final AtomicInteger games = new AtomicInteger();
    private final AtomicInteger disposed = new AtomicInteger();
    private final AtomicInteger captured = new AtomicInteger();
    private final GameSpec spec = GameSpec.of("counted", () -> {
        games.incrementAndGet();
        return new CountedArena();
    }).rates(60, 20).maxPlayers(4);

    /** The arena, counting its disposals. */
    private final class CountedArena implements Game {
        private final ArenaGame arena = new ArenaGame();

        @Override
        public void onCreate(dev.tickcast.game.RoomContext room) {
            arena.onCreate(room);
        }

        @Override
        public String onJoinRequest(Identity player, int players) {
            return arena.onJoinRequest(player, players);
        }

        @Override
        public int onJoin(int playerId, Identity player) {
            return arena.onJoin(playerId, player);
        }

        @Override
        public boolean onInput(int playerId, int seq, dev.tickcast.game.InputReader input) {
            return arena.onInput(playerId, seq, input);
        }

        @Override
        public void step(int tick) {
            arena.step(tick);
        }

        @Override
        public void onLeave(int playerId) {
            arena.onLeave(playerId);
        }

        @Override
        public void onDispose() {
            disposed.incrementAndGet();
        }
    }

    private Room room(Vertx vertx) {
        Room room = new Room("r", spec, vertx.getOrCreateContext(), 1,
                new RoomSettings(() -> 1, 10_000, 15_000, (r, snapshot) -> captured.incrementAndGet()),
                new RoomListener() {
                    @Override
                    public void onSeatFreed(Room r, String token) {
                    }

                    @Override
                    public void onDisposed(Room r) {
                    }
                });
        room.start(false);
        return room;
    }

    @Test
    void shouldHoldNoGameNorWorldUntilTheFirstJoin(Vertx vertx) {
        Room room = room(vertx);
        room.step();
        room.announce("nobody hears this");
        assertEquals(0, games.get(), "no game made at reservation");
        assertEquals(0, captured.get(), "no world: nothing to capture");
        assertEquals(0, room.tick());

        MemoryLink link = new MemoryLink();
        room.join(new Session(link, "ann"));
        assertEquals(1, games.get());
        assertEquals(2, link.sent.size(), "WELCOME and SCHEMA");
        assertEquals(Protocol.typeByte(Protocol.SCHEMA), link.sent.get(1).getUnsignedByte(0));
        SchemaMessage schema = (SchemaMessage) Messages.newKryo().readClassAndObject(new Input(link.sent.get(1).getBytes()));
        assertFalse(schema.schemas().isEmpty(), "the world exists once joined: its tables are in the SCHEMA");
        room.join(new Session(new MemoryLink(), "bob"));
        room.step();
        assertEquals(1, games.get(), "made once");
        assertEquals(1, room.tick());
    }

    @Test
    void shouldDisposeAnUnjoinedRoomWithoutTheGame(Vertx vertx) throws Exception {
        Room room = room(vertx);
        room.dispose(Protocol.CLOSE_NORMAL, "room empty");
        assertEquals(0, games.get(), "a room nobody joined never made its game");
        assertEquals(0, disposed.get(), "so it has no game to dispose");
        assertTrue(room.stats().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).disposed());
    }

    @Test
    void shouldMakeTheWorldForASpectatorToo(Vertx vertx) {
        Room room = room(vertx);
        MemoryLink link = new MemoryLink();
        room.watch(new Session(link, "spectator"));
        assertEquals(1, games.get());
        assertEquals(2, link.sent.size(), "WELCOME and SCHEMA");
        room.dispose(Protocol.CLOSE_NORMAL, "test");
        assertEquals(1, disposed.get());
    }
}
