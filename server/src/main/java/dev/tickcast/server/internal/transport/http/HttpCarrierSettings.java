package dev.tickcast.server.internal.transport.http;

import dev.tickcast.server.internal.session.SessionLimits;

/**
 * The timers and bounds of the HTTP carrier (docs/PROTOCOL.md 2.1), from the session limits and
 * the HTTP idle timeout: a held poll and a quiet stream must write something before the
 * connection's idle timeout closes it, so the hold and the stream's keep-alive are at most half
 * of it.
 *
 * @param pollHoldMs          how long a poll with nothing to carry is held before its KEEPALIVE
 * @param streamKeepAliveMs   the longest a stream stays without a write before its KEEPALIVE
 * @param streamMs            how long a stream lasts before it ends (the client asks again)
 * @param streamMaxBytes      a stream that carried this many bytes ends after its record
 * @param pollMaxBytes        the most record bytes one poll answer carries (at least one record)
 * @param tombstoneMs         how long a closed session still answers its CLOSE record
 * @param writeQueueMaxBytes  unacknowledged bytes at which snapshots are skipped (4x: closed with 4006)
 * @param requestsPerSecond   the request bucket's refill (every {@code recv} and {@code send})
 * @param requestBurst        the request bucket's size
 */
public record HttpCarrierSettings(long pollHoldMs, long streamKeepAliveMs, long streamMs, int streamMaxBytes,
                                  int pollMaxBytes, long tombstoneMs, int writeQueueMaxBytes,
                                  double requestsPerSecond, int requestBurst) {
    /** A poll's longest hold. */
    public static final long POLL_HOLD_MS = 5_000;
    /** A stream's duration. */
    public static final long STREAM_MS = 30_000;
    /** A stream's largest body. */
    public static final int STREAM_MAX_BYTES = 4 * 1024 * 1024;
    /** A poll answer's largest body (records beyond wait for the next poll). */
    public static final int POLL_MAX_BYTES = 256 * 1024;
    /** How long a closed session's CLOSE record is kept. */
    public static final long TOMBSTONE_MS = 30_000;
    /** The shortest hold or keep-alive period. */
    private static final long MIN_PERIOD_MS = 10;

    /** The settings of the binding for sessions under {@code limits} on connections with {@code httpIdleTimeoutMs}. */
    public static HttpCarrierSettings of(SessionLimits limits, long httpIdleTimeoutMs) {
        long half = Math.max(MIN_PERIOD_MS, httpIdleTimeoutMs / 2);
        return new HttpCarrierSettings(Math.min(POLL_HOLD_MS, half), Math.min(limits.pingPeriodMs(), half), STREAM_MS,
                STREAM_MAX_BYTES, POLL_MAX_BYTES, TOMBSTONE_MS, limits.writeQueueMaxBytes(),
                2 * limits.messagesPerSecond(), 2 * limits.messageBurst());
    }
}
