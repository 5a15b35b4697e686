package dev.tickcast.bench.load;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import static dev.tickcast.bench.load.SoakSample.round;

/**
 * The samples of a soak so far and their summary. {@link #ok()} is false as soon as one bot was
 * disconnected or one room dropped a tick, and, in a churn run, if the end failed its
 * {@link ChurnVerdict}. Filled by the thread that runs the soak only.
 */
public final class SoakResult {
    private final int clients;
    private final int rooms;
    private final int sampleSeconds;
    private final String heapSource;
    private final boolean embedded;
    private final List<SoakSample> samples = new ArrayList<>();
    private final Histogram interArrivalUs = new Histogram(3);
    private JsonObject baseline;
    private JsonObject warmup;
    private JsonObject churn;
    private JsonObject churnEnd;
    private ChurnVerdict verdict;

    SoakResult(int clients, int rooms, int sampleSeconds, String heapSource, boolean embedded) {
        this.clients = clients;
        this.rooms = rooms;
        this.sampleSeconds = sampleSeconds;
        this.heapSource = heapSource;
        this.embedded = embedded;
    }

    void add(SoakSample sample) {
        samples.add(sample);
        interArrivalUs.add(sample.interArrivalUs());
    }

    /** The figures before the churn began. */
    void baseline(JsonObject figures) {
        baseline = figures;
    }

    /** The churn warm-up's counts (its sessions ran before the baseline). */
    void churnWarmup(JsonObject counts) {
        warmup = counts;
    }

    /** The churn driver's counts so far. */
    void churn(JsonObject counts) {
        churn = counts;
    }

    /** The end of a churn run: the settle polls, the final figures, the new player, and the verdict. */
    void churnEnd(JsonObject end, ChurnVerdict churnVerdict) {
        churnEnd = end;
        verdict = churnVerdict;
    }

    /** The churn verdict, or null (no churn, or not judged yet). */
    public ChurnVerdict verdict() {
        return verdict;
    }

    /** The samples, oldest first. */
    public List<SoakSample> samples() {
        return List.copyOf(samples);
    }

    /** Disconnects so far. */
    public long disconnects() {
        return samples.isEmpty() ? 0 : last().disconnects();
    }

    /** Dropped ticks so far. */
    public long droppedTicks() {
        return samples.isEmpty() ? 0 : last().droppedTicks();
    }

    /**
     * True if samples were taken, no bot was disconnected, no room dropped a tick, and a churn run
     * (once judged) passed its verdict.
     */
    public boolean ok() {
        return !samples.isEmpty() && disconnects() == 0 && droppedTicks() == 0
                && (churn == null || verdict != null && verdict.ok());
    }

    /** Summary and samples as JSON. */
    public JsonObject json() {
        JsonArray rows = new JsonArray();
        samples.forEach(s -> rows.add(s.json()));
        return new JsonObject().put("summary", summary()).put("samples", rows);
    }

    private JsonObject churnJson() {
        JsonObject o = new JsonObject().put("warmup", warmup).put("baseline", baseline).put("sessions", churn);
        if (churnEnd != null) {
            o.mergeIn(churnEnd);
        }
        return o.put("verdict", verdict == null ? null : verdict.json());
    }

    private JsonObject summary() {
        JsonObject interArrival = new JsonObject()
                .put("p50", round(ArenaLoad.ms(interArrivalUs, 50))).put("p99", round(ArenaLoad.ms(interArrivalUs, 99)))
                .put("max", round(interArrivalUs.getMaxValue() / 1000.0))
                .put("worstIntervalP99", round(max(SoakSample::p99Ms)));
        return new JsonObject()
                .put("scenario", "arena-v1.1")
                .put("rooms", rooms)
                .put("playersPerRoom", rooms == 0 ? 0 : clients / rooms)
                .put("clients", clients)
                .put("embedded", embedded)
                .put("seconds", samples.isEmpty() ? 0 : round(last().seconds()))
                .put("sampleSeconds", sampleSeconds)
                .put("samples", samples.size())
                .put("ok", ok())
                .put("disconnects", disconnects())
                .put("droppedTicks", droppedTicks())
                .put("interArrivalMs", interArrival)
                .put("ticksPerSecPerRoom", stats(SoakSample::ticksPerSecPerRoom))
                .put("serverRssMiB", stats(SoakSample::serverRssMiB).put("slopeMiBPerHourSecondHalf",
                        round(slopePerHour(SoakSample::serverRssMiB))))
                .put("heapAfterGcSource", heapSource)
                .put("heapAfterGcMiB", samples.isEmpty() || last().heapAfterGcMiB() < 0 ? null
                        : stats(SoakSample::heapAfterGcMiB).put("slopeMiBPerHourSecondHalf",
                        round(slopePerHour(SoakSample::heapAfterGcMiB))))
                .put("serverCpuPerSec", stats(SoakSample::serverCpuPerSec))
                .put("loadCpuPerSec", stats(SoakSample::loadCpuPerSec))
                .put("churn", churn == null ? null : churnJson());
    }

    private JsonObject stats(ToDoubleFunction<SoakSample> f) {
        if (samples.isEmpty()) {
            return new JsonObject();
        }
        double sum = 0;
        for (SoakSample s : samples) {
            sum += f.applyAsDouble(s);
        }
        return new JsonObject().put("first", round(f.applyAsDouble(samples.get(0))))
                .put("last", round(f.applyAsDouble(last()))).put("min", round(-max(s -> -f.applyAsDouble(s))))
                .put("max", round(max(f))).put("mean", round(sum / samples.size()));
    }

    private double max(ToDoubleFunction<SoakSample> f) {
        return samples.stream().mapToDouble(f).max().orElse(0);
    }

    /** Least-squares slope over the second half of the samples (the first half holds the warm-up of heap and JIT). */
    private double slopePerHour(ToDoubleFunction<SoakSample> f) {
        List<SoakSample> half = samples.subList(samples.size() / 2, samples.size());
        if (half.size() < 2) {
            return 0;
        }
        double mx = 0;
        double my = 0;
        for (SoakSample s : half) {
            mx += s.seconds();
            my += f.applyAsDouble(s);
        }
        mx /= half.size();
        my /= half.size();
        double num = 0;
        double den = 0;
        for (SoakSample s : half) {
            num += (s.seconds() - mx) * (f.applyAsDouble(s) - my);
            den += (s.seconds() - mx) * (s.seconds() - mx);
        }
        return den == 0 ? 0 : num / den * 3600;
    }

    private SoakSample last() {
        return samples.get(samples.size() - 1);
    }

    /** The table's header. */
    public void printHeader(PrintStream out) {
        out.printf(Locale.ROOT, "soak: %d rooms, %d clients, a sample every %d s; heap: %s%n", rooms, clients,
                sampleSeconds, heapSource);
        out.printf(Locale.ROOT, "%8s %9s %9s %8s %8s %6s %7s %8s %8s %9s %9s %6s %6s %6s %6s %8s %6s%n", "t s",
                "rss MiB", "heap MiB", embedded ? "cpu s/s" : "srv s/s", "load s/s", "disc", "dropped", "ticks/s",
                "snap/s", "p99 ms", "max ms", "pend", "open", "tcp", "fds", "churned", "failed");
    }

    /** One row: the last sample. */
    public void printLast(PrintStream out) {
        SoakSample s = last();
        String heap = s.heapAfterGcMiB() < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", s.heapAfterGcMiB());
        ServerProbe.Figures c = s.connections();
        long churned = 0;
        if (s.churnCompleted() != null) {
            for (String kind : s.churnCompleted().fieldNames()) {
                churned += s.churnCompleted().getLong(kind);
            }
        }
        out.printf(Locale.ROOT, "%8.0f %9.1f %9s %8.2f %8.2f %6d %7d %8.2f %8.2f %9.2f %9.2f %6s %6s %6s %6s %8s %6s%n",
                s.seconds(), s.serverRssMiB(), heap,
                s.serverCpuPerSec(), s.loadCpuPerSec(), s.disconnects(), s.droppedTicks(), s.ticksPerSecPerRoom(),
                s.snapshotsPerClientPerSec(), s.p99Ms(), s.interArrivalUs().getMaxValue() / 1000.0,
                c == null ? "-" : figure(c.pending()), c == null ? "-" : figure(c.open()),
                c == null ? "-" : figure(c.tcpHeld()), c == null ? "-" : figure(c.fds()),
                s.churnCompleted() == null ? "-" : String.valueOf(churned),
                s.churnCompleted() == null ? "-" : String.valueOf(s.churnFailed()));
    }

    private static String figure(double v) {
        return v < 0 ? "n/a" : String.valueOf((long) v);
    }

    /** The summary for people. */
    public void printSummary(PrintStream out) {
        JsonObject s = summary();
        out.printf(Locale.ROOT, "soak %s: %d clients for %.0f s, %d disconnects, %d dropped ticks%n",
                ok() ? "OK" : "FAILED", clients, s.getDouble("seconds"), disconnects(), droppedTicks());
        out.println("  inter-arrival ms " + s.getJsonObject("interArrivalMs").encode());
        out.println("  server RSS MiB   " + s.getJsonObject("serverRssMiB").encode());
        out.println("  heap after GC    " + (s.getValue("heapAfterGcMiB") == null ? "n/a"
                : s.getJsonObject("heapAfterGcMiB").encode()));
        out.println("  server CPU s/s   " + s.getJsonObject("serverCpuPerSec").encode());
        out.println("  load CPU s/s     " + s.getJsonObject("loadCpuPerSec").encode());
        out.println("  ticks/s/room     " + s.getJsonObject("ticksPerSecPerRoom").encode());
        if (churn != null) {
            out.println("  churn sessions   " + churn.encode());
            out.println("  baseline         " + (baseline == null ? "n/a" : baseline.encode()));
            if (churnEnd != null) {
                out.println("  final            " + churnEnd.getJsonObject("final").encode());
                out.println("  settled after    " + churnEnd.getDouble("settleSeconds") + " s");
            }
            if (verdict != null) {
                verdict.print(out);
            }
        }
    }
}
