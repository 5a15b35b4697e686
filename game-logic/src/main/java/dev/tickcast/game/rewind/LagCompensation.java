package dev.tickcast.game.rewind;

/**
 * The limits of lag compensation, the server's policy on how far back a player's view may be.
 * A view may be at most {@code 2 * maxLatencyMs + min(declared interpolation delay,
 * maxInterpolationMs)} old (a one-way latency of {@code maxLatencyMs} each way plus the delay the
 * client draws with); a stamp whose age differs from the measured round trip plus the declared
 * delay by more than {@code agreementMs} is not trusted.
 *
 * @param maxLatencyMs       the one-way latency compensated at most (250: Overwatch's cap)
 * @param maxInterpolationMs the interpolation delay a client may declare at most (250)
 * @param agreementMs        how far a stamp may stray from the measured round trip (200: Source's)
 */
public record LagCompensation(int maxLatencyMs, int maxInterpolationMs, int agreementMs) {
    /** The defaults: 250 ms each way, 250 ms of interpolation, 200 ms of disagreement. */
    public static final LagCompensation DEFAULT = new LagCompensation(250, 250, 200);

    /** Checks the limits. */
    public LagCompensation {
        if (maxLatencyMs < 0 || maxInterpolationMs < 0 || agreementMs < 0) {
            throw new IllegalArgumentException("lag compensation limits are >= 0");
        }
    }

    /** The oldest view allowed, in ms, for a client that declared {@code viewDelayMs}. */
    public int maxAgeMs(int viewDelayMs) {
        return 2 * maxLatencyMs + Math.min(Math.max(0, viewDelayMs), maxInterpolationMs);
    }
}
