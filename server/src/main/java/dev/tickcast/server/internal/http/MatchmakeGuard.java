package dev.tickcast.server.internal.http;

import dev.tickcast.server.internal.net.RefusalLog;
import dev.tickcast.server.internal.net.TokenBucket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A token bucket per remote address over matchmaking requests (HTTP 429 past it), so that one
 * client cannot make the server create rooms or hand out seats as fast as it can ask. Refusals are
 * logged through a {@link RefusalLog}. Shared by every event loop; thread-safe.
 */
public final class MatchmakeGuard {
    private static final Logger LOG = LoggerFactory.getLogger(MatchmakeGuard.class);

    private final double perSecond;
    private final int burst;
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private final RefusalLog refusals = new RefusalLog(LOG);

    /** A guard allowing {@code perSecond} requests per address, in bursts of {@code burst}. */
    public MatchmakeGuard(double perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** Takes one request of {@code address}; false (and logged, once per period) past its rate. */
    public synchronized boolean take(String address, long nowNs) {
        boolean ok = buckets.computeIfAbsent(address, a -> new TokenBucket(perSecond, burst, nowNs)).take(nowNs);
        if (!ok) {
            refusals.refused(address, "matchmaking refused: rate limited (429)");
        }
        return ok;
    }

    /** Records a refusal of another kind (logged once per period, then counted). */
    public void refused(String address, String what) {
        refusals.refused(address, what);
    }

    /** Forgets full buckets and ends the log period when due. */
    public synchronized void sweep(long nowNs) {
        refusals.sweep(nowNs);
        Iterator<TokenBucket> it = buckets.values().iterator();
        while (it.hasNext()) {
            if (it.next().full(nowNs)) {
                it.remove();
            }
        }
    }
}
