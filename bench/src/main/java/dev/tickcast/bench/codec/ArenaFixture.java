package dev.tickcast.bench.codec;

import dev.tickcast.game.InputReader;
import dev.tickcast.game.testing.LocalRoom;
import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.games.arena.ArenaInput;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.World;

import java.util.SplittableRandom;

/** An arena world with bot inputs, stepped like a room: the data every codec benchmark encodes. */
final class ArenaFixture {
    final ArenaGame game;
    final World world;
    final int players;
    private final SplittableRandom random = new SplittableRandom(42);
    private final InputReader reader = new InputReader();
    private final byte[] input = new byte[1];
    private final int[] direction;
    private int tick;
    private int seq;

    ArenaFixture(int players) {
        this.players = players;
        LocalRoom room = LocalRoom.create(ArenaGame.SPEC.maxPlayers(Math.max(16, players)), 7);
        game = (ArenaGame) room.game();
        world = room.world();
        direction = new int[players];
        for (int p = 0; p < players; p++) {
            room.join("player " + p);
        }
    }

    /** Runs one snapshot period (3 ticks) with one input per player, and captures into {@code into}. */
    void advance(Snapshot into) {
        seq++;
        for (int p = 0; p < players; p++) {
            if (random.nextInt(20) == 0) {
                direction[p] = ArenaInput.encode(random.nextInt(3) - 1, random.nextInt(3) - 1, false);
            }
            input[0] = (byte) direction[p];
            reader.reset(input, 0, 1);
            game.onInput(p, seq, reader);
        }
        for (int i = 0; i < 3; i++) {
            game.step(++tick);
        }
        into.capture(world, tick);
    }

    Snapshot newSnapshot() {
        return new Snapshot(world.schemas());
    }
}
