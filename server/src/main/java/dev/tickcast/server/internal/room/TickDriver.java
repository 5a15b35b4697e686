package dev.tickcast.server.internal.room;

import java.util.function.LongSupplier;

/**
 * A fixed-step clock that does not drift: tick {@code n} is due at {@code startNs + n * periodNs},
 * computed from the tick number, never from the previous firing. When the driver is late it runs the
 * missed steps, at most {@link #MAX_CATCH_UP} at a time, and counts the ticks it had to drop beyond
 * that. It owns no timer: the room asks it how many steps are due and when to wake up next.
 */
public final class TickDriver {
    /** The most steps run back to back to catch up; beyond it the schedule is moved forward. */
    public static final int MAX_CATCH_UP = 5;

    private final LongSupplier nanoClock;
    private final long periodNs;
    private long startNs;
    private long nextTick;
    private long droppedTicks;

    /** A driver for {@code tickHz} steps per second on the given nanosecond clock. */
    public TickDriver(int tickHz, LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.periodNs = 1_000_000_000L / tickHz;
    }

    /** Starts the schedule now; tick 1 is due one period from now. */
    public void start() {
        startNs = nanoClock.getAsLong();
        nextTick = 1;
    }

    /** How many steps are due now (0..MAX_CATCH_UP); the caller runs them with {@link #advance()}. */
    public int dueSteps() {
        long now = nanoClock.getAsLong();
        long due = (now - startNs) / periodNs;
        long behind = due - nextTick + 1;
        if (behind <= 0) {
            return 0;
        }
        if (behind > MAX_CATCH_UP) {
            long skip = behind - MAX_CATCH_UP;
            droppedTicks += skip;
            startNs += skip * periodNs;
            return MAX_CATCH_UP;
        }
        return (int) behind;
    }

    /** Marks one step as run; returns its tick number (1, 2, 3, ...). */
    public long advance() {
        return nextTick++;
    }

    /** Nanoseconds until the next step is due (0 if it is already due). */
    public long nanosToNext() {
        long dueAt = startNs + nextTick * periodNs;
        return Math.max(0, dueAt - nanoClock.getAsLong());
    }

    /** Ticks skipped because the room was more than {@link #MAX_CATCH_UP} steps late. */
    public long droppedTicks() {
        return droppedTicks;
    }

    /** The step period in nanoseconds. */
    public long periodNs() {
        return periodNs;
    }
}
