package dev.tickcast.bench.load;

/**
 * The input schedule of a bot on its own timer (the full-client {@code Bot}): one input in every
 * 50 ms period from the start, at the instant of the period the brain gives (drawn afresh for every
 * input on a measuring bot), on whole milliseconds as the wheel's slots. Each {@link #plan} arms one
 * input: the timer's delay, and the instant the input is due, which is the timer's deadline, or the
 * drawn instant if the bot is already late for it (so that a stalled bot's delay counts against it).
 */
final class InputClock {
    static final long PERIOD_NS = InputWheel.PERIOD_MS * 1_000_000L;
    private static final long MS = 1_000_000L;

    private final BotBrain brain;
    private long periodStartNs;
    private long dueNs;

    /** A schedule whose first period starts at {@code startNs}. */
    InputClock(BotBrain brain, long startNs) {
        this.brain = brain;
        this.periodStartNs = startNs;
    }

    /** Draws the instant of the next period's input, seen at {@code nowNs}; returns the timer delay in ms (at least 1). */
    long plan(long nowNs) {
        long drawn = periodStartNs + brain.phase() * MS;
        periodStartNs += PERIOD_NS;
        long delayMs = Math.floorDiv(drawn - nowNs + MS - 1, MS);
        if (delayMs < 1) {
            dueNs = drawn;
            return 1;
        }
        dueNs = nowNs + delayMs * MS;
        return delayMs;
    }

    /** The instant the input armed by the last {@link #plan} is due. */
    long dueNs() {
        return dueNs;
    }
}
