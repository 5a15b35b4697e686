package dev.tickcast.server.internal.room;

import java.util.function.LongSupplier;

/**
 * A fixed-step schedule that does not drift: step {@code n} is due at {@code startNs + n * periodNs},
 * computed from the step number, never from the previous timer firing. When the caller is late it
 * runs the missed steps, at most {@link #MAX_CATCH_UP} at a time, and counts the steps it had to
 * drop beyond that. It owns no timer: its {@link LoopTicker} asks it how many steps are due and
 * when to wake up next.
 */
final class StepClock {
    /** The most steps run back to back to catch up; beyond it the schedule is moved forward. */
    static final int MAX_CATCH_UP = 5;

    private final LongSupplier nanoClock;
    private final long periodNs;
    private long startNs;
    private long nextStep;
    private long droppedSteps;

    /** A schedule of {@code stepHz} steps per second on the given nanosecond clock. */
    StepClock(int stepHz, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.periodNs = 1_000_000_000L / stepHz;
    }

    /** Starts the schedule now; step 1 is due one period from now. */
    void start() {
        startNs = nanoClock.getAsLong();
        nextStep = 1;
    }

    /** How many steps are due now (0..MAX_CATCH_UP); the caller runs them with {@link #advance()}. */
    int dueSteps() {
        long now = nanoClock.getAsLong();
        long due = (now - startNs) / periodNs;
        long behind = due - nextStep + 1;
        if (behind <= 0) {
            return 0;
        }
        if (behind > MAX_CATCH_UP) {
            long skip = behind - MAX_CATCH_UP;
            droppedSteps += skip;
            startNs += skip * periodNs;
            return MAX_CATCH_UP;
        }
        return (int) behind;
    }

    /** Marks one step as run; returns its number in the schedule (1, 2, 3, ...). */
    long advance() {
        return nextStep++;
    }

    /** Nanoseconds until the next step is due (0 if it is already due). */
    long nanosToNext() {
        long dueAt = startNs + nextStep * periodNs;
        return Math.max(0, dueAt - nanoClock.getAsLong());
    }

    /** Steps skipped because the caller was more than {@link #MAX_CATCH_UP} steps late. */
    long droppedSteps() {
        return droppedSteps;
    }
}
