package dev.tickcast.bench.load;

import dev.tickcast.games.arena.ArenaInput;

import java.util.SplittableRandom;

/**
 * What an arena bot presses (ARENA-SCENARIO.md), and when: a new random direction about once a
 * second at one input per 50 ms, sprint toggled rarely; each input at an instant of its period that a
 * measuring bot draws afresh for every input (its input-to-visible is then a distribution over the
 * phase of the server's tick) and a counting bot draws once (its one phase, as in earlier versions:
 * the server's load and bytes stay comparable with earlier runs). Seeded, so a run is repeatable.
 */
final class BotBrain {
    private static final int PERIOD_MS = InputWheel.PERIOD_MS;

    private final SplittableRandom random;
    /** The instants of a measuring bot's inputs, a stream of their own: the directions do not depend on it. */
    private final SplittableRandom phases;
    /** A counting bot's one phase, or -1 on a measuring bot. */
    private final int fixedPhase;
    private int direction = ArenaInput.encode(0, 0, false);
    private boolean sprint;

    /** A brain for seed {@code seed} that draws each input's instant afresh if {@code perInput}, else once. */
    BotBrain(long seed, boolean perInput) {
        this.random = new SplittableRandom(seed);
        // drawn first, as earlier versions did: a seed keeps its directions, and a counting bot its phase
        int phase = random.nextInt(PERIOD_MS);
        this.fixedPhase = perInput ? -1 : phase;
        // split: a stream of its own gamma, independent of the directions' and of the other bots' seeds
        this.phases = new SplittableRandom(seed).split();
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
     * The instant of the bot's next input within its 50 ms period, in whole milliseconds in [0, 50):
     * drawn per input on a measuring bot, the same every time on a counting bot.
     */
    int phase() {
        return fixedPhase >= 0 ? fixedPhase : phases.nextInt(PERIOD_MS);
    }
}
