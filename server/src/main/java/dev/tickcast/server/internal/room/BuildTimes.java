package dev.tickcast.server.internal.room;

import java.util.Arrays;

/**
 * The build times of a room's last {@link #WINDOW} broadcasts (every encode and every client's
 * message put together, the writes to the sockets excluded), for the p50 and p99 of "the time to
 * build one snapshot for the room" in the room's stats. Written on the room's thread; {@link #percentiles} copies and sorts, on
 * request only.
 */
final class BuildTimes {
    /** Broadcasts kept: 30 seconds at 20 snapshots a second. */
    static final int WINDOW = 600;

    private final long[] ns = new long[WINDOW];
    private long count;

    void add(long durationNs) {
        ns[(int) (count++ % WINDOW)] = durationNs;
    }

    /** {p50, p99, max} in nanoseconds over the window, or null before the first broadcast. */
    long[] percentiles() {
        int n = (int) Math.min(count, WINDOW);
        if (n == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(ns, n);
        Arrays.sort(sorted);
        return new long[] {sorted[(n - 1) / 2], sorted[(int) Math.ceil(n * 0.99) - 1], sorted[n - 1]};
    }

    /** Broadcasts measured in the window. */
    int samples() {
        return (int) Math.min(count, WINDOW);
    }
}
