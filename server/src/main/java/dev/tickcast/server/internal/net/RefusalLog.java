package dev.tickcast.server.internal.net;

import org.slf4j.Logger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Logs a refusal (an address rate limited, a cap reached) once per address and kind per period,
 * and the number of further refusals when the period ends: a flood of refused requests writes a
 * couple of lines, not one per request. Bounded: past {@link #MAX_KEYS} distinct keys in a period,
 * new ones are only counted. Thread-safe.
 */
public final class RefusalLog {
    static final int MAX_KEYS = 100;
    private static final long PERIOD_NS = 10_000_000_000L;

    private final Logger log;
    private final Map<String, int[]> counts = new LinkedHashMap<>();
    private long periodStartNs;
    private int unkeyed;

    /** A refusal log writing to {@code log}. */
    public RefusalLog(Logger log) {
        this.log = log;
        this.periodStartNs = System.nanoTime();
    }

    /** Records one refusal of {@code address} for {@code what}; logs it if it is the first of its kind this period. */
    public synchronized void refused(String address, String what) {
        String key = address + ": " + what;
        int[] count = counts.get(key);
        if (count == null) {
            if (counts.size() >= MAX_KEYS) {
                unkeyed++;
                return;
            }
            count = new int[1];
            counts.put(key, count);
            log.info("{}", key);
        }
        count[0]++;
    }

    /** Ends the period once it is over: logs the counts of repeated refusals and forgets them. */
    public synchronized void sweep(long nowNs) {
        if (nowNs - periodStartNs < PERIOD_NS) {
            return;
        }
        periodStartNs = nowNs;
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            if (e.getValue()[0] > 1) {
                log.info("{} ({} more times in the last 10 s)", e.getKey(), e.getValue()[0] - 1);
            }
        }
        if (unkeyed > 0) {
            log.info("{} more refusals from other addresses in the last 10 s", unkeyed);
        }
        counts.clear();
        unkeyed = 0;
    }
}
