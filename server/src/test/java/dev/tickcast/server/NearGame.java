package dev.tickcast.server;

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

/**
 * A test game with interest: a 1000 x 1000 world of 100-unit cells; player 0 starts at (100, 500),
 * player 1 at (900, 500), each seeing a 150-unit circle; an input byte b puts the player at x = 4b.
 * Its body-only field {@code secret} (10 x player id + 7) reaches its owner only; the global
 * {@code clock} table reaches everyone.
 */
final class NearGame implements Game {
    static final Schema BODY = new Schema("body");
    static final Field X = BODY.qfloat("x", 0.1f, true);
    static final Field Y = BODY.qfloat("y", 0.1f, true);
    static final Field SECRET = BODY.intField("secret", false);
    static final Schema CLOCK = new Schema("clock");
    static final Field TICK = CLOCK.intField("tick", true);
    static final GameSpec SPEC = GameSpec.of("near", NearGame::new).rates(60, 20).maxPlayers(4);
    static final int BODIES = 0;
    static final int CLOCKS = 1;

    static {
        BODY.freeze();
        CLOCK.freeze();
    }

    private Table bodies;
    private Table clock;
    private Views views;
    private final int[] entity = {-1, -1, -1, -1};

    @Override
    public void onCreate(RoomContext room) {
        bodies = room.world().createTable(BODY);
        clock = room.world().createTable(CLOCK);
        clock.addRow();
        views = room.interest(InterestSpec.builder().grid(100, 1000, 1000).positioned(bodies, X, Y).global(clock)
                .bodyOnly(bodies, SECRET).build());
    }

    @Override
    public int onJoin(int playerId, Identity player) {
        int row = bodies.addRow();
        bodies.setFloat(row, X, playerId % 2 == 0 ? 100 : 900);
        bodies.setFloat(row, Y, 500);
        bodies.setInt(row, SECRET, 10 * playerId + 7);
        entity[playerId] = bodies.id(row);
        return entity[playerId];
    }

    @Override
    public boolean onInput(int playerId, int seq, InputReader input) {
        int b = input.readUnsignedByte();
        if (!input.complete()) {
            return false;
        }
        bodies.setFloat(bodies.rowOf(entity[playerId]), X, 4 * b);
        return true;
    }

    @Override
    public void step(int tick) {
        clock.setInt(0, TICK, tick);
        for (int p = 0; p < entity.length; p++) {
            if (entity[p] >= 0) {
                int row = bodies.rowOf(entity[p]);
                views.setCircle(p, bodies.getFloat(row, X), bodies.getFloat(row, Y), 150);
            }
        }
    }

    @Override
    public void onLeave(int playerId) {
        bodies.remove(entity[playerId]);
        entity[playerId] = -1;
        views.clear(playerId);
    }
}
