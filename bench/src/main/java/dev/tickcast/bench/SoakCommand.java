package dev.tickcast.bench;

import dev.tickcast.bench.load.ArenaLoad;
import dev.tickcast.bench.load.ChurnDriver;
import dev.tickcast.bench.load.ChurnVerdict;
import dev.tickcast.bench.load.HeapProbe;
import dev.tickcast.bench.load.LoadOptions;
import dev.tickcast.bench.load.ServerProbe;
import dev.tickcast.bench.load.SoakResult;
import dev.tickcast.bench.load.SoakRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

/**
 * {@code soak}: the arena scenario for a long time, sampled at a fixed interval; exit code 1 when a
 * bot was disconnected or a room dropped a tick. With {@code --churn}, sessions are opened and
 * ended continuously beside the playing bots and the run also exits 1 when the server's
 * connections, file descriptors or heap do not return to their baseline, or a new player cannot play
 * ({@link ChurnVerdict}). The JSON is rewritten after every sample, so a run cut short still leaves
 * its samples.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Plays the arena scenario (v1.1) with ROOMS x PLAYERS bots for SECONDS and records, every "
                + "SAMPLE-SECONDS: the server's RSS and heap after its last GC, server and load generator CPU, "
                + "disconnects, dropped ticks (GET /rooms) and the interval's p99 snapshot inter-arrival. "
                + "Every sample also reads the server's connections: the gauges " + ServerProbe.PENDING + " and "
                + ServerProbe.OPEN + " of its /metrics, its TCP sockets on its port (/proc/PID/net/tcp) and its open "
                + "file descriptors. --churn opens and ends sessions continuously beside the bots (full sessions, TCP "
                + "resets, sockets that never JOIN, half-sent requests, keep-alive requests; loopback only) and judges "
                + "the end against a baseline taken before it. "
                + "Exit code 1 if any bot was disconnected or any room dropped a tick, or (--churn) if after the churn "
                + "and the settle time the connections, OS connections, file descriptors or heap after a full GC are "
                + "not back at their baseline, a churn session failed, or a new player cannot play; 2 on a usage "
                + "error. Chart: tickcast-bench chart --soak FILE.json")
final class SoakCommand implements Callable<Integer> {
    @CommandLine.Mixin
    BenchMain.Target target = new BenchMain.Target();

    @Option(names = "--rooms", description = "Rooms. Default: ${DEFAULT-VALUE}.")
    int rooms = 4;

    @Option(names = "--players", description = "Players per room. Default: ${DEFAULT-VALUE}.")
    int players = 16;

    @Option(names = "--seconds", description = "Measured seconds. Default: ${DEFAULT-VALUE}.")
    int seconds = 600;

    @Option(names = "--sample-seconds", description = "Sample interval. Default: ${DEFAULT-VALUE}.")
    int sampleSeconds = 5;

    @Option(names = "--warmup", description = "Seconds of play after the join, before the first sample. "
            + "Default: ${DEFAULT-VALUE}.")
    int warmup = 5;

    @Option(names = "--json", description = "Write the summary and the samples as JSON to this file "
            + "(after every sample).")
    Path json;

    @Option(names = "--churn", paramLabel = "SESSIONS_PER_SECOND", description = "Open and end this many sessions "
            + "per second beside the playing bots, cycling through: full (matchmake, JOIN, play, close 1000), reset "
            + "(TCP RST without a close frame), neverJoin (upgrade, no JOIN), halfRequest (headers cut mid-way), "
            + "keepAlive (two requests on one connection). Loopback servers only. Default: off.")
    double churn;

    @Option(names = "--churn-sessions", description = "Stop the churn after this many sessions; the window then ends "
            + "at the first sample after they all ended (or at --seconds). Default: until --seconds.")
    long churnSessions;

    @Option(names = "--churn-warmup", description = "Churn sessions run to their end before the baseline (every "
            + "kind's server code loaded and compiled; none left to the server's timeouts). Default: ${DEFAULT-VALUE}.")
    long churnWarmup = 250;

    @Option(names = "--churn-workers", description = "Churn sessions under way at once. Default: ${DEFAULT-VALUE}.")
    int churnWorkers = 16;

    @Option(names = "--churn-long-waits", description = "Never-joining sockets and half-sent requests left at once to "
            + "the server's own timeout (the others close themselves). Default: ${DEFAULT-VALUE}.")
    int churnLongWaits = 16;

    @Option(names = "--churn-timeout-ms", description = "The longest a churn session waits for one answer. "
            + "Default: ${DEFAULT-VALUE}.")
    int churnTimeoutMs = 10_000;

    @Option(names = "--churn-long-wait-ms", description = "The longest a socket left to the server waits for the "
            + "server to close it (more than the join deadline and the HTTP idle timeout). Default: ${DEFAULT-VALUE}.")
    int churnLongWaitMs = 20_000;

    @Option(names = "--settle-seconds", description = "After the churn: wait up to this long for the connection "
            + "figures to return to the baseline. Default: ${DEFAULT-VALUE}.")
    int settleSeconds = 20;

    @Option(names = "--metrics-url", description = "The server's Prometheus /metrics (loopback http), for the "
            + "connection gauges. Default: /metrics on the --url's host and port.")
    URI metricsUrl;

    @Override
    public Integer call() throws Exception {
        if (!target.embedded && target.serverPid <= 0) {
            System.err.println("soak --url needs --server-pid (the server's RSS, CPU and heap are the point)");
            return 2;
        }
        if (churn < 0 || churn > 0 && target.url != null && !loopback(URI.create(target.url).getHost())) {
            System.err.println("soak --churn: a positive rate against a loopback server only (127.0.0.1, ::1)");
            return 2;
        }
        try (BenchMain.Harness h = BenchMain.Harness.open(target); HeapProbe heap = HeapProbe.open(h.serverPid())) {
            LoadOptions options = h.options(rooms, players, seconds, warmup);
            ArenaLoad load = new ArenaLoad(h.bots(), h.fleet(), options);
            URI metrics = metricsUrl != null ? metricsUrl
                    : URI.create("http://" + options.host() + ":" + options.port() + "/metrics");
            SoakRun run = new SoakRun(load, heap, h.serverPid(), seconds, sampleSeconds, warmup)
                    .withProbe(new ServerProbe(h.serverPid(), options.port(), metrics));
            if (churn > 0) {
                run.withChurn(new ChurnDriver(options.host(), options.port(), churn, churnSessions, churnWorkers,
                        churnLongWaits, churnTimeoutMs, churnLongWaitMs), churnWarmup <= 0 ? null
                        : new ChurnDriver(options.host(), options.port(), churn, churnWarmup, churnWorkers, 0,
                        churnTimeoutMs, churnLongWaitMs), settleSeconds);
            }
            boolean[] first = {true};
            SoakResult result = run.run(r -> {
                if (first[0]) {
                    r.printHeader(System.out);
                    first[0] = false;
                }
                r.printLast(System.out);
                write(r);
            });
            result.printSummary(System.out);
            write(result);
            return result.ok() ? 0 : 1;
        }
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private void write(SoakResult result) {
        if (json == null) {
            return;
        }
        try {
            Path tmp = json.resolveSibling(json.getFileName() + ".tmp");
            Files.writeString(tmp, result.json().encodePrettily() + "\n");
            Files.move(tmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
