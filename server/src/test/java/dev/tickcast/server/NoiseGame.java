package dev.tickcast.server;

import dev.tickcast.game.Identity;
import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.InputReader;
import dev.tickcast.state.Field;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Table;
import dev.tickcast.game.RoomContext;

import java.util.SplittableRandom;

/** A test game whose 300 cells all change every tick: tens of KB per second to fill write queues fast. */
final class NoiseGame implements Game {
    static final Schema CELL = new Schema("cell");
    static final Field VALUE = CELL.intField("v", false);
    static final GameSpec SPEC = GameSpec.of("noise", NoiseGame::new).tickHz(60).snapshotEveryTicks(1).maxPlayers(4);

    private Table cells;
    private SplittableRandom rng;

    @Override
    public void onCreate(RoomContext room) {
        rng = new SplittableRandom(room.seed());
        cells = room.world().createTable(CELL);
        for (int i = 0; i < 300; i++) {
            cells.addRow();
        }
    }

    @Override
    public int onJoin(int playerId, Identity player) {
        return -1;
    }

    @Override
    public boolean onInput(int playerId, int seq, InputReader input) {
        return true;
    }

    @Override
    public void step(int tick) {
        for (int row = 0; row < cells.size(); row++) {
            cells.setInt(row, VALUE, rng.nextInt(100_000));
        }
    }

    @Override
    public void onLeave(int playerId) {
    }
}
