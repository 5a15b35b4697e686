package dev.tickcast.server.internal.room;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fixed-step driver on a hand-moved clock: no drift, bounded catch-up. */
class TickDriverTest {
    private static final long PERIOD = 1_000_000_000L / 60;
    private long now;

    @Test
    void shouldNotDriftWhenWakeUpsAreLate() {
        TickDriver driver = new TickDriver(60, () -> now);
        driver.start();
        long ran = 0;
        for (int i = 0; i < 600; i++) {
            now += PERIOD + 123_457;   // every wake-up a little late
            ran += runDue(driver);
        }
        assertEquals(now / PERIOD, ran, "ticks run = elapsed / period, whatever the lateness");
        assertEquals(0, driver.droppedTicks());
    }

    @Test
    void shouldCatchUpAtMostFiveStepsAndCountTheRest() {
        TickDriver driver = new TickDriver(60, () -> now);
        driver.start();
        now += PERIOD * 20;
        assertEquals(TickDriver.MAX_CATCH_UP, runDue(driver));
        assertEquals(15, driver.droppedTicks());
        now += PERIOD;
        assertEquals(1, runDue(driver));
    }

    @Test
    void shouldWaitUntilTheNextDeadline() {
        TickDriver driver = new TickDriver(60, () -> now);
        driver.start();
        assertEquals(0, runDue(driver));
        assertEquals(PERIOD, driver.nanosToNext());
        now += PERIOD - 5;
        assertEquals(5, driver.nanosToNext());
    }

    private static int runDue(TickDriver driver) {
        int due = driver.dueSteps();
        for (int i = 0; i < due; i++) {
            driver.advance();
        }
        return due;
    }
}
