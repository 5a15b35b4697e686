package dev.tickcast.bench.load;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/**
 * One sample of a soak run: the state at {@code seconds} after the measured window began, and
 * the rates and the snapshot inter-arrival of the interval that ended there.
 *
 * @param seconds                  time since the window began
 * @param serverRssMiB             the server's resident set now (VmRSS)
 * @param heapAfterGcMiB           the server's heap after its last collection, or -1 (n/a)
 * @param collections              collections the server has run so far, or -1 (n/a)
 * @param serverCpuPerSec          server CPU seconds per wall second over the interval
 * @param loadCpuPerSec            the load generator's CPU seconds per wall second over the interval
 * @param disconnects              bots closed by the server or the network since they joined (cumulative)
 * @param droppedTicks             ticks the rooms dropped since they were created (cumulative, summed)
 * @param ticksPerSecPerRoom       the rooms' simulation rate over the interval
 * @param snapshotsPerClientPerSec snapshots each bot received per second over the interval
 * @param interArrivalUs           the interval's snapshot inter-arrival histogram (corrected for coordinated omission)
 * @param connections              the server's connections now ({@link ServerProbe}), or null if not probed
 * @param churnCompleted           churn sessions completed so far per kind, or null without churn
 * @param churnFailed              churn sessions failed so far (every kind), 0 without churn
 */
public record SoakSample(double seconds, double serverRssMiB, double heapAfterGcMiB, long collections,
                         double serverCpuPerSec,
                         double loadCpuPerSec, long disconnects, long droppedTicks, double ticksPerSecPerRoom,
                         double snapshotsPerClientPerSec, Histogram interArrivalUs,
                         ServerProbe.Figures connections, JsonObject churnCompleted, long churnFailed) {

    /** The sample as JSON; heapAfterGcMiB is null when n/a. */
    public JsonObject json() {
        JsonObject o = new JsonObject()
                .put("seconds", round(seconds))
                .put("serverRssMiB", round(serverRssMiB))
                .put("heapAfterGcMiB", heapAfterGcMiB < 0 ? null : round(heapAfterGcMiB))
                .put("collections", collections < 0 ? null : collections)
                .put("serverCpuPerSec", round(serverCpuPerSec))
                .put("loadCpuPerSec", round(loadCpuPerSec))
                .put("disconnects", disconnects)
                .put("droppedTicks", droppedTicks)
                .put("ticksPerSecPerRoom", round(ticksPerSecPerRoom))
                .put("snapshotsPerClientPerSec", round(snapshotsPerClientPerSec))
                .put("interArrivalMs", new JsonObject().put("p50", round(ArenaLoad.ms(interArrivalUs, 50)))
                        .put("p99", round(ArenaLoad.ms(interArrivalUs, 99)))
                        .put("max", round(interArrivalUs.getMaxValue() / 1000.0)));
        if (connections != null) {
            o.put("connections", connections.json());
        }
        if (churnCompleted != null) {
            o.put("churnCompleted", churnCompleted).put("churnFailed", churnFailed);
        }
        return o;
    }

    /** p99 snapshot inter-arrival of the interval, ms. */
    public double p99Ms() {
        return ArenaLoad.ms(interArrivalUs, 99);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
