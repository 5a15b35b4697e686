package dev.tickcast.bench.load;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The wheel on an embedded event loop whose clock the test turns one millisecond at a time: every bot
 * sends exactly one input per 50 ms period (the rate of before); a measuring bot at an instant drawn
 * per input from its seed and spread evenly over the period, the same instants for the same seed; a
 * counting bot at its one phase.
 */
class InputWheelTest {
    private static final int PERIODS = 2_000;

    @Test
    void shouldSendOneInputPerPeriodAtAnInstantDrawnPerInput() {
        List<Recorder> bots = List.of(new Recorder(1), new Recorder(2), new Recorder(3_000_004));
        play(bots);
        for (Recorder bot : bots) {
            int[] perSlot = new int[InputWheel.PERIOD_MS];
            long[] perPeriod = new long[PERIODS + 2];
            for (long ms : bot.sentAtMs) {
                perPeriod[(int) (ms / InputWheel.PERIOD_MS)]++;
                perSlot[(int) (ms % InputWheel.PERIOD_MS)]++;
            }
            // the first input comes in the period after the one the bot joined in (period 0)
            assertEquals(0, perPeriod[0]);
            for (int p = 1; p < PERIODS; p++) {
                assertEquals(1, perPeriod[p], "one input in period " + p);
            }
            double expected = (double) bot.sentAtMs.size() / InputWheel.PERIOD_MS;
            double chiSquare = 0;
            for (int count : perSlot) {
                assertTrue(count > 0, "every slot of the period is used");
                chiSquare += (count - expected) * (count - expected) / expected;
            }
            // 49 degrees of freedom: 0.1 % of uniform draws exceed 85.4; a fixed phase would give 98,000
            assertTrue(chiSquare < 85.4, "spread evenly over the period, chi-square " + chiSquare);
        }
    }

    @Test
    void shouldDrawTheSameInstantsForTheSameSeed() {
        Recorder a = new Recorder(42);
        Recorder b = new Recorder(42);
        Recorder other = new Recorder(43);
        play(List.of(a));
        play(List.of(b, other));
        assertEquals(a.sentAtMs, b.sentAtMs);
        assertNotEquals(a.sentAtMs, other.sentAtMs);
    }

    @Test
    void shouldKeepACountingBotAtItsOnePhase() {
        Recorder counting = new Recorder(8, false);
        play(List.of(counting));
        long phase = counting.sentAtMs.get(0) % InputWheel.PERIOD_MS;
        for (int i = 0; i < counting.sentAtMs.size(); i++) {
            assertEquals((i + 1L) * InputWheel.PERIOD_MS + phase, counting.sentAtMs.get(i), "input " + i);
        }
        assertTrue(counting.sentAtMs.size() >= PERIODS - 1);
    }

    /** Adds the bots at time 0 and turns the clock {@link #PERIODS} periods. */
    private static void play(List<Recorder> bots) {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        InputWheel wheel = new InputWheel(channel.eventLoop());
        bots.forEach(wheel::add);
        channel.runPendingTasks();
        for (long ms = 1; ms <= (long) PERIODS * InputWheel.PERIOD_MS; ms++) {
            channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
            long now = ms;
            bots.forEach(bot -> bot.now = now);
            channel.runScheduledPendingTasks();
        }
        wheel.stop();
        channel.runPendingTasks();
        channel.finishAndReleaseAll();
    }

    /** A member that draws as the real bots do (its input, then its next slot, from one brain). */
    private static final class Recorder implements InputWheel.Member {
        private final BotBrain brain;
        private final List<Long> sentAtMs = new ArrayList<>();
        private long now;

        Recorder(long seed) {
            this(seed, true);
        }

        Recorder(long seed, boolean perInput) {
            this.brain = new BotBrain(seed, perInput);
        }

        @Override
        public void sendInput() {
            brain.next();
            sentAtMs.add(now);
        }

        @Override
        public int nextSlot() {
            return brain.phase();
        }
    }
}
