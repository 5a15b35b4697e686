package dev.tickcast.bench.load;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The shooting figures of an Arena-Wide shoot run ({@code arena-wide --shoot}, issue 21): the bots
 * played through a {@link DelayRelay} of {@code delayMs} each way (jitter up to {@code jitterMs}) and
 * shot with the rewind or in the present. {@code rewindNs*} are the server's nanoseconds for the
 * rewind and the test of a shot (the present's test alone without the rewind).
 *
 * @param stats    the counts and nanoseconds of the shots
 * @param delayMs  the relay's one-way delay
 * @param jitterMs the relay's jitter bound
 * @param rewind   true if the shots asked for the rewind (mode 1), false for the present (mode 0)
 */
public record ShotRun(ShotStats stats, int delayMs, int jitterMs, boolean rewind) {
    /** Adds the shoot keys to {@code out}: shots, hits, hitRate, clampedShots, rewindNsMean, rewindNsP99, ... */
    public JsonObject json(JsonObject out) {
        Histogram ns = stats.nanos();
        double rate = stats.hitRate();
        return out.put("shots", stats.shots()).put("hits", stats.hits())
                .put("hitRate", Double.isNaN(rate) ? null : Math.round(rate * 10_000) / 10_000.0)
                .put("clampedShots", stats.clampedShots())
                .put("rewindNsMean", ns.getTotalCount() == 0 ? null : Math.round(ns.getMean()))
                .put("rewindNsP99", ns.getTotalCount() == 0 ? null : ns.getValueAtPercentile(99))
                .put("delayMs", delayMs).put("jitterMs", jitterMs).put("rewind", rewind)
                .put("shotsAnswered", stats.answered()).put("noTarget", stats.noTarget.sum())
                .put("reasons", rewind ? stats.reasons() : null);
    }

    /** Prints the shoot rows of the text report. */
    public void print(PrintStream out) {
        JsonObject j = json(new JsonObject());
        out.printf(Locale.ROOT, "shooting: delay %d ms each way, jitter +-%d ms, %s%n", delayMs, jitterMs,
                rewind ? "with the rewind" : "in the present (--no-rewind)");
        row(out, "shots / answered / no target", j.getValue("shots") + " / " + j.getValue("shotsAnswered") + " / "
                + j.getValue("noTarget"));
        row(out, "hits (hit rate)", j.getValue("hits") + " (" + j.getValue("hitRate") + ")");
        row(out, "clamped shots", String.valueOf(j.getValue("clampedShots")));
        row(out, "reasons", String.valueOf(j.getValue("reasons")));
        row(out, "server ns per shot, mean / p99", j.getValue("rewindNsMean") + " / " + j.getValue("rewindNsP99"));
    }

    private static void row(PrintStream out, String name, String value) {
        out.printf(Locale.ROOT, "  %-40s %s%n", name, value);
    }
}
