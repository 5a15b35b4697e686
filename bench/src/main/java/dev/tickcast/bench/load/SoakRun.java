package dev.tickcast.bench.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A soak: the bots of an {@link ArenaLoad} play for a long window, and every sample interval the
 * run records the server's memory, both processes' CPU, disconnects, dropped ticks, the
 * interval's snapshot inter-arrival and the server's connections ({@link SoakSample}). The
 * schedule is fixed in advance (sample {@code i} is due at {@code start + i * interval}), so a slow
 * sample does not shift the later ones, and the loop runs at most {@code seconds / sampleSeconds}
 * times. Runs on a caller thread that may block, never on an event loop.
 *
 * <p>With a {@link ChurnDriver} ({@link #withChurn}), the run takes a baseline once the bots play
 * (heap after a forced GC, then, after the churn warm-up, connections, file descriptors, dropped
 * ticks), churns sessions during the window (which ends early once the driver's sessions are all done), stops the churn, polls for up
 * to the settle time until the figures are back, checks that a new player can play, forces a GC
 * again, and judges the end against the baseline ({@link ChurnVerdict}).
 */
public final class SoakRun {
    private static final Logger LOG = LoggerFactory.getLogger(SoakRun.class);
    private static final int NEW_PLAYER_SNAPSHOTS = 3;

    private final ArenaLoad load;
    private final HeapProbe heap;
    private final long serverPid;
    private final int seconds;
    private final int sampleSeconds;
    private final int warmup;
    private ServerProbe probe;
    private ChurnDriver churn;
    private ChurnDriver churnWarmup;
    private int settleSeconds;

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

    /** Also records the server's connections in every sample. */
    public SoakRun withProbe(ServerProbe serverProbe) {
        this.probe = serverProbe;
        return this;
    }

    /**
     * Churns sessions with {@code driver} during the window and judges the end (needs
     * {@link #withProbe}). {@code warmup} (may be null) runs its sessions to the end before the
     * baseline, so that the server's code for every kind is loaded and compiled before it is judged.
     */
    public SoakRun withChurn(ChurnDriver driver, ChurnDriver warmup, int settle) {
        this.churn = driver;
        this.churnWarmup = warmup;
        this.settleSeconds = settle;
        return this;
    }

    /** Joins, warms up, samples the window (calling {@code onSample} with the result so far), leaves. */
    public SoakResult run(Consumer<SoakResult> onSample) throws Exception {
        load.join();
        TimeUnit.SECONDS.sleep(warmup);
        Metrics metrics = load.metrics();
        SoakResult result = new SoakResult(load.clients(), load.roomTotals().rooms(), sampleSeconds, heap.source(),
                serverPid == ProcStats.self());
        // the forced collection comes before the churn warm-up: it shrinks the heap, and the warm-up's
        // collections let G1 size it again before the churn is measured (its pauses drop no judged tick)
        double heapBefore = churn == null ? -1 : heap.heapAfterFullGcMiB();
        int othersBefore = churn == null ? 0 : load.roomTotals().others();
        if (churnWarmup != null) {
            result.churnWarmup(warmUp(churnWarmup));
        }
        Baseline baseline = churn == null ? null : baseline(heapBefore, othersBefore);
        if (baseline != null) {
            result.baseline(baseline.json());
        }
        long droppedBefore = baseline == null ? 0 : baseline.droppedTicks;
        int samples = Math.max(1, seconds / sampleSeconds);
        long intervalNs = TimeUnit.SECONDS.toNanos(sampleSeconds);
        long disconnectsBefore = metrics.disconnects.sum(); // the join's, the warm-up's and the churn warm-up's
        metrics.reset();
        long t0 = System.nanoTime();
        Point prev = point(t0, null);
        if (churn != null) {
            churn.start();
        }
        for (int i = 1; i <= samples; i++) {
            long waitNs = t0 + i * intervalNs - System.nanoTime();
            if (waitNs > 0) {
                TimeUnit.NANOSECONDS.sleep(waitNs);
            }
            Point now = point(System.nanoTime(), prev);
            result.add(sample(prev, now, (now.nanos - t0) / 1e9, disconnectsBefore, droppedBefore, metrics));
            prev = now;
            if (churn != null) {
                result.churn(churn.json());
            }
            onSample.accept(result);
            if (churn != null && churn.done()) {
                break;
            }
        }
        metrics.measuring = false;
        if (churn != null) {
            finish(result, baseline, prev.totals.droppedTicks());
        }
        load.leave();
        return result;
    }

    /** Runs the warm-up driver's sessions to their end (bounded: three times their schedule plus a minute). */
    private static JsonObject warmUp(ChurnDriver driver) throws InterruptedException {
        JsonObject planned = driver.json();
        long bound = (long) (3_000 * planned.getLong("sessionsRequested") / planned.getDouble("sessionsPerSecond"))
                + 60_000;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(bound);
        driver.start();
        while (!driver.done() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        driver.stop();
        LOG.info("churn warm-up: {}", driver.json().encode());
        return driver.json();
    }

    private Baseline baseline(double heapMiB, int otherRooms) throws Exception {
        TimeUnit.SECONDS.sleep(1); // a pause just before stays out of the dropped-tick baseline
        long dropped = load.roomTotals().droppedTicks();
        ServerProbe.Figures figures = probe.read();
        LOG.info("churn baseline: heap {} MiB after a full GC, connections {}, gauges: {}", heapMiB,
                figures.json().encode(), probe.metricsNote());
        return new Baseline(heapMiB, dropped, figures, probe.metricsNote(), otherRooms);
    }

    /** Stops the churn, lets the figures settle, checks a new player and judges the end against the baseline. */
    private void finish(SoakResult result, Baseline base, long droppedAtWindowEnd) throws Exception {
        boolean drained = churn.stop();
        result.churn(churn.json());
        JsonArray settle = new JsonArray();
        long settleStart = System.nanoTime();
        long settleEnd = settleStart + TimeUnit.SECONDS.toNanos(settleSeconds);
        ServerProbe.Figures last;
        int otherRooms;
        while (true) {
            last = probe.read();
            otherRooms = otherRooms();
            settle.add(new JsonObject().put("seconds", SoakSample.round((System.nanoTime() - settleStart) / 1e9))
                    .put("connections", last.json()).put("otherRooms", otherRooms < 0 ? null : otherRooms));
            // rooms left by dropped players close after the reconnect grace: the heap is read after them
            boolean roomsBack = otherRooms < 0 || otherRooms <= base.otherRooms;
            if (settled(base.figures, last) && roomsBack || System.nanoTime() >= settleEnd) {
                break;
            }
            TimeUnit.SECONDS.sleep(1);
        }
        double settledAfter = (System.nanoTime() - settleStart) / 1e9;
        String gaugeNote = probe.metricsNote();
        long dropped = -1;
        String roomsError = null;
        try {
            dropped = load.roomTotals().droppedTicks() - base.droppedTicks;
        } catch (Exception e) {
            roomsError = e.toString();
        }
        String newPlayer;
        boolean played;
        try {
            newPlayer = churn.newPlayer(NEW_PLAYER_SNAPSHOTS);
            played = true;
        } catch (Exception e) {
            newPlayer = "could not play: " + e;
            played = false;
        }
        double heapMiB = heap.heapAfterFullGcMiB();

        ChurnVerdict v = new ChurnVerdict();
        v.growth("pending connections", base.figures.pending(), last.pending(), ChurnVerdict.CONNECTION_TOLERANCE, "");
        v.growth("open connections", base.figures.open(), last.open(), ChurnVerdict.CONNECTION_TOLERANCE, "");
        v.growth("OS TCP connections", base.figures.tcpHeld(), last.tcpHeld(), ChurnVerdict.TCP_TOLERANCE, "");
        v.growth("file descriptors", base.figures.fds(), last.fds(), ChurnVerdict.FD_TOLERANCE, "");
        v.growth("rooms besides the bots'", base.otherRooms, otherRooms, 0, "");
        double heapAllowed = base.heapMiB < 0 ? 0 : Math.max(ChurnVerdict.HEAP_TOLERANCE_MIB,
                ChurnVerdict.HEAP_TOLERANCE_FRACTION * base.heapMiB);
        v.growth("heap after full GC", base.heapMiB, heapMiB, heapAllowed, " MiB");
        v.condition("dropped ticks", roomsError == null && dropped == 0, roomsError != null
                ? "GET /rooms failed after the churn: " + roomsError + " ("
                + (droppedAtWindowEnd - base.droppedTicks) + " dropped by the last sample that could read it)"
                : dropped + " ticks dropped since the baseline (" + (droppedAtWindowEnd - base.droppedTicks)
                + " by the end of the window)");
        long warmupFailed = churnWarmup == null ? 0 : churnWarmup.failed();
        if (churnWarmup != null) {
            v.condition("churn warm-up", warmupFailed == 0, churnWarmup.completed() + " completed, " + warmupFailed
                    + " failed" + (warmupFailed == 0 ? "" : ": " + String.join("; ", churnWarmup.failureLines())));
        }
        long failed = churn.failed();
        v.condition("churn sessions", failed == 0, churn.completed() + " completed, " + failed + " failed"
                + (failed == 0 ? "" : ": " + String.join("; ", churn.failureLines())));
        JsonObject c = churn.json();
        long requested = c.getLong("sessionsRequested");
        v.condition("churn ran to the end", drained && (requested <= 0 || churn.started() >= requested),
                churn.started() + " sessions started" + (requested > 0 ? " of " + requested : "")
                        + (drained ? "" : ", " + churn.inFlight() + " still under way after the stop"));
        v.condition("new player", played, newPlayer);
        v.condition("playing bots", result.disconnects() == 0, result.disconnects() + " disconnects");
        result.churnEnd(new JsonObject().put("settleSeconds", SoakSample.round(settledAfter))
                .put("final", last.json().put("heapAfterFullGcMiB", SoakSample.round(heapMiB))
                        .put("otherRooms", otherRooms < 0 ? null : otherRooms)
                        .put("droppedTicksSinceBaseline", dropped).put("gauges", gaugeNote))
                .put("settle", settle).put("newPlayer", newPlayer), v);
    }

    /** Rooms the server lists besides the load's, or -1 if GET /rooms fails. */
    private int otherRooms() {
        try {
            return load.roomTotals().others();
        } catch (Exception e) {
            return -1;
        }
    }

    /** True if every connection figure is back within its tolerance of the baseline. */
    private static boolean settled(ServerProbe.Figures base, ServerProbe.Figures now) {
        return within(base.pending(), now.pending(), ChurnVerdict.CONNECTION_TOLERANCE)
                && within(base.open(), now.open(), ChurnVerdict.CONNECTION_TOLERANCE)
                && within(base.tcpHeld(), now.tcpHeld(), ChurnVerdict.TCP_TOLERANCE)
                && within(base.fds(), now.fds(), ChurnVerdict.FD_TOLERANCE);
    }

    private static boolean within(double base, double now, double tolerance) {
        return base < 0 || (now >= 0 && now <= base + tolerance);
    }

    private SoakSample sample(Point prev, Point now, double at, long disconnectsBefore, long droppedBefore,
                              Metrics metrics) {
        double wall = (now.nanos - prev.nanos) / 1e9;
        int rooms = Math.max(1, now.totals.rooms());
        Histogram interArrival = metrics.interArrivalUs.getIntervalHistogram();
        long snapshots = metrics.snapshots.sumThenReset();
        return new SoakSample(at, ProcStats.rssMiB(serverPid), heap.heapAfterLastGcMiB(), heap.collections(),
                (now.serverCpu - prev.serverCpu) / wall, (now.selfCpu - prev.selfCpu) / wall,
                disconnectsBefore + metrics.disconnects.sum(), now.totals.droppedTicks() - droppedBefore,
                (now.totals.ticks() - prev.totals.ticks()) / wall / rooms,
                snapshots / wall / Math.max(1, load.clients()), interArrival,
                probe == null ? null : probe.read(), churn == null ? null : churn.completedPerKind(),
                churn == null ? 0 : churn.failed());
    }

    /** The figures now; if GET /rooms fails (a server that stopped answering), the previous totals, logged. */
    private Point point(long nanos, Point prev) throws Exception {
        ArenaLoad.RoomTotals totals;
        try {
            totals = load.roomTotals();
        } catch (Exception e) {
            if (prev == null) {
                throw e;
            }
            LOG.warn("GET /rooms failed: {}; the sample keeps the previous room figures", e.toString());
            totals = prev.totals;
        }
        return new Point(nanos, ProcStats.cpuSeconds(serverPid), ProcStats.cpuSeconds(ProcStats.self()), totals);
    }

    private record Point(long nanos, double serverCpu, double selfCpu, ArenaLoad.RoomTotals totals) {
    }

    /** The figures before the churn. */
    private record Baseline(double heapMiB, long droppedTicks, ServerProbe.Figures figures, String gauges,
                            int otherRooms) {
        JsonObject json() {
            return figures.json().put("heapAfterFullGcMiB", SoakSample.round(heapMiB)).put("droppedTicks", droppedTicks)
                    .put("gauges", gauges).put("otherRooms", otherRooms);
        }
    }
}
