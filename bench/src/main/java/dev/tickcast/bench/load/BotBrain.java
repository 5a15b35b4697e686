package dev.tickcast.bench.load;

import dev.tickcast.games.arena.ArenaInput;

import java.util.SplittableRandom;

/**
 * What an arena bot presses (ARENA-SCENARIO.md): a new random direction about once a second at one
 * input per 50 ms, each at an instant of its period drawn afresh, sprint toggled rarely. Seeded, so a
 * run is repeatable.
 */
final class BotBrain {
    private final SplittableRandom random;
    private int direction = ArenaInput.encode(0, 0, false);
    private boolean sprint;

    BotBrain(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The input byte of the next 50 ms. */
    int next() {
        if (random.nextInt(20) == 0) {
            direction = ArenaInput.encode(random.nextInt(3) - 1, random.nextInt(3) - 1, sprint);
        }
        if (random.nextInt(200) == 0) {
            sprint = !sprint;
            direction = ArenaInput.encode(ArenaInput.dx(direction), ArenaInput.dy(direction), sprint);
        }
        return direction;
    }

    /**
     * The instant of the bot's next input within its period, in whole milliseconds in [0, periodMs):
     * drawn per input, so that a bot's inputs fall at every phase of the server's tick.
     */
    int phase(int periodMs) {
        return random.nextInt(periodMs);
    }
}
