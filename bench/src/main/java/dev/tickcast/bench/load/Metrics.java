package dev.tickcast.bench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the bots measure, safe to record from every event loop: HdrHistogram recorders (wait-free)
 * and adders. {@link #reset()} starts the measured window.
 */
final class Metrics {
    final Recorder interArrivalUs = new Recorder(3);
    final Recorder inputToVisibleUs = new Recorder(3);
    final Recorder snapshotBytes = new Recorder(3);
    final Recorder fullSnapshotBytes = new Recorder(3);
    /** The first snapshot after each bot's join (kept by {@link #reset()}, like the full ones). */
    final Recorder firstStateBytes = new Recorder(3);
    final LongAdder downBytes = new LongAdder();
    final LongAdder upBytes = new LongAdder();
    /** Every byte read from the counting bots' sockets (TCP payload: framing and HTTP overhead included). */
    final LongAdder wireDownBytes = new LongAdder();
    /** Every byte written to the counting bots' sockets. */
    final LongAdder wireUpBytes = new LongAdder();
    /** Bots that count wire bytes (the lean and HTTP bots; not the full Java client). */
    final java.util.concurrent.atomic.AtomicInteger wireBots = new java.util.concurrent.atomic.AtomicInteger();
    final LongAdder snapshots = new LongAdder();
    final LongAdder disconnects = new LongAdder();
    volatile boolean measuring;

    /** Forgets everything recorded so far (full snapshot sizes are kept: they happen at join). */
    void reset() {
        interArrivalUs.reset();
        inputToVisibleUs.reset();
        snapshotBytes.reset();
        downBytes.reset();
        upBytes.reset();
        wireDownBytes.reset();
        wireUpBytes.reset();
        snapshots.reset();
        disconnects.reset();
        measuring = true;
    }

    static Histogram take(Recorder recorder) {
        return recorder.getIntervalHistogram();
    }
}
