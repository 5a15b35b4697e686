package dev.tickcast.bench.load;

import dev.tickcast.games.arena.ArenaInput;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A measuring bot's instants, drawn per input, leave a seed's directions as they were; a counting bot
 * keeps the one phase earlier versions drew for its seed.
 */
class BotBrainTest {
    @Test
    void shouldPressTheSameDirectionsWhateverThePhasesDrawn() {
        BotBrain drawing = new BotBrain(77, true);
        BotBrain still = new BotBrain(77, true);
        for (int i = 0; i < 1_000; i++) {
            drawing.phase();
            assertEquals(still.next(), drawing.next(), "input " + i);
        }
    }

    @Test
    void shouldPressWhatEarlierVersionsPressedForASeed() {
        // earlier versions drew the bot's one fixed phase first, then the inputs, from one random
        SplittableRandom old = new SplittableRandom(77);
        old.nextInt(50);
        BotBrain brain = new BotBrain(77, true);
        int direction = ArenaInput.encode(0, 0, false);
        boolean sprint = false;
        for (int i = 0; i < 1_000; i++) {
            if (old.nextInt(20) == 0) {
                direction = ArenaInput.encode(old.nextInt(3) - 1, old.nextInt(3) - 1, sprint);
            }
            if (old.nextInt(200) == 0) {
                sprint = !sprint;
                direction = ArenaInput.encode(ArenaInput.dx(direction),
                        ArenaInput.dy(direction), sprint);
            }
            brain.phase();
            assertEquals(direction, brain.next(), "input " + i);
        }
    }

    @Test
    void shouldKeepACountingBotsOnePhase() {
        for (long seed = 1; seed <= 20; seed++) {
            int old = new SplittableRandom(seed).nextInt(InputWheel.PERIOD_MS);
            BotBrain brain = new BotBrain(seed, false);
            for (int i = 0; i < 10; i++) {
                assertEquals(old, brain.phase());
                brain.next();
            }
        }
    }
}
