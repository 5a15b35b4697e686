package dev.tickcast.games.arenawide;

import dev.tickcast.game.testing.LocalRoom;
import dev.tickcast.games.arena.ArenaInput;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.World;

import java.util.SplittableRandom;

/**
 * An Arena-Wide room in a {@link LocalRoom} with N bots scripted from a seed, as in the scenario:
 * every snapshot period (3 ticks) each bot sends one input, picking a new random direction about
 * once a second and toggling sprint rarely. Deterministic for a seed and a player count.
 */
final class WideBots {
    static final int TICKS_PER_SNAPSHOT = 3;
    static final int ORBS = 0;
    static final int NPCS = 1;
    static final int PLAYERS = 2;
    static final int LEADERS = 3;

    private final LocalRoom room;
    private final SplittableRandom bots;
    private final int[] input;
    private final boolean[] sprint;
    private final int[] entity;
    private int tick;

    WideBots(long seed, int players) {
        room = LocalRoom.create(ArenaWideGame.SPEC, seed);
        bots = new SplittableRandom(seed ^ 0x5DEECE66DL);
        input = new int[players];
        sprint = new boolean[players];
        entity = new int[players];
        for (int p = 0; p < players; p++) {
            if (room.join("bot-" + p) != p) {
                throw new IllegalStateException("seat " + p);
            }
            entity[p] = room.lastEntity();
            input[p] = randomDirection(p);
        }
    }

    /** The entity of player {@code p}'s body. */
    int entity(int p) {
        return entity[p];
    }

    LocalRoom room() {
        return room;
    }

    World world() {
        return room.world();
    }

    int tick() {
        return tick;
    }

    /** Sends the bots' inputs when a snapshot period starts; the step itself is {@link #step()}. */
    void inputs() {
        if ((tick + 1) % TICKS_PER_SNAPSHOT == 1) {
            for (int p = 0; p < input.length; p++) {
                sendInput(p);
            }
        }
    }

    /** One tick: the inputs, then the step. */
    void step() {
        inputs();
        stepOnly();
    }

    /** The step alone (after {@link #inputs()}), for timing. */
    void stepOnly() {
        tick++;
        room.step(1);
    }

    Snapshot capture() {
        Snapshot snapshot = new Snapshot(world().schemas());
        snapshot.capture(world(), tick);
        return snapshot;
    }

    private void sendInput(int p) {
        if (bots.nextInt(20) == 0) {
            input[p] = randomDirection(p);
        }
        if (bots.nextInt(100) == 0) {
            sprint[p] = !sprint[p];
            input[p] = ArenaInput.encode(ArenaInput.dx(input[p]), ArenaInput.dy(input[p]), sprint[p]);
        }
        if (!room.input(p, (byte) input[p])) {
            throw new IllegalStateException("Arena-Wide refused a valid input " + input[p]);
        }
    }

    private int randomDirection(int p) {
        return ArenaInput.encode(bots.nextInt(3) - 1, bots.nextInt(3) - 1, sprint[p]);
    }
}
