package dev.tickcast.bench.codec;

import dev.tickcast.game.interest.Interest;
import dev.tickcast.game.testing.LocalRoom;
import dev.tickcast.games.arena.ArenaInput;
import dev.tickcast.games.arenawide.ArenaWideGame;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.World;

import java.util.SplittableRandom;

/**
 * An Arena-Wide room in a {@link LocalRoom} with N bots scripted from a seed, as in the scenario
 * (and as the game-logic tool {@code ArenaWideBytes} plays it, same seeds and draws): every snapshot
 * period each bot sends one input, picking a new random direction about once a second and toggling
 * sprint rarely. Deterministic for a seed and a player count.
 */
final class ArenaWideFixture {
    /** Ticks per snapshot period (60 Hz steps, 20 Hz snapshots). */
    static final int TICKS_PER_SNAPSHOT = ArenaWideGame.SPEC.snapshotEveryTicks();

    final LocalRoom room;
    final World world;
    final int players;
    private final SplittableRandom bots;
    private final int[] input;
    private final boolean[] sprint;
    private final int[] entity;
    // one reused payload: the inputs of a period allocate nothing
    private final byte[] payload = new byte[ArenaInput.LENGTH];

    ArenaWideFixture(long seed, int players) {
        this.players = players;
        room = LocalRoom.create(ArenaWideGame.SPEC, seed);
        world = room.world();
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

    /** The interest the game declared. */
    Interest interest() {
        return room.interest();
    }

    /** The entity of player {@code p}'s body. */
    int entity(int p) {
        return entity[p];
    }

    /** The room's tick (the last step run). */
    int tick() {
        return room.tick();
    }

    /** A snapshot of the room's tables, empty. */
    Snapshot newSnapshot() {
        return new Snapshot(world.schemas());
    }

    /** One snapshot period: every bot's input, then the game's steps. */
    void period() {
        for (int p = 0; p < players; p++) {
            sendInput(p);
        }
        room.step(TICKS_PER_SNAPSHOT);
    }

    private void sendInput(int p) {
        if (bots.nextInt(20) == 0) {
            input[p] = randomDirection(p);
        }
        if (bots.nextInt(100) == 0) {
            sprint[p] = !sprint[p];
            input[p] = ArenaInput.encode(ArenaInput.dx(input[p]), ArenaInput.dy(input[p]), sprint[p]);
        }
        payload[0] = (byte) input[p];
        if (!room.input(p, payload)) {
            throw new IllegalStateException("Arena-Wide refused a valid input " + input[p]);
        }
    }

    private int randomDirection(int p) {
        return ArenaInput.encode(bots.nextInt(3) - 1, bots.nextInt(3) - 1, sprint[p]);
    }
}
