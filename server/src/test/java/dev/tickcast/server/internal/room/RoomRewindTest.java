package dev.tickcast.server.internal.room;

import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.Identity;
import dev.tickcast.game.InputReader;
import dev.tickcast.game.RoomContext;
import dev.tickcast.game.interest.InterestSpec;
import dev.tickcast.game.interest.Views;
import dev.tickcast.game.rewind.RewoundWorld;
import dev.tickcast.game.rewind.ViewReason;
import dev.tickcast.game.rewind.ViewStamp;
import dev.tickcast.state.Field;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Table;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Lag compensation in a real room driven step by step: the broadcast stage records what each player
 * is sent (with its cells), INPUT's view stamp reaches the game's rewind, and a snapshot a player
 * skipped (its queue was full) is never credited.
 */
@ExtendWith(VertxExtension.class)
class RoomRewindTest {
    /**
     * Dot 0 at x = tick (y = 0), a far dot at (900, 900); with interest (cells of 100 on 1000 x 1000)
     * every player watches a circle of 150 around (50, 0), so the far dot is never sent. onInput
     * hands the rewound view to {@link #probe}.
     */
    static final class DotGame implements Game {
        static final Schema DOTS = new Schema("dots");
        static final Field X = DOTS.qfloat("x", 0.01f, true);
        static final Field Y = DOTS.qfloat("y", 0.01f, true);

        static {
            DOTS.freeze();
        }

        final boolean interest;
        Consumer<RewoundWorld> probe;
        RoomContext room;
        Table dots;
        Views views;
        int near;
        int far;

        DotGame(boolean interest) {
            this.interest = interest;
        }

        @Override
        public void onCreate(RoomContext context) {
            room = context;
            dots = context.world().createTable(DOTS);
            near = dots.id(dots.addRow());
            int row = dots.addRow();
            far = dots.id(row);
            dots.setFloat(row, X, 900);
            dots.setFloat(row, Y, 900);
            if (interest) {
                views = context.interest(InterestSpec.builder().grid(100, 1000, 1000).positioned(dots, X, Y).build());
            }
        }

        @Override
        public int onJoin(int playerId, Identity player) {
            return -1;
        }

        @Override
        public boolean onInput(int playerId, int seq, InputReader input) {
            probe.accept(room.rewind(playerId));
            return true;
        }

        @Override
        public void step(int tick) {
            dots.setFloat(dots.rowOf(near), X, tick);
            if (views != null) {
                views.setCircle(0, 50, 0, 150);
            }
        }

        @Override
        public void onLeave(int playerId) {
        }
    }

    private Room room;
    private DotGame game;
    private final List<String> seen = new ArrayList<>();
    private int seq;

    private MemoryLink start(Vertx vertx, boolean interest) {
        room = new Room("rewind", spec(interest), vertx.getOrCreateContext(),
                7, new RoomSettings(System::nanoTime, 10_000, 15_000), new RoomListener() {
            @Override
            public void onSeatFreed(Room r, String token) {
            }

            @Override
            public void onDisposed(Room r) {
            }
        });
        room.start(false);
        MemoryLink link = new MemoryLink();
        room.join(new Session(link, "ann"));
        return link;
    }

    private GameSpec spec(boolean interest) {
        return GameSpec.of("rewind", () -> {
            game = new DotGame(interest);
            game.probe = w -> {
                int far = w.rowOf(game.dots, game.far);
                int near = w.rowOf(game.dots, game.near);
                seen.add(w.reason() + " " + w.tick() + ".." + w.nextTick() + (far >= 0 ? " far" : "")
                        + (near >= 0 ? " x=" + w.getFloat(game.dots, near, DotGame.X) : ""));
            };
            return game;
        }).tickHz(20).snapshotEveryTicks(2).maxPlayers(4);
    }

    private void ticks(int n) {
        for (int i = 0; i < n; i++) {
            room.step();
        }
    }

    /** An INPUT stamped {@code view}, handled at the next step (at the room's current tick). */
    private String input(int view) {
        Buffer frame = Buffer.buffer().appendByte((byte) Protocol.typeByte(Protocol.INPUT));
        varuint(frame, ++seq);
        varuint(frame, view);
        room.session(0).offer(frame);
        int before = seen.size();
        room.step();
        assertEquals(before + 1, seen.size(), "the game rewound");
        return seen.get(seen.size() - 1);
    }

    private static void varuint(Buffer b, int v) {
        while ((v & ~0x7F) != 0) {
            b.appendByte((byte) (v & 0x7F | 0x80));
            v >>>= 7;
        }
        b.appendByte((byte) v);
    }

    @Test
    void shouldJudgeStampsByWhatTheRoomSentThePlayer(Vertx vertx) {
        MemoryLink link = start(vertx, false);
        ticks(29);
        link.writable = false;
        ticks(1); // the snapshot of tick 30 is skipped: never sent
        link.writable = true;
        ticks(10);
        assertEquals("EXACT 28..32 far x=30.0", input(ViewStamp.of(28, 16)), "at tick 40: 28 then 32 is what it had");
        assertEquals("EXACT 32..34 far x=33.0", input(ViewStamp.of(32, 16)), "at tick 41");
        assertEquals("REFUSED 42..42 far x=42.0", input(ViewStamp.of(30, 0)), "skipped: the view the (unknown) round trip suggests");
        assertEquals("REFUSED 42..42 far x=42.0", input(ViewStamp.of(42, 3)), "at tick 43: past the newest it had");
        RoomStats stats = room.stats().toCompletionStage().toCompletableFuture().join();
        assertEquals(2, stats.rewinds(ViewReason.EXACT), "the admin's counts");
        assertEquals(2, stats.rewinds(ViewReason.REFUSED));
        assertEquals(0, stats.rewinds(ViewReason.TOO_OLD));
        assertEquals(2, RoomJson.admin(stats).getJsonObject("rewinds").getLong("REFUSED"));
    }

    @Test
    void shouldOnlyRewindWhatThePlayerWasSentWithInterest(Vertx vertx) {
        start(vertx, true);
        ticks(40);
        assertEquals("EXACT 34..36 x=35.0", input(ViewStamp.of(34, 16)), "no far dot: it never was in the player's cells");
        assertEquals("TOO_OLD 30..32 x=31.0", input(ViewStamp.of(20, 0)), "at tick 41: 500 ms ago is the oldest allowed");
    }
}
