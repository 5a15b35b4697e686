package dev.tickcast.server.internal.net;

/**
 * A token bucket: {@code burst} tokens, refilled at {@code perSecond}. Not thread-safe; a bucket
 * belongs to one connection (and its event loop) or is guarded by its owner.
 */
public final class TokenBucket {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long lastNs;

    /** A full bucket. */
    public TokenBucket(double perSecond, int burst, long nowNs) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastNs = nowNs;
    }

    /** Takes one token; returns false (and takes nothing) if the bucket is empty. */
    public boolean take(long nowNs) {
        tokens = Math.min(burst, tokens + (nowNs - lastNs) * perNano);
        lastNs = nowNs;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** True if the bucket has been refilling long enough to be full again (it can be forgotten). */
    public boolean full(long nowNs) {
        return tokens + (nowNs - lastNs) * perNano >= burst;
    }
}
