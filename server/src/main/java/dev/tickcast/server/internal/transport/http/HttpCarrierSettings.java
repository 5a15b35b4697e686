package dev.tickcast.server.internal.transport.http;

import dev.tickcast.server.internal.session.SessionLimits;
import dev.tickcast.wire.Records;

/**
 * The timers and bounds of the HTTP carrier (docs/PROTOCOL.md 2.1, {@link Records}), from the
 * session limits and the HTTP idle timeout: a held poll and a quiet stream must write something before the
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
    /** The shortest hold or keep-alive period. */
    private static final long MIN_PERIOD_MS = 10;

    /** The settings of the binding for sessions under {@code limits} on connections with {@code httpIdleTimeoutMs}. */
    public static HttpCarrierSettings of(SessionLimits limits, long httpIdleTimeoutMs) {
        long half = Math.max(MIN_PERIOD_MS, httpIdleTimeoutMs / 2);
        return new HttpCarrierSettings(Math.min(Records.POLL_HOLD_MS, half), Math.min(limits.pingPeriodMs(), half),
                Records.STREAM_MS, Records.STREAM_MAX_BYTES, Records.POLL_MAX_BYTES, Records.CLOSED_SESSION_MS,
                limits.writeQueueMaxBytes(),
                2 * limits.messagesPerSecond(), 2 * limits.messageBurst());
    }
}
