package dev.tickcast.bench.load;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static dev.tickcast.bench.load.SoakSample.round;

/**
 * Memory per connected client: measures the server with no client (the baseline), then adds
 * arena bots in rooms of 16 up to each step's count, lets them play, runs a full collection in the
 * server and measures again. Each step reports the heap after the full collection, the NIO direct
 * buffers and the resident set, each as a delta from the baseline divided by the step's clients.
 * Steps are cumulative (the bots of a step stay for the next). Runs on a caller thread that may block.
 */
public final class MemoryRun {
    private static final int ROOM_SIZE = 16;

    private final Vertx vertx;
    private final LoadOptions template;
    private final HeapProbe heap;
    private final Metrics metrics = new Metrics();
    private final List<ArenaLoad> loads = new ArrayList<>();
    private int clients;
    private JsonObject previous;

    /** Bots on {@code vertx} against the server of {@code template} (its rooms, players and seconds are ignored). */
    public MemoryRun(Vertx vertx, LoadOptions template, HeapProbe heap) {
        this.vertx = vertx;
        this.template = template;
        this.heap = heap;
    }

    /**
     * Warms the server up (64 bots play {@code playSeconds} and leave, so the baseline already holds
     * the classes and compiled code that any client needs), measures the baseline, then every step
     * (increasing client counts); every bot leaves at the end. The result as JSON, also handed to
     * {@code onStep} after every step (so a run cut short keeps the steps it measured).
     */
    public JsonObject run(int[] steps, int playSeconds, PrintStream out, Consumer<JsonObject> onStep)
            throws Exception {
        long pid = template.serverPid() == 0 ? ProcStats.self() : template.serverPid();
        warmUp(playSeconds);
        JsonObject base = measure(pid);
        previous = base.copy().put("clients", 0);
        out.printf(Locale.ROOT, "baseline: heap after full GC %.1f MiB, direct %.1f MiB, RSS %.1f MiB (%s)%n",
                base.getDouble("heapMiB"), base.getDouble("directMiB"), base.getDouble("rssMiB"), heap.source());
        out.printf(Locale.ROOT, "%8s %10s %10s %10s %10s %10s %10s %6s %8s %9s%n", "clients", "heap MiB", "direct MiB",
                "rss MiB", "heap KB/c", "dir KB/c", "rss KB/c", "disc", "snap/s", "p99 ms");
        JsonArray rows = new JsonArray();
        JsonObject result = new JsonObject().put("scenario", "arena-v1.1").put("embedded", pid == ProcStats.self())
                .put("heapSource", heap.source()).put("playSeconds", playSeconds)
                .put("note", "KB = 1024 bytes; heap = used after a full GC requested through the MemoryMXBean")
                .put("baseline", base).put("steps", rows);
        try {
            for (int target : steps) {
                rows.add(step(target, playSeconds, pid, base, out));
                onStep.accept(result);
            }
        } finally {
            for (ArenaLoad load : loads) {
                load.leave();
            }
        }
        return result;
    }

    private JsonObject step(int target, int playSeconds, long pid, JsonObject base, PrintStream out)
            throws Exception {
        add(target - clients);
        metrics.reset();
        TimeUnit.SECONDS.sleep(playSeconds);
        metrics.measuring = false;
        Histogram interArrival = metrics.interArrivalUs.getIntervalHistogram();
        double snapshotsPerClientPerSec = metrics.snapshots.sum() / (double) playSeconds / clients;
        JsonObject now = measure(pid);
        JsonObject perClient = new JsonObject();
        for (String key : List.of("heapMiB", "directMiB", "rssMiB")) {
            double kb = (now.getDouble(key) - base.getDouble(key)) * 1024 / clients;
            perClient.put(key.replace("MiB", "KBPerClient"), round(kb));
        }
        JsonObject marginal = new JsonObject();
        for (String key : List.of("heapMiB", "directMiB", "rssMiB")) {
            int added = clients - previous.getInteger("clients");
            double kb = (now.getDouble(key) - previous.getDouble(key)) * 1024 / added;
            marginal.put(key.replace("MiB", "KBPerClient"), round(kb));
        }
        JsonObject row = new JsonObject().put("clients", clients).put("rooms", (clients + ROOM_SIZE - 1) / ROOM_SIZE)
                .mergeIn(now).mergeIn(perClient).put("sincePreviousStep", marginal)
                .put("disconnects", metrics.disconnects.sum())
                .put("snapshotsPerClientPerSec", round(snapshotsPerClientPerSec))
                .put("interArrivalMs", new JsonObject().put("p50", round(ArenaLoad.ms(interArrival, 50)))
                        .put("p99", round(ArenaLoad.ms(interArrival, 99)))
                        .put("max", round(interArrival.getMaxValue() / 1000.0)));
        out.printf(Locale.ROOT, "%8d %10.1f %10.1f %10.1f %10.2f %10.2f %10.2f %6d %8.2f %9.2f%n", clients,
                now.getDouble("heapMiB"), now.getDouble("directMiB"), now.getDouble("rssMiB"),
                perClient.getDouble("heapKBPerClient"), perClient.getDouble("directKBPerClient"),
                perClient.getDouble("rssKBPerClient"), metrics.disconnects.sum(), snapshotsPerClientPerSec,
                ArenaLoad.ms(interArrival, 99));
        previous = row;
        return row;
    }

    private void warmUp(int playSeconds) throws Exception {
        LoadOptions o = template;
        ArenaLoad load = new ArenaLoad(vertx, null, new LoadOptions(o.host(), o.port(), 4, ROOM_SIZE, 0, 0,
                o.snapshotHz(), o.seed() - 1, o.serverPid(), o.decodeEvery()), new Metrics());
        load.join();
        TimeUnit.SECONDS.sleep(playSeconds);
        load.leave();
    }

    /** Adds {@code more} bots: full rooms of 16, then one smaller room for the rest. */
    private void add(int more) throws Exception {
        int full = more / ROOM_SIZE;
        int rest = more % ROOM_SIZE;
        if (full > 0) {
            addLoad(full, ROOM_SIZE);
        }
        if (rest > 0) {
            addLoad(1, rest);
        }
    }

    private void addLoad(int rooms, int players) throws Exception {
        LoadOptions o = template;
        ArenaLoad load = new ArenaLoad(vertx, null, new LoadOptions(o.host(), o.port(), rooms, players, 0, 0,
                o.snapshotHz(), o.seed() + loads.size() * 7919L, o.serverPid(), o.decodeEvery()), metrics);
        loads.add(load);
        load.join();
        clients += load.clients();
    }

    private JsonObject measure(long pid) {
        double heapMiB = heap.heapAfterFullGcMiB();
        return new JsonObject().put("heapMiB", round(heapMiB)).put("directMiB", round(heap.directMiB()))
                .put("rssMiB", round(ProcStats.rssMiB(pid)));
    }
}
