package dev.tickcast.bench.load;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The full-client bot's schedule, its timers firing on time: one input per 50 ms period (20 Hz on
 * average, as before), each due at an instant drawn per input and spread evenly over the period; a
 * bot late for its instant keeps that instant as the due time.
 */
class InputClockTest {
    private static final long MS = 1_000_000L;
    private static final int INPUTS = 4_000;

    @Test
    void shouldDueOneInputPerPeriodAtAnInstantDrawnPerInput() {
        long start = 123_456_789L;
        InputClock clock = new InputClock(new BotBrain(5, true), start);
        int[] perSlot = new int[InputWheel.PERIOD_MS];
        long now = start;
        long lastDue = 0;
        for (int i = 0; i < INPUTS; i++) {
            long delayMs = clock.plan(now);
            long due = clock.dueNs();
            assertTrue(delayMs >= 1);
            assertEquals(now + delayMs * MS, due, "due at the timer's deadline");
            long period = (due - start) / InputClock.PERIOD_NS;
            long offset = due - start - period * InputClock.PERIOD_NS;
            // the drawn instant is on a whole millisecond; the deadline is the first one at or after it
            assertTrue(period == i || (period == i + 1 && offset < MS), "input " + i + " in its period");
            perSlot[(int) Math.min(offset / MS, InputWheel.PERIOD_MS - 1)]++;
            assertTrue(due > lastDue);
            lastDue = due;
            now = due; // the timer fires on time and the next input is planned then
        }
        double meanIntervalMs = (double) (lastDue - start) / MS / INPUTS;
        assertEquals(50, meanIntervalMs, 0.1, "mean rate 20 Hz");
        double expected = (double) INPUTS / InputWheel.PERIOD_MS;
        double chiSquare = 0;
        for (int count : perSlot) {
            chiSquare += (count - expected) * (count - expected) / expected;
        }
        assertTrue(chiSquare < 85.4, "spread evenly over the period (49 degrees of freedom, 0.1 %): " + chiSquare);
    }

    @Test
    void shouldKeepTheDrawnInstantWhenLate() {
        InputClock clock = new InputClock(new BotBrain(5, true), 0);
        long late = 10 * InputClock.PERIOD_NS;
        assertEquals(1, clock.plan(late));
        assertTrue(clock.dueNs() < InputClock.PERIOD_NS, "due in the first period, before the stall: " + clock.dueNs());
    }

    @Test
    void shouldDrawTheSameInstantsForTheSameSeed() {
        InputClock a = new InputClock(new BotBrain(9, true), 0);
        InputClock b = new InputClock(new BotBrain(9, true), 0);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.plan(i * InputClock.PERIOD_NS), b.plan(i * InputClock.PERIOD_NS));
            assertEquals(a.dueNs(), b.dueNs());
        }
    }
}
