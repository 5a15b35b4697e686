package dev.tickcast.bench.load;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A soak: the bots of an {@link ArenaLoad} play for a long window, and every sample interval the
 * run records the server's memory, both processes' CPU, disconnects, dropped ticks and the
 * interval's snapshot inter-arrival ({@link SoakSample}). The schedule is fixed in advance
 * (sample {@code i} is due at {@code start + i * interval}), so a slow sample does not shift the
 * later ones, and the loop runs exactly {@code seconds / sampleSeconds} times. Runs on a caller
 * thread that may block, never on an event loop.
 */
public final class SoakRun {
    private final ArenaLoad load;
    private final HeapProbe heap;
    private final long serverPid;
    private final int seconds;
    private final int sampleSeconds;
    private final int warmup;

    /**
     * A soak of {@code load} against the server {@code serverPid} (this process when embedded).
     *
     * @param seconds       length of the measured window
     * @param sampleSeconds sample interval (at least 1)
     * @param warmup        seconds of play after the join, before the window
     */
    public SoakRun(ArenaLoad load, HeapProbe heap, long serverPid, int seconds, int sampleSeconds, int warmup) {
        this.load = load;
        this.heap = heap;
        this.serverPid = serverPid;
        this.seconds = seconds;
        this.sampleSeconds = Math.max(1, sampleSeconds);
        this.warmup = warmup;
    }

    /** Joins, warms up, samples the window (calling {@code onSample} with the result so far), leaves. */
    public SoakResult run(Consumer<SoakResult> onSample) throws Exception {
        load.join();
        TimeUnit.SECONDS.sleep(warmup);
        Metrics metrics = load.metrics();
        long disconnectsBefore = metrics.disconnects.sum();
        SoakResult result = new SoakResult(load.clients(), load.roomTotals().rooms(), sampleSeconds, heap.source(),
                serverPid == ProcStats.self());
        int samples = Math.max(1, seconds / sampleSeconds);
        long intervalNs = TimeUnit.SECONDS.toNanos(sampleSeconds);
        metrics.reset();
        long t0 = System.nanoTime();
        Point prev = point(t0);
        for (int i = 1; i <= samples; i++) {
            long waitNs = t0 + i * intervalNs - System.nanoTime();
            if (waitNs > 0) {
                TimeUnit.NANOSECONDS.sleep(waitNs);
            }
            Point now = point(System.nanoTime());
            result.add(sample(prev, now, (now.nanos - t0) / 1e9, disconnectsBefore, metrics));
            prev = now;
            onSample.accept(result);
        }
        metrics.measuring = false;
        load.leave();
        return result;
    }

    private SoakSample sample(Point prev, Point now, double at, long disconnectsBefore, Metrics metrics) {
        double wall = (now.nanos - prev.nanos) / 1e9;
        int rooms = Math.max(1, now.totals.rooms());
        Histogram interArrival = metrics.interArrivalUs.getIntervalHistogram();
        long snapshots = metrics.snapshots.sumThenReset();
        return new SoakSample(at, ProcStats.rssMiB(serverPid), heap.heapAfterLastGcMiB(), heap.collections(),
                (now.serverCpu - prev.serverCpu) / wall, (now.selfCpu - prev.selfCpu) / wall,
                disconnectsBefore + metrics.disconnects.sum(), now.totals.droppedTicks(),
                (now.totals.ticks() - prev.totals.ticks()) / wall / rooms,
                snapshots / wall / Math.max(1, load.clients()), interArrival);
    }

    private Point point(long nanos) throws Exception {
        return new Point(nanos, ProcStats.cpuSeconds(serverPid), ProcStats.cpuSeconds(ProcStats.self()),
                load.roomTotals());
    }

    private record Point(long nanos, double serverCpu, double selfCpu, ArenaLoad.RoomTotals totals) {
    }
}
