package dev.tickcast.server.internal.room;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fixed-step schedule on a hand-moved clock: no drift, bounded catch-up. */
class StepClockTest {
    private static final long PERIOD = 1_000_000_000L / 60;
    private long now;

    @Test
    void shouldNotDriftWhenWakeUpsAreLate() {
        StepClock driver = new StepClock(60, () -> now);
        driver.start();
        long ran = 0;
        for (int i = 0; i < 600; i++) {
            now += PERIOD + 123_457;   // every wake-up a little late
            ran += runDue(driver);
        }
        assertEquals(now / PERIOD, ran, "steps run = elapsed / period, whatever the lateness");
        assertEquals(0, driver.droppedSteps());
    }

    @Test
    void shouldCatchUpAtMostFiveStepsAndCountTheRest() {
        StepClock driver = new StepClock(60, () -> now);
        driver.start();
        now += PERIOD * 20;
        assertEquals(StepClock.MAX_CATCH_UP, runDue(driver));
        assertEquals(15, driver.droppedSteps());
        now += PERIOD;
        assertEquals(1, runDue(driver));
    }

    @Test
    void shouldWaitUntilTheNextDeadline() {
        StepClock driver = new StepClock(60, () -> now);
        driver.start();
        assertEquals(0, runDue(driver));
        assertEquals(PERIOD, driver.nanosToNext());
        now += PERIOD - 5;
        assertEquals(5, driver.nanosToNext());
    }

    private static int runDue(StepClock driver) {
        int due = driver.dueSteps();
        for (int i = 0; i < due; i++) {
            driver.advance();
        }
        return due;
    }
}
