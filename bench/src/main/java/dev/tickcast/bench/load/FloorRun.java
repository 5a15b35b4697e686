package dev.tickcast.bench.load;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Measures the bare-transport floor ({@link FloorServer}, a separate process) with the same lean bots
 * and the same window as a Tickcast run, so that a run can print Tickcast's CPU per client-second as
 * a ratio to the floor measured beside it.
 */
public final class FloorRun {
    private static final long CONNECT_TIMEOUT_S = 60;

    private FloorRun() {
    }

    /**
     * The floor's figures.
     *
     * @param clients      bots connected
     * @param serverCpu    the floor server's CPU seconds per second
     * @param loadCpu      this process's CPU seconds per second (the bots)
     * @param interArrival p99 frame inter-arrival, ms
     * @param disconnects  bots that lost their connection
     */
    public record Result(int clients, double serverCpu, double loadCpu, double interArrival, long disconnects) {
        /** Floor server CPU milliseconds per client-second. */
        public double msPerClientPerSec() {
            return serverCpu * 1000 / clients;
        }

        /** The figures as JSON. */
        public JsonObject json() {
            return new JsonObject().put("clients", clients).put("serverCpuPerSec", round(serverCpu, 1000))
                    .put("serverCpuMsPerClientPerSec", round(msPerClientPerSec(), 1000))
                    .put("loadGeneratorCpuPerSec", round(loadCpu, 1000)).put("interArrivalP99Ms", round(interArrival, 100))
                    .put("disconnects", disconnects);
        }

        /** One line for people. */
        public String line() {
            return String.format(Locale.ROOT, "floor: %d clients, server CPU %.3f s/s = %.3f ms/client/s, bots %.3f s/s, "
                    + "p99 inter-arrival %.2f ms, %d disconnects", clients, serverCpu, msPerClientPerSec(), loadCpu,
                    interArrival, disconnects);
        }
    }

    /** Connects {@code clients} bots to the floor at {@code host:port}, plays the warm-up and the window, leaves. */
    public static Result run(LeanFleet fleet, String host, int port, long floorPid, int clients, int warmup, int seconds,
                             int periodMs, long seed) throws Exception {
        Metrics metrics = new Metrics();
        List<Future<Void>> connecting = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            connecting.add(fleet.connect(host, port, "/ws", null, metrics, seed * 7_919L + i, 1000 / periodMs));
            if (connecting.size() == 256) {
                Future.all(connecting).toCompletionStage().toCompletableFuture().get(CONNECT_TIMEOUT_S, TimeUnit.SECONDS);
                connecting.clear();
            }
        }
        Future.all(connecting).toCompletionStage().toCompletableFuture().get(CONNECT_TIMEOUT_S, TimeUnit.SECONDS);
        Thread.sleep(warmup * 1000L);
        double server0 = ProcStats.cpuSeconds(floorPid);
        double self0 = ProcStats.cpuSeconds(ProcStats.self());
        long t0 = System.nanoTime();
        metrics.reset();
        Thread.sleep(seconds * 1000L);
        metrics.measuring = false;
        double wall = (System.nanoTime() - t0) / 1e9;
        double serverCpu = (ProcStats.cpuSeconds(floorPid) - server0) / wall;
        double loadCpu = (ProcStats.cpuSeconds(ProcStats.self()) - self0) / wall;
        Result r = new Result(clients, serverCpu, loadCpu, ArenaLoad.ms(Metrics.take(metrics.interArrivalUs), 99),
                metrics.disconnects.sum());
        fleet.leaveAll(CONNECT_TIMEOUT_S * 1000);
        return r;
    }

    private static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }
}
