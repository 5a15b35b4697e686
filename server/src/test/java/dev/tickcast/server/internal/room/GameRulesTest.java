package dev.tickcast.server.internal.room;

import dev.tickcast.game.Identity;
import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.InputReader;
import dev.tickcast.game.RoomContext;
import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A real room calls its game through the game driver: what the game refuses closes the client
 * with the code and reason a {@code LocalRoom} reports for it (issue 17 item 6), and a game that
 * throws closes the room, the joining client included, with 1011.
 */
@ExtendWith(VertxExtension.class)
class GameRulesTest {
    private final List<String> heard = new ArrayList<>();
    private String throwIn;

    /** The arena, refusing "mallory" and throwing from the callback named by {@code throwIn}. */
    private final class Picky implements Game {
        private final ArenaGame arena = new ArenaGame();

        @Override
        public void onCreate(RoomContext room) {
            arena.onCreate(room);
        }

        @Override
        public String onJoinRequest(Identity player, int players) {
            fault("onJoinRequest");
            return player.name().equals("mallory") ? "invitation only" : null;
        }

        @Override
        public int onJoin(int playerId, Identity player) {
            fault("onJoin");
            return arena.onJoin(playerId, player);
        }

        @Override
        public boolean onInput(int playerId, int seq, InputReader input) {
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

        private void fault(String callback) {
            if (callback.equals(throwIn)) {
                throw new IllegalStateException("boom in " + callback);
            }
        }
    }

    private Room room(Vertx vertx) {
        GameSpec spec = GameSpec.of("picky", Picky::new).maxPlayers(2);
        Room room = new Room("r", spec, vertx.getOrCreateContext(), 1, new RoomSettings(() -> 1, 10_000, 15_000),
                new RoomListener() {
                    @Override
                    public void onSeatFreed(Room r, String token) {
                        heard.add("freed " + token);
                    }

                    @Override
                    public void onDisposed(Room r) {
                        heard.add("disposed");
                    }
                });
        room.start(false);
        return room;
    }

    @Test
    void shouldCloseWhomTheGameRefusesWithItsReason(Vertx vertx) {
        Room room = room(vertx);
        MemoryLink mallory = new MemoryLink();
        room.join(new Session(mallory, "mallory", "t1"));
        assertEquals(Protocol.CLOSE_POLICY, mallory.closeCode);
        assertEquals("invitation only", mallory.closeReason);
        assertEquals(List.of("freed t1"), heard, "the reserved seat is free again");
        room.join(new Session(new MemoryLink(), "ann", "t2"));
        room.join(new Session(new MemoryLink(), "bob", "t3"));
        MemoryLink carol = new MemoryLink();
        room.join(new Session(carol, "carol", "t4"));
        assertEquals(Protocol.CLOSE_ROOM_CLOSED, carol.closeCode);
        assertEquals("room full", carol.closeReason);
        assertEquals(2, room.players());
    }

    @Test
    void shouldCloseTheSenderOfAnInputOutOfSequence(Vertx vertx) {
        Room room = room(vertx);
        MemoryLink ann = new MemoryLink();
        room.join(new Session(ann, "ann", "t1"));
        Session s = room.session(0);
        int input = Protocol.typeByte(Protocol.INPUT);
        s.offer(Buffer.buffer(new byte[] {(byte) input, 2, 0, 0}));
        s.offer(Buffer.buffer(new byte[] {(byte) input, 2, 0, 0}));
        room.drain(s);
        assertEquals(Protocol.CLOSE_INVALID_PAYLOAD, ann.closeCode);
        assertEquals("input sequence not increasing", ann.closeReason);
    }

    @Test
    void shouldCloseTheRoomAndTheJoiningClientWhenOnJoinThrows(Vertx vertx) {
        throwIn = "onJoin";
        Room room = room(vertx);
        MemoryLink ann = new MemoryLink();
        room.join(new Session(ann, "ann", "t1"));
        assertEquals(Protocol.CLOSE_INTERNAL_ERROR, ann.closeCode);
        assertEquals("game error", ann.closeReason);
        assertEquals(List.of("disposed"), heard, "the room leaves the directory; no seat to free");
        MemoryLink bob = new MemoryLink();
        room.join(new Session(bob, "bob", "t2"));
        assertEquals(Protocol.CLOSE_ROOM_CLOSED, bob.closeCode);
        assertEquals("room closed", bob.closeReason);
        assertNull(room.session(0));
    }
}
