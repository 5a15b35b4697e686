package dev.tickcast.games.arena;

import dev.tickcast.game.testing.LocalRoom;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.World;

import java.util.SplittableRandom;

/**
 * Drives an {@link ArenaGame} the way a room does, with bots scripted from a seed
 * (ARENA-SCENARIO.md): players join before the first tick, and every snapshot period (3 ticks,
 * 20 Hz) each bot sends one INPUT payload through a {@link LocalRoom}, picking a new random
 * direction about once a second and toggling sprint rarely. Deterministic for a seed and names.
 * Shared by the arena tests, the golden vectors and {@link ArenaSizes}.
 */
public final class ArenaScript {
    /** Ticks between two snapshots: 60 Hz simulation, 20 Hz snapshots. */
    public static final int TICKS_PER_SNAPSHOT = 3;

    private final LocalRoom room;
    private final World world;
    private final ArenaGame game;
    private final SplittableRandom bots;
    private final int[] input;
    private final boolean[] sprint;
    private int tick;

    /** An arena created from {@code seed} with one bot player per name (player ids 0, 1, ...). */
    public ArenaScript(long seed, String... names) {
        room = LocalRoom.create(ArenaGame.SPEC.maxPlayers(Math.max(16, names.length)), seed);
        world = room.world();
        game = (ArenaGame) room.game();
        bots = new SplittableRandom(seed ^ 0x5DEECE66DL);
        input = new int[names.length];
        sprint = new boolean[names.length];
        for (int p = 0; p < names.length; p++) {
            room.join(names[p]);
            input[p] = randomDirection(p);
        }
    }

    /** Names "bot-0" .. "bot-(n-1)". */
    public static String[] botNames(int players) {
        String[] names = new String[players];
        for (int p = 0; p < players; p++) {
            names[p] = "bot-" + p;
        }
        return names;
    }

    /** The world the game writes. */
    public World world() {
        return world;
    }

    /** The game. */
    public ArenaGame game() {
        return game;
    }

    /** The last tick stepped (0 before the first step). */
    public int tick() {
        return tick;
    }

    /** Runs one tick: the bots' inputs when a snapshot period starts, then {@code step(tick)}. */
    public void step() {
        tick++;
        if (tick % TICKS_PER_SNAPSHOT == 1) {
            for (int p = 0; p < input.length; p++) {
                sendInput(p);
            }
        }
        game.step(tick);
    }

    /** Runs ticks until the next snapshot tick and captures it into {@code into}. */
    public Snapshot nextSnapshot(Snapshot into) {
        do {
            step();
        } while (tick % TICKS_PER_SNAPSHOT != 0);
        into.capture(world, tick);
        return into;
    }

    /** A new, empty snapshot of this arena's tables. */
    public Snapshot newSnapshot() {
        return new Snapshot(world.schemas());
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
            throw new IllegalStateException("the arena refused a valid input " + input[p]);
        }
    }

    private int randomDirection(int p) {
        return ArenaInput.encode(bots.nextInt(3) - 1, bots.nextInt(3) - 1, sprint[p]);
    }
}
