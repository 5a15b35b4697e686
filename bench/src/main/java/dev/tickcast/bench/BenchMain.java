package dev.tickcast.bench;

import dev.tickcast.bench.load.ArenaLoad;
import dev.tickcast.bench.load.ArenaResult;
import dev.tickcast.bench.load.EncodeProbe;
import dev.tickcast.bench.load.FloorRun;
import dev.tickcast.bench.load.LeanFleet;
import dev.tickcast.bench.load.LoadOptions;
import dev.tickcast.bench.load.Transport;
import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.games.arenawide.ArenaWideGame;
import dev.tickcast.server.GameRegistry;
import dev.tickcast.server.TickcastMetrics;
import dev.tickcast.server.TickcastOptions;
import dev.tickcast.server.internal.engine.TickcastServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code java -jar tickcast-bench.jar jmh | arena | arena-wide | capacity | soak | memory}. */
@Command(name = "tickcast-bench", mixinStandardHelpOptions = true, version = "Tickcast bench 0.1.0",
        description = "Tickcast benchmarks: JMH micro and latency benchmarks, the arena load generator, capacity search, "
                + "soak, memory per client. Every bot comes from 127.0.0.1: start an external server with the "
                + "load-test limits (--handshakes-per-second, --max-connections-per-address, --matchmakes-per-second, "
                + "--max-unclaimed-seats-per-address, --max-unclaimed-seats, --max-rooms, --max-pending-connections and "
                + "--max-pending-connections-per-address at 100000); --embedded "
                + "applies them itself.",
        subcommands = {BenchMain.Jmh.class, BenchMain.Arena.class, ArenaWideCommand.class, BenchMain.Capacity.class,
                SoakCommand.class,
                MemoryCommand.class, FloorCommand.class, ChartCommand.class, TokenCommand.class,
                MakeRecordingCommand.class, RecordingStatsCommand.class})
public final class BenchMain implements Runnable {

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Shared options of the load commands. */
    static class Target {
        @Option(names = "--url", description = "The game WebSocket of a running server, e.g. ws://127.0.0.1:8080/ws. "
                + "All bots come from one address: start it with the load-test limits (see the main help).")
        String url;

        @Option(names = "--embedded", description = "Start a server in this process on a free loopback port instead "
                + "(with TickcastOptions.withLoadTestLimits()).")
        boolean embedded;

        @Option(names = "--snapshot-hz", description = "Snapshot rate of the server: 20 or 60 (the external server "
                + "must be started with the same --snapshot-hz). Default: ${DEFAULT-VALUE}.")
        int snapshotHz = 20;

        @Option(names = "--seed", description = "Seed of the bots. Default: ${DEFAULT-VALUE}.")
        long seed = 1;

        @Option(names = "--server-pid", description = "PID of the external server, for its CPU and RSS (from /proc).")
        long serverPid;

        @Option(names = "--decode-every", description = "One bot in this many (counted over all bots, "
                + "so 16 is the first bot of every room of 16) decodes every snapshot on the full Java client and measures "
                + "input-to-visible; the others count bytes and arrivals on the lean client. Default: ${DEFAULT-VALUE}.")
        int decodeEvery = 16;

        @Option(names = "--server-metrics", negatable = true, description = "With --embedded: the server's metrics "
                + "on (Vert.x with Micrometer and Prometheus, as the CLI's default) or off (--no-server-metrics). For an "
                + "external server, start it with --metrics or --no-metrics. Default: off.")
        boolean serverMetrics;

        @Option(names = "--bot-event-loops", description = "Event loops of the bots. Default: ${DEFAULT-VALUE}.")
        int botLoops = 2;

        @Option(names = "--full-clients", description = "Run every bot on the full Java client (Vert.x WebSocketClient) "
                + "instead of only the decoding ones; the others then use the lean Netty client.")
        boolean fullClients;

        @Option(names = "--floor-url", description = "A bare-transport floor server (the floor-server command, "
                + "ws://HOST:PORT/ws): after each measurement the same number of bots plays against it for the same window, "
                + "and the run prints Tickcast's CPU per client-second as a ratio to the floor's.")
        String floorUrl;

        @Option(names = "--floor-pid", description = "PID of the floor server, for its CPU.")
        long floorPid;

        @Option(names = "--transport", converter = TransportConverter.class, description = "The bots' carrier: "
                + "websocket, http-stream or http-poll (the HTTP binding of PROTOCOL.md section 2.1, every bot on a bare "
                + "Netty HTTP/1.1 client that counts the bytes on its sockets). Default: websocket.")
        Transport transport = Transport.WEBSOCKET;

        @Option(names = "--source-addresses", description = "The lean and HTTP bots bind in turn to 127.0.0.1 .. "
                + "127.0.0.N, so that the server's per-address limits see N addresses (1: the system chooses). "
                + "Default: ${DEFAULT-VALUE}.")
        int sourceAddresses = 1;
    }

    /** Reads a transport by its fixed name. */
    static final class TransportConverter implements CommandLine.ITypeConverter<Transport> {
        @Override
        public Transport convert(String value) {
            return Transport.parse(value);
        }
    }

    @Command(name = "jmh", mixinStandardHelpOptions = false,
            description = "Runs the JMH benchmarks; every argument goes to JMH (e.g. -prof gc -rf json -f 1 CodecBenchmark). "
                    + "Use 'jmh -h' for JMH's own help.")
    static final class Jmh implements Callable<Integer> {
        @CommandLine.Unmatched
        List<String> args = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            org.openjdk.jmh.Main.main(args.toArray(new String[0]));
            return 0;
        }
    }

    @Command(name = "arena", mixinStandardHelpOptions = true,
            description = "Plays the arena scenario with ROOMS x PLAYERS bots and reports bytes, arrival and latency percentiles.")
    static final class Arena implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @Option(names = "--rooms", description = "Rooms. Default: ${DEFAULT-VALUE}.")
        int rooms = 4;

        @Option(names = "--players", description = "Players per room. Default: ${DEFAULT-VALUE}.")
        int players = 16;

        @Option(names = "--seconds", description = "Measured seconds. Default: ${DEFAULT-VALUE}.")
        int seconds = 20;

        @Option(names = "--warmup", description = "Seconds of play before measuring. Default: ${DEFAULT-VALUE}.")
        int warmup = 5;

        @Option(names = "--json", description = "Also write the result as JSON to this file.")
        Path json;

        @Option(names = "--encodes-url", description = "The server's GET /metrics (Prometheus text): its snapshot "
                + "broadcasts and encodes over the window are read from it and reported as encodes per broadcast "
                + "(the JSON's \"encodes\").")
        String encodesUrl;

        @Override
        public Integer call() throws Exception {
            try (Harness h = Harness.open(target)) {
                EncodeProbe probe = encodesUrl == null ? null : new EncodeProbe(encodesUrl);
                ArenaResult result = h.run(rooms, players, seconds, warmup, probe);
                result.print(System.out);
                JsonObject out = result.json();
                if (probe != null) {
                    System.out.println("server snapshot encodes over the window: " + probe.result().encode());
                    out.put("encodes", probe.result());
                }
                FloorRun.Result floor = h.floor(result.clients(), seconds, warmup);
                if (floor != null) {
                    System.out.println(floor.line());
                    double ratio = result.serverCpuMsPerClientPerSec() / floor.msPerClientPerSec();
                    System.out.printf(Locale.ROOT, "server CPU per client-second / floor's: %.2f%n", ratio);
                    out.put("floor", floor.json()).put("cpuRatioToFloor", Math.round(ratio * 100) / 100.0);
                }
                if (json != null) {
                    Files.writeString(json, out.encodePrettily() + "\n");
                }
                return 0;
            }
        }
    }

    @Command(name = "capacity", mixinStandardHelpOptions = true,
            description = "Steps the client count up in rooms of 16 (16, 64, 256, 512, 768, 1024, 1536, 2048, ...) and reports the "
                    + "largest count at which p99 inter-arrival < 1.5 x the snapshot period, every room keeps >= 95%% "
                    + "of its 60 ticks/s and no client disconnects.")
    static final class Capacity implements Callable<Integer> {
        @CommandLine.Mixin
        Target target = new Target();

        @Option(names = "--max-clients", description = "Largest step. Default: ${DEFAULT-VALUE}.")
        int maxClients = 8192;

        @Option(names = "--seconds", description = "Measured seconds per step. Default: ${DEFAULT-VALUE}.")
        int seconds = 10;

        @Option(names = "--warmup", description = "Warm-up seconds per step. Default: ${DEFAULT-VALUE}.")
        int warmup = 3;

        @Option(names = "--json", description = "Also write the steps and the capacity as JSON to this file.")
        Path json;

        @Override
        public Integer call() throws Exception {
            int[] ladder = {16, 64, 256, 512, 768, 1024, 1536, 2048, 2560, 3072, 4096, 5120, 6144, 8192, 10240};
            double periodMs = 1000.0 / target.snapshotHz;
            JsonArray steps = new JsonArray();
            int capacity = 0;
            System.out.printf(Locale.ROOT, "%8s %10s %10s %10s %8s %12s %10s %10s %15s %6s%n", "clients", "p99 ia ms",
                    "max ia ms", "ticks/s", "disc", "cpu ms/c/s", "server s/s", "bots s/s", "limit", "ok");
            try (Harness h = Harness.open(target)) {
                for (int clients : ladder) {
                    if (clients > maxClients) {
                        break;
                    }
                    ArenaResult r = h.run(clients / 16, 16, seconds, warmup);
                    double p99 = r.json().getJsonObject("interArrivalMs").getDouble("p99");
                    boolean ok = p99 < 1.5 * periodMs && r.ticksPerSecPerRoom() >= 57 && r.disconnects() == 0;
                    System.out.printf(Locale.ROOT, "%8d %10.2f %10.2f %10.2f %8d %12.3f %10.3f %10.3f %15s %6s%n", clients,
                            p99, r.json().getJsonObject("interArrivalMs").getDouble("max"), r.ticksPerSecPerRoom(),
                            r.disconnects(), r.serverCpuMsPerClientPerSec(), r.serverCpuPerSec(), r.loadCpuPerSec(),
                            r.limit(), ok ? "yes" : "no");
                    JsonObject step = r.json().put("ok", ok);
                    FloorRun.Result floor = ok ? h.floor(r.clients(), seconds, warmup) : null;
                    if (floor != null) {
                        double ratio = r.serverCpuMsPerClientPerSec() / floor.msPerClientPerSec();
                        System.out.printf(Locale.ROOT, "%8s %s; ratio %.2f%n", "", floor.line(), ratio);
                        step.put("floor", floor.json()).put("cpuRatioToFloor", Math.round(ratio * 100) / 100.0);
                    }
                    steps.add(step);
                    if (!ok) {
                        break;
                    }
                    capacity = clients;
                }
            }
            System.out.printf(Locale.ROOT, "capacity at %d Hz snapshots: %d clients%n", target.snapshotHz, capacity);
            if (json != null) {
                Files.writeString(json, new JsonObject().put("snapshotHz", target.snapshotHz)
                        .put("capacity", capacity).put("steps", steps).encodePrettily() + "\n");
            }
            return 0;
        }
    }

    /** The server under test (external or embedded), the bots' Vert.x and the lean bots' event loops. */
    static final class Harness implements AutoCloseable {
        private final Target target;
        private final Vertx bots;
        private final LeanFleet fleet;
        private final Vertx serverVertx;
        private final String host;
        private final int port;

        private Harness(Target target, Vertx bots, Vertx serverVertx, String host, int port) {
            this.target = target;
            this.bots = bots;
            this.fleet = new LeanFleet(target.botLoops, target.sourceAddresses);
            this.serverVertx = serverVertx;
            this.host = host;
            this.port = port;
        }

        static Harness open(Target target) throws Exception {
            return open(target, null);
        }

        /**
         * As {@link #open(Target)}; an embedded server also serves "arena-wide", and its admin API with
         * {@code adminToken} if not null.
         */
        static Harness open(Target target, String adminToken) throws Exception {
            Vertx bots = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(target.botLoops).setPreferNativeTransport(true));
            if (!target.embedded) {
                if (target.url == null) {
                    throw new CommandLine.ParameterException(new CommandLine(new BenchMain()), "--url or --embedded");
                }
                URI uri = URI.create(target.url);
                return new Harness(target, bots, null, uri.getHost(), uri.getPort());
            }
            Vertx serverVertx = target.serverMetrics ? TickcastMetrics.vertx(new VertxOptions()) : Vertx.vertx();
            GameRegistry games = new GameRegistry().register(ArenaGame.SPEC.snapshotEveryTicks(60 / target.snapshotHz))
                    .register(ArenaWideGame.SPEC.snapshotEveryTicks(60 / target.snapshotHz));
            TickcastOptions options = TickcastOptions.defaults()
                    .withAddress("127.0.0.1", 0).withLoadTestLimits().withMetrics(target.serverMetrics, 0);
            TickcastServer server = TickcastServer.start(serverVertx,
                    adminToken == null ? options : options.withAdminToken(adminToken), games)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new Harness(target, bots, serverVertx, "127.0.0.1", server.port());
        }

        ArenaResult run(int rooms, int players, int seconds, int warmup) throws Exception {
            return run(rooms, players, seconds, warmup, null);
        }

        /** As {@link #run(int, int, int, int)}, reading the server's encodes over the window into {@code probe} if not null. */
        ArenaResult run(int rooms, int players, int seconds, int warmup, EncodeProbe probe) throws Exception {
            return new ArenaLoad(bots, target.fullClients ? null : fleet, options(rooms, players, seconds, warmup))
                    .encodes(probe).run();
        }

        /** The floor measured with {@code clients} bots, or null without --floor-url. */
        FloorRun.Result floor(int clients, int seconds, int warmup) throws Exception {
            if (target.floorUrl == null) {
                return null;
            }
            URI uri = URI.create(target.floorUrl);
            return FloorRun.run(fleet, uri.getHost(), uri.getPort(), target.floorPid, clients, warmup, seconds,
                    1000 / target.snapshotHz, target.seed);
        }

        /** The lean bots' event loops. */
        LeanFleet fleet() {
            return fleet;
        }

        /** The options of a load of rooms x players against this server. */
        LoadOptions options(int rooms, int players, int seconds, int warmup) {
            return new LoadOptions(host, port, rooms, players, seconds, warmup, target.snapshotHz, target.seed,
                    target.embedded ? 0 : target.serverPid, target.decodeEvery, target.transport);
        }

        /** The bots' Vert.x. */
        Vertx bots() {
            return bots;
        }

        /** The server's process: this one when embedded, else --server-pid (0 if not given). */
        long serverPid() {
            return target.embedded ? ProcessHandle.current().pid() : target.serverPid;
        }

        @Override
        public void close() throws Exception {
            fleet.close();
            bots.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            if (serverVertx != null) {
                serverVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }
}
