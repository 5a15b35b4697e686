package dev.tickcast.server.internal.session;

import dev.tickcast.wire.Protocol;

/**
 * A session's keep-alive bookkeeping (docs/PROTOCOL.md 2 and 4): when it opened, when the client
 * was last heard from, and whether the client owes a pong (the first pong after each ping is free
 * of the message limit). The session's thread only.
 */
final class KeepAlive {
    private final long openedNs;
    private final long idleTimeoutNs;
    private final long joinDeadlineNs;
    private long lastHeardNs;
    private boolean pongOwed;

    KeepAlive(SessionLimits limits, long nowNs) {
        openedNs = nowNs;
        lastHeardNs = nowNs;
        idleTimeoutNs = limits.idleTimeoutMs() * 1_000_000L;
        joinDeadlineNs = limits.joinDeadlineMs() * 1_000_000L;
    }

    /** Anything arrived from the client (a frame of any kind). */
    void heard(long nowNs) {
        lastHeardNs = nowNs;
    }

    /** A ping went out: the next pong is owed. */
    void pinged() {
        pongOwed = true;
    }

    /** True if a pong arriving now answers a ping (it is then no longer owed). */
    boolean takeOwedPong() {
        boolean owed = pongOwed;
        pongOwed = false;
        return owed;
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
