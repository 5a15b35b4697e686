package dev.tickcast.server.internal.session;

import dev.tickcast.wire.Protocol;

/**
 * A session's keep-alive bookkeeping (docs/PROTOCOL.md 2 and 4): when it opened, when the client
 * was last heard from, which pings the client still owes a pong for (each owed pong is free of the
 * message limit), and the round trip measured from them (docs/PROTOCOL.md 7.6). The session's
 * thread only.
 */
final class KeepAlive {
    /** Unanswered pings remembered; past this the oldest is forgotten (its pong, if it comes, is counted). */
    private static final int MAX_OWED = 4;
    private static final long NS_PER_MS = 1_000_000L;

    private final long openedNs;
    private final long idleTimeoutNs;
    private final long joinDeadlineNs;
    private final long[] pingedNs = new long[MAX_OWED];
    private long lastHeardNs;
    private int oldest;
    private int owed;
    private int rttMs = -1;

    KeepAlive(SessionLimits limits, long nowNs) {
        openedNs = nowNs;
        lastHeardNs = nowNs;
        idleTimeoutNs = limits.idleTimeoutMs() * NS_PER_MS;
        joinDeadlineNs = limits.joinDeadlineMs() * NS_PER_MS;
    }

    /** Anything arrived from the client (a frame of any kind). */
    void heard(long nowNs) {
        lastHeardNs = nowNs;
    }

    /** A ping went out at {@code nowNs}: one more pong is owed. */
    void pinged(long nowNs) {
        if (owed == MAX_OWED) {
            oldest = (oldest + 1) % MAX_OWED;
            owed--;
        }
        pingedNs[(oldest + owed) % MAX_OWED] = nowNs;
        owed++;
    }

    /**
     * True if a pong arriving at {@code nowNs} answers a ping (it is then no longer owed); it
     * answers the oldest unanswered one (WebSocket pongs come in the order of their pings), which
     * gives a round-trip sample.
     */
    boolean takeOwedPong(long nowNs) {
        if (owed == 0) {
            return false;
        }
        long sampleMs = Math.max(0, (nowNs - pingedNs[oldest]) / NS_PER_MS);
        oldest = (oldest + 1) % MAX_OWED;
        owed--;
        int sample = (int) Math.min(Integer.MAX_VALUE / 2, sampleMs);
        rttMs = rttMs < 0 ? sample : rttMs + (sample - rttMs) / 4;
        return true;
    }

    /** The smoothed round trip in ms: the first sample as is, then {@code rtt += (sample - rtt) / 4}; -1 before any. */
    int rttMs() {
        return rttMs;
    }

    /**
     * The close code due at {@code nowNs}: 4011 past the join deadline while not {@code joined},
     * else 4009 past the idle timeout, else 0.
     */
    short due(long nowNs, boolean joined) {
        if (!joined && nowNs - openedNs > joinDeadlineNs) {
            return Protocol.CLOSE_JOIN_TIMEOUT;
        }
        return nowNs - lastHeardNs > idleTimeoutNs ? Protocol.CLOSE_TIMEOUT : 0;
    }
}
