package dev.tickcast.bench.load;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the shooting bots of an Arena-Wide shoot run count ({@link Shooter}), safe to record from
 * every event loop: shots fired in the measured window, their answers (hit, clamped, how the stamp
 * was judged) and the server's nanoseconds for the rewind and the test of each.
 */
public final class ShotStats {
    /** How many reason bytes are counted by value (ViewReason's ordinals; 255, the present's, apart). */
    private static final int REASONS = 8;

    final LongAdder shots = new LongAdder();
    final LongAdder answered = new LongAdder();
    final LongAdder hits = new LongAdder();
    final LongAdder clamped = new LongAdder();
    /** Chances to shoot (every two seconds per bot) with no other player in the bot's view. */
    final LongAdder noTarget = new LongAdder();
    final AtomicLongArray reasons = new AtomicLongArray(REASONS);
    final Recorder nanos = new Recorder(3);
    private Histogram taken;

    /** One answer to a counted shot. */
    void answer(boolean hit, boolean wasClamped, int reason, long ns) {
        answered.increment();
        if (hit) {
            hits.increment();
        }
        if (wasClamped) {
            clamped.increment();
        }
        if (reason < REASONS) {
            reasons.incrementAndGet(reason);
        }
        nanos.recordValue(Math.max(0, ns));
    }

    /** The nanoseconds of the answers so far (taken once, at the end of the window). */
    public synchronized Histogram nanos() {
        if (taken == null) {
            taken = nanos.getIntervalHistogram();
        }
        return taken;
    }

    /** Shots fired in the window. */
    public long shots() {
        return shots.sum();
    }

    /** Shots answered. */
    public long answered() {
        return answered.sum();
    }

    /** Shots that hit. */
    public long hits() {
        return hits.sum();
    }

    /** Hits / answered shots; NaN if none was answered. */
    public double hitRate() {
        long a = answered();
        return a == 0 ? Double.NaN : hits() / (double) a;
    }

    /** Shots judged in a clamped view. */
    public long clampedShots() {
        return clamped.sum();
    }

    /** Answers by reason: EXACT, NO_VIEW, REFUSED, TOO_OLD, DISAGREES (ViewReason's order). */
    public JsonObject reasons() {
        String[] names = {"EXACT", "NO_VIEW", "REFUSED", "TOO_OLD", "DISAGREES"};
        JsonObject out = new JsonObject();
        for (int i = 0; i < names.length; i++) {
            out.put(names[i], reasons.get(i));
        }
        return out;
    }
}
