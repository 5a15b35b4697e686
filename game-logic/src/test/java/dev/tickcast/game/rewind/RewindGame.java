package dev.tickcast.game.rewind;

import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.Identity;
import dev.tickcast.game.InputReader;
import dev.tickcast.game.RoomContext;
import dev.tickcast.game.interest.InterestSpec;
import dev.tickcast.game.interest.Views;
import dev.tickcast.state.Field;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Table;

import java.util.function.Consumer;

/**
 * A game for rewind tests, at 20 ticks a second with a snapshot every 2 ticks (100 ms): dot {@code k}
 * (k = 0, 1, 2, in creation order) is at x = tick * (k + 1), y = 0, with angle 3 + 0.1 * (tick - 30) wrapped
 * into [-pi, pi), hp = tick, alive on ticks divisible by 4 and name "t" + tick; a late dot joins at
 * tick {@link #LATE_TICK} (x = 500 + tick); a far dot sits at (900, 900). With interest (cells of 100
 * on 1000 x 1000), every player watches a circle of 150 around (50, 0): the far dot is never sent.
 * Its onInput and onMessage hand the rewound view to {@link #probe}.
 */
final class RewindGame implements Game {
    static final Schema DOTS = new Schema("dots");
    static final Field X = DOTS.qfloat("x", 0.01f, true);
    static final Field Y = DOTS.qfloat("y", 0.01f, true);
    static final Field ANGLE = DOTS.qfloat("angle", 0.001f, false);
    static final Field HP = DOTS.intField("hp", false);
    static final Field ALIVE = DOTS.boolField("alive");
    static final Field NAME = DOTS.stringField("name");
    static final Schema CLOCK = new Schema("clock");
    static final Field TICKS = CLOCK.intField("ticks", false);
    static final int LATE_TICK = 31;

    static {
        DOTS.freeze();
        CLOCK.freeze();
    }

    final boolean interest;
    Consumer<RewoundWorld> probe = w -> { };
    RoomContext room;
    Table dots;
    Table clock;
    Views views;
    final int[] ids = new int[3];
    int late = -1;
    int far;

    RewindGame(boolean interest) {
        this.interest = interest;
    }

    static GameSpec spec(boolean interest) {
        return GameSpec.of("rewind", () -> new RewindGame(interest)).tickHz(20).snapshotEveryTicks(2).maxPlayers(4);
    }

    static float angleAt(int tick) {
        double a = 3 + 0.1 * (tick - 30) + Math.PI;
        return (float) (a - 2 * Math.PI * Math.floor(a / (2 * Math.PI)) - Math.PI);
    }

    @Override
    public void onCreate(RoomContext context) {
        room = context;
        dots = context.world().createTable(DOTS);
        clock = context.world().createTable(CLOCK);
        for (int k = 0; k < ids.length; k++) {
            ids[k] = dots.id(dots.addRow());
        }
        int row = dots.addRow();
        far = dots.id(row);
        dots.setFloat(row, X, 900);
        dots.setFloat(row, Y, 900);
        clock.addRow();
        if (interest) {
            views = context.interest(InterestSpec.builder().grid(100, 1000, 1000).positioned(dots, X, Y).global(clock).build());
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
    public boolean onMessage(int playerId, int type, InputReader payload) {
        probe.accept(room.rewind(playerId));
        return true;
    }

    @Override
    public void step(int tick) {
        if (tick == LATE_TICK) {
            late = dots.id(dots.addRow());
        }
        for (int k = 0; k < ids.length; k++) {
            set(dots.rowOf(ids[k]), tick, tick * (k + 1));
        }
        if (late >= 0) {
            set(dots.rowOf(late), tick, 500 + tick);
        }
        clock.setInt(0, TICKS, tick);
        if (views != null) {
            for (int p = 0; p < 4; p++) {
                views.setCircle(p, 50, 0, 150);
            }
        }
    }

    private void set(int row, int tick, float x) {
        dots.setFloat(row, X, x);
        dots.setFloat(row, ANGLE, angleAt(tick));
        dots.setInt(row, HP, tick);
        dots.setBool(row, ALIVE, tick % 4 == 0);
        dots.setString(row, NAME, "t" + tick);
    }

    @Override
    public void onLeave(int playerId) {
    }
}
