package dev.tickcast.bench.load;

import dev.tickcast.client.Seat;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Plays ARENA-SCENARIO.md with rooms x players bots against a server: creates each room with
 * {@code POST /matchmake/create/arena}, fills it with {@code joinById}, plays a warm-up, then
 * measures a window and reports the figures of the scenario. Runs on a caller thread that may block
 * (the CLI's main thread), never on an event loop.
 */
public final class ArenaLoad {
    private static final Logger LOG = LoggerFactory.getLogger(ArenaLoad.class);
    private static final int JOIN_BATCH = 64;
    private static final long STEP_TIMEOUT_S = 60;
    private static final long MATCHMAKE_RETRY_MS = 5_000;
    private static final int MATCHMAKE_ATTEMPTS = 3;

    private final Vertx vertx;
    private final LeanFleet fleet;
    private final LoadOptions options;
    private final HttpClient http;
    private final Metrics metrics;
    private final List<Bot> bots = new ArrayList<>();
    private final Set<String> roomIds = new HashSet<>();
    private int leanBots;
    private int decodingLeanBots;
    /** The game of the rooms ("arena", or "arena-wide" for {@link WideLoad}). */
    private String game = "arena";
    /** For Arena-Wide: bot n's Visibility if it checks (it then decodes on the lean client), else null. */
    private java.util.function.IntFunction<Visibility> checking;
    /** For an Arena-Wide shoot run: bot n's Shooter (fed by its Visibility), or null. */
    private java.util.function.IntFunction<Shooter> shooting = n -> null;
    /** Where the lean bots connect instead of the server (a DelayRelay), or null. */
    private String viaHost;
    private int viaPort;
    private EncodeProbe encodes;

    /** A run of {@code options} with every bot on the full Java client on {@code vertx}. */
    public ArenaLoad(Vertx vertx, LoadOptions options) {
        this(vertx, null, options, new Metrics());
    }

    /**
     * A run of {@code options} whose decoding bots (one in {@code decodeEvery}) run on {@code vertx}
     * and whose counting bots run on {@code fleet}, the cheap client.
     */
    public ArenaLoad(Vertx vertx, LeanFleet fleet, LoadOptions options) {
        this(vertx, fleet, options, new Metrics());
    }

    /** A run whose bots record into {@code metrics} (shared by several loads, e.g. the steps of a memory run). */
    ArenaLoad(Vertx vertx, LeanFleet fleet, LoadOptions options, Metrics metrics) {
        if (fleet == null && options.transport().http()) {
            throw new IllegalArgumentException("the HTTP bots run on the lean fleet only (no --full-clients)");
        }
        this.vertx = vertx;
        this.fleet = fleet;
        this.options = options;
        this.metrics = metrics;
        this.http = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setKeepAlive(false)); // see TickcastClient
    }

    /**
     * Plays {@code game} instead of the arena, every bot on the lean client; bot {@code n} decodes
     * into {@code checking.apply(n)} when that is not null. Before {@link #join()}.
     */
    void playing(String gameName, java.util.function.IntFunction<Visibility> checkingBots) {
        if (fleet == null || options.transport().http()) {
            throw new IllegalArgumentException(gameName + " runs on the lean WebSocket bots only");
        }
        this.game = gameName;
        this.checking = checkingBots;
    }

    /**
     * Bot {@code n} shoots with {@code shooters.apply(n)} when that is not null (its {@code checking}
     * Visibility must then feed it), and every lean bot connects to {@code host:port} (a
     * {@link DelayRelay}) instead of the server; matchmaking still asks the server. Before {@link #join()}.
     */
    void shootingVia(java.util.function.IntFunction<Shooter> shooters, String host, int port) {
        this.shooting = shooters;
        this.viaHost = host;
        this.viaPort = port;
    }

    /** Reads the server's snapshot encodes over the measured window into {@code probe} (null: not read). */
    public ArenaLoad encodes(EncodeProbe probe) {
        this.encodes = probe;
        return this;
    }

    /** Joins every bot, plays the warm-up and the window, leaves, and returns the result. */
    public ArenaResult run() throws Exception {
        join();
        ArenaResult result = measure();
        leave();
        return result;
    }

    /** Plays the warm-up and the measured window (after {@link #join()}); returns the result. */
    ArenaResult measure() throws Exception {
        Thread.sleep(options.warmup() * 1000L);
        long serverPid = options.serverPid() == 0 ? ProcStats.self() : options.serverPid();
        long ticks0 = roomTicks();
        double serverCpu0 = ProcStats.cpuSeconds(serverPid);
        double selfCpu0 = ProcStats.cpuSeconds(ProcStats.self());
        long switches0 = ProcStats.contextSwitches(serverPid);
        double machine0 = ProcStats.machineBusySeconds();
        long t0 = System.nanoTime();
        metrics.reset();
        if (encodes != null) {
            encodes.start();
        }
        Thread.sleep(options.seconds() * 1000L);
        metrics.measuring = false;
        double wall = (System.nanoTime() - t0) / 1e9;
        if (encodes != null) {
            encodes.end(wall);
        }
        long ticks1 = roomTicks();
        double serverCpu = (ProcStats.cpuSeconds(serverPid) - serverCpu0) / wall;
        double selfCpu = (ProcStats.cpuSeconds(ProcStats.self()) - selfCpu0) / wall;
        double switches = (ProcStats.contextSwitches(serverPid) - switches0) / wall;
        double machineCpu = (ProcStats.machineBusySeconds() - machine0) / wall;
        ArenaResult result = result(wall, (ticks1 - ticks0) / wall / roomIds.size(), serverCpu, selfCpu,
                ProcStats.peakRssMiB(serverPid), serverPid == ProcStats.self(), switches, machineCpu);
        return result;
    }

    /** Creates the rooms and joins every bot (they play until {@link #leave()}); blocks the caller. */
    public void join() throws Exception {
        List<Future<Void>> batch = new ArrayList<>();
        int n = 0;
        for (int r = 0; r < options.rooms(); r++) {
            String roomId = null;
            for (int p = 0; p < options.players(); p++) {
                String name = "bot " + r + "-" + p;
                Seat seat = await(roomId == null ? seat("/matchmake/create/" + game, name)
                        : seat("/matchmake/joinById/" + roomId, name));
                roomId = seat.roomId();
                roomIds.add(roomId);
                // counted over all bots, not per room, so that large runs can sample fewer rooms
                boolean decode = n % options.decodeEvery() == 0;
                long seed = options.seed() * 1_000_003L + n++;
                if (checking != null) {
                    Visibility check = checking.apply(n - 1);
                    batch.add(fleet.connect(viaHost == null ? options.host() : viaHost,
                            viaHost == null ? options.port() : viaPort, "/ws", seat.token(), metrics, seed,
                            options.snapshotHz(), check, shooting.apply(n - 1)));
                    leanBots++;
                    decodingLeanBots += check != null ? 1 : 0;
                } else if (options.transport().http()) {
                    java.net.URI ws = seat.url() == null ? null : java.net.URI.create(seat.url());
                    batch.add(fleet.connectHttp(options.transport(), ws == null ? options.host() : ws.getHost(),
                            ws == null ? options.port() : ws.getPort() > 0 ? ws.getPort() : 80,
                            seat.token(), metrics, seed, options.snapshotHz(), decode));
                    leanBots++;
                    decodingLeanBots += decode ? 1 : 0;
                } else if (fleet != null && !decode) {
                    // the seat's url names the room's node (a cluster, behind a proxy); else the server asked
                    java.net.URI ws = seat.url() == null ? null : java.net.URI.create(seat.url());
                    batch.add(fleet.connect(ws == null ? options.host() : ws.getHost(),
                            ws == null ? options.port() : ws.getPort() > 0 ? ws.getPort() : 80,
                            ws == null ? "/ws" : ws.getRawPath(),
                            seat.token(), metrics, seed, options.snapshotHz()));
                    leanBots++;
                } else {
                    Bot bot = new Bot(vertx, options.host(), options.port(), metrics, decode, options.snapshotHz(), seed);
                    bots.add(bot);
                    batch.add(bot.start(seat));
                }
                if (batch.size() == JOIN_BATCH) {
                    await(Future.all(batch));
                    batch.clear();
                }
            }
        }
        await(Future.all(batch));
        LOG.info("{} bots joined {} rooms ({} on the lean client)", clients(), roomIds.size(), leanBots);
    }

    /** Every bot leaves normally; blocks the caller. */
    public void leave() throws Exception {
        List<Future<Void>> closing = new ArrayList<>();
        for (Bot bot : bots) {
            closing.add(bot.stop());
        }
        if (fleet != null) {
            fleet.leaveAll(STEP_TIMEOUT_S * 1000);
        }
        Future.join(closing).toCompletionStage().toCompletableFuture().get(STEP_TIMEOUT_S, TimeUnit.SECONDS);
    }

    /**
     * A seat, asking again when a request stays unanswered for {@link #MATCHMAKE_RETRY_MS}. About one
     * answer in a few thousand was lost under load while the body was read one callback too late
     * (see {@code TickcastClient.matchmake}); the retry stays so that a lost answer costs a bot
     * seconds, not the run. The server releases the seat of a lost answer after its seat timeout.
     */
    private Future<Seat> seat(String path, String name) {
        return seat(path, name, MATCHMAKE_ATTEMPTS);
    }

    private Future<Seat> seat(String path, String name, int attempts) {
        io.vertx.core.Promise<Seat> seat = io.vertx.core.Promise.promise();
        long timer = vertx.setTimer(MATCHMAKE_RETRY_MS, id -> {
            if (attempts > 1) {
                LOG.warn("{}: no answer in {} ms; asking again", path, MATCHMAKE_RETRY_MS);
                seat(path, name, attempts - 1).onComplete(r -> complete(seat, r));
            } else {
                seat.tryFail(path + ": no answer after " + MATCHMAKE_ATTEMPTS + " attempts");
            }
        });
        request(path, name).onComplete(r -> {
            vertx.cancelTimer(timer);
            complete(seat, r);
        });
        return seat.future();
    }

    private static void complete(io.vertx.core.Promise<Seat> seat, io.vertx.core.AsyncResult<Seat> r) {
        if (r.succeeded()) {
            seat.tryComplete(r.result());
        } else {
            seat.tryFail(r.cause());
        }
    }

    private Future<Seat> request(String path, String name) {
        return http.request(HttpMethod.POST, options.port(), options.host(), path)
                .compose(req -> req.putHeader("content-type", "application/json")
                        .send(new JsonObject().put("name", name).encode())
                        .compose(resp -> resp.body().map(body -> { // nested: see TickcastClient.matchmake
                            if (resp.statusCode() != 200) {
                                throw new IllegalStateException(path + ": HTTP " + resp.statusCode() + " " + body);
                            }
                            JsonObject json = new JsonObject(body);
                            return Seat.fromJson(json); // carries url: the bot connects to the room's node
                        })));
    }

    private long roomTicks() throws Exception {
        return roomTotals().ticks();
    }

    /** Ticks and dropped ticks of this load's rooms, summed, from {@code GET /rooms}; blocks the caller. */
    public RoomTotals roomTotals() throws Exception {
        JsonArray rooms = await(http.request(HttpMethod.GET, options.port(), options.host(), "/rooms")
                .compose(req -> req.send().compose(resp -> resp.body())).map(b -> new JsonArray(b.toString())));
        long ticks = 0;
        long dropped = 0;
        int seen = 0;
        for (Object o : rooms) {
            JsonObject room = (JsonObject) o;
            if (roomIds.contains(room.getString("id"))) {
                ticks += room.getLong("tick");
                dropped += room.getLong("droppedTicks", 0L);
                seen++;
            }
        }
        return new RoomTotals(seen, ticks, dropped, rooms.size());
    }

    /**
     * Sums over a load's rooms.
     *
     * @param rooms        the load's rooms the server still lists
     * @param ticks        their tick counters, summed
     * @param droppedTicks the ticks they dropped (more than StepClock.MAX_CATCH_UP steps late), summed
     * @param listed       every room the server lists, the load's and others
     */
    public record RoomTotals(int rooms, long ticks, long droppedTicks, int listed) {
        /** Rooms the server lists that are not this load's (a churn's, say). */
        public int others() {
            return listed - rooms;
        }
    }

    /** The rooms this load created or joined. */
    Set<String> roomIds() {
        return roomIds;
    }

    /** What the bots record. */
    Metrics metrics() {
        return metrics;
    }

    /** Bots joined so far. */
    public int clients() {
        return bots.size() + leanBots;
    }

    private ArenaResult result(double wall, double ticksPerRoom, double serverCpu, double selfCpu, double rssMiB,
                               boolean embedded, double switches, double machineCpu) {
        int clients = clients();
        return new ArenaResult(options, clients, wall, metrics.disconnects.sum(),
                metrics.downBytes.sum() / wall / clients, metrics.upBytes.sum() / wall / clients,
                Metrics.take(metrics.fullSnapshotBytes), Metrics.take(metrics.snapshotBytes),
                metrics.snapshots.sum() / wall / clients, Metrics.take(metrics.interArrivalUs),
                Metrics.take(metrics.inputToVisibleUs), ticksPerRoom, serverCpu, selfCpu, rssMiB, embedded,
                bots.stream().filter(Bot::decodes).count() + decodingLeanBots, switches,
                new ArenaResult.Wire(metrics.wireDownBytes.sum() / wall / Math.max(1, metrics.wireBots.get()),
                        metrics.wireUpBytes.sum() / wall / Math.max(1, metrics.wireBots.get()), metrics.wireBots.get()),
                machineCpu);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(STEP_TIMEOUT_S, TimeUnit.SECONDS);
    }

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
