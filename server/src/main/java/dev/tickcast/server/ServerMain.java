package dev.tickcast.server;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * {@code java -jar tickcast-server.jar}: deploys a {@link TickcastVerticle} built from the command
 * line, hosting the games of every plug-in on the class path (and in {@code --plugins}).
 */
@Command(name = "tickcast-server", mixinStandardHelpOptions = true, version = "Tickcast 0.1.0",
        description = "Authoritative game-state sync server. Hosts every game found on the class path "
                + "(java -cp tickcast-server.jar:my-game.jar dev.tickcast.server.ServerMain) or in --plugins, serves "
                + "the demo at http://HOST:PORT/, GET /games, GET /rooms, GET /health, matchmaking at "
                + "POST /matchmake/{game} and the game WebSocket at /ws (subprotocol tickcast.v1).")
public final class ServerMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);
    private static final long SHUTDOWN_SECONDS = 5;
    private static final long CLUSTER_JOIN_SECONDS = 60;

    @Option(names = "--port", description = "TCP port to listen on (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port = TickcastOptions.DEFAULT_PORT;

    @Option(names = "--host", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String host = "0.0.0.0";

    @Option(names = "--game", paramLabel = "NAME", description = "A game to host (repeatable). Default: every game found.")
    List<String> games = new ArrayList<>();

    @Option(names = "--plugins", paramLabel = "DIR", description = "A folder of plug-in jars (games and their verticles) "
            + "to load besides the class path.")
    Path pluginDir;

    @Option(names = "--tick-hz", paramLabel = "[GAME=]HZ", description = "Simulation rate of a game (GAME=HZ), or of "
            + "every hosted game (HZ); the snapshot rate is kept when it divides the new rate (repeatable).")
    List<String> tickHz = new ArrayList<>();

    @Option(names = "--snapshot-hz", paramLabel = "[GAME=]HZ", description = "Snapshots per second of a game (GAME=HZ) "
            + "or of every hosted game (HZ); must divide the game's tick rate (repeatable).")
    List<String> snapshotHz = new ArrayList<>();

    @Option(names = "--max-players", paramLabel = "[GAME=]N", description = "Room size of a game (GAME=N) or of every "
            + "hosted game (N) (repeatable).")
    List<String> maxPlayers = new ArrayList<>();

    @Option(names = "--transport", description = "Socket transport: epoll (Netty's native epoll: fewer system calls per "
            + "message than Java NIO), io_uring, or nio. A native transport that is not available on this machine falls "
            + "back to NIO with a log line. Default: ${DEFAULT-VALUE}.")
    String transport = "epoll";

    @Option(names = "--event-loops", description = "Event loops that accept sockets and host rooms. Default: two per core.")
    int eventLoops = 2 * Runtime.getRuntime().availableProcessors();

    @Option(names = "--seat-timeout-ms", description = "How long a reserved seat waits for its JOIN. Default: ${DEFAULT-VALUE}.")
    long seatTimeoutMs = 10_000;

    @Option(names = "--seed", description = "Seed of the first room; room n uses seed + n. Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Option(names = "--allow-origin", description = "A browser origin allowed to open the WebSocket and to matchmake, "
            + "e.g. https://game.example.com (repeatable). The server's own origin and that of --public-url are always "
            + "allowed; without any --allow-origin, localhost origins too.")
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--tls-cert", description = "PEM certificate chain: serve https and wss (with --tls-key).")
    String tlsCert;

    @Option(names = "--tls-key", description = "PEM private key of --tls-cert.")
    String tlsKey;

    @Option(names = "--max-connections", description = "WebSocket connections the process accepts at once. Default: ${DEFAULT-VALUE}.")
    int maxConnections = 10_000;

    @Option(names = "--handshakes-per-second", description = "WebSocket handshakes per second per remote address "
            + "(burst: 4 times as many). Default: ${DEFAULT-VALUE}.")
    double handshakesPerSecond = 50;

    @Option(names = "--max-connections-per-address", description = "WebSocket connections one remote address holds "
            + "at once (HTTP 429 past it). Default: ${DEFAULT-VALUE}.")
    int maxConnectionsPerAddress = 64;

    @Option(names = "--max-pending-connections", description = "TCP connections that are not WebSockets (HTTP requests "
            + "in progress or idle keep-alives); more are closed at once. Default: ${DEFAULT-VALUE}.")
    int maxPendingConnections = 2_000;

    @Option(names = "--max-pending-connections-per-address", description = "TCP connections from one remote address "
            + "that are not WebSockets; more are closed at once. Default: ${DEFAULT-VALUE}.")
    int maxPendingConnectionsPerAddress = 64;

    @Option(names = "--http-request-timeout-ms", description = "How long an HTTP request's body may take to arrive, "
            + "from the request's start; then the connection is closed (408 if nothing was answered). "
            + "Default: ${DEFAULT-VALUE}.")
    long httpRequestTimeoutMs = 10_000;

    @Option(names = "--join-deadline-ms", description = "How long a WebSocket may stay without a valid JOIN (then 4011). "
            + "Default: ${DEFAULT-VALUE}.")
    long joinDeadlineMs = 5_000;

    @Option(names = "--http-idle-timeout-ms", description = "How long an HTTP connection may be silent (a half-sent "
            + "request, an idle keep-alive) before it is closed. Default: ${DEFAULT-VALUE}.")
    long httpIdleTimeoutMs = 10_000;

    @Option(names = "--matchmakes-per-second", description = "Matchmaking requests per second per remote address "
            + "(burst: 4 times as many; HTTP 429 past it). Default: ${DEFAULT-VALUE}.")
    double matchmakesPerSecond = 5;

    @Option(names = "--max-unclaimed-seats-per-address", description = "Reserved, unclaimed seats per remote address "
            + "(HTTP 429 past it). Default: ${DEFAULT-VALUE}.")
    int maxUnclaimedSeatsPerAddress = 16;

    @Option(names = "--max-unclaimed-seats", description = "Reserved, unclaimed seats in total (HTTP 503 past it). "
            + "Default: ${DEFAULT-VALUE}.")
    int maxUnclaimedSeats = 5_000;

    @Option(names = "--max-rooms", description = "Rooms the process hosts; past it, matchmaking that needs a new room "
            + "answers 503 and existing rooms go on. Default: ${DEFAULT-VALUE}.")
    int maxRooms = 2_000;

    @Option(names = "--metrics", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "GET /metrics in the Prometheus text format, with Vert.x's HTTP, WebSocket and event-bus "
                    + "metrics (--no-metrics: off). Default: on.")
    boolean metrics = true;

    @Option(names = "--metrics-port", description = "Serve /metrics on this port of --host instead of the main port "
            + "(0: the main port). Default: ${DEFAULT-VALUE}.")
    int metricsPort;

    @Option(names = "--admin-token", defaultValue = "${env:TICKCAST_ADMIN_TOKEN}", description = "Turns the admin "
            + "page /admin and POST /admin/announce on for requests carrying this token (Authorization: Bearer, or Basic with the token as "
            + "password); 16 characters or more. Prefer the environment variable TICKCAST_ADMIN_TOKEN: a flag shows in ps. "
            + "Default: off.")
    String adminToken;

    @Option(names = "--cluster", description = "Join a Tickcast cluster (Vert.x clustered event bus on Hazelcast, "
            + "TCP/IP member list only): rooms, matchmaking and announcements span every node.")
    boolean cluster;

    @Option(names = "--cluster-host", description = "Interface the cluster traffic binds to (Hazelcast and the event bus). "
            + "Default: ${DEFAULT-VALUE}.")
    String clusterHost = "127.0.0.1";

    @Option(names = "--cluster-port", description = "Hazelcast member port of this node. Default: ${DEFAULT-VALUE}.")
    int clusterPort = 5701;

    @Option(names = "--cluster-members", split = ",", paramLabel = "HOST:PORT", description = "Hazelcast members to "
            + "join (comma-separated host:port; this node may be among them).")
    List<String> clusterMembers = new ArrayList<>();

    @Option(names = "--cluster-name", description = "Only nodes with the same name form a cluster. Default: ${DEFAULT-VALUE}.")
    String clusterName = "tickcast";

    @Option(names = "--cluster-secret", description = "The key that signs seat and reconnection tokens, the same on every "
            + "node (required with --cluster; or set TICKCAST_CLUSTER_SECRET).")
    String clusterSecret = System.getenv("TICKCAST_CLUSTER_SECRET");

    @Option(names = "--public-url", description = "This node's base URL as clients reach it, e.g. https://eu1.example.com "
            + "or http://proxy:8000/node/a: matchmaking answers its /ws. Default with --cluster: http://CLUSTER-HOST:PORT.")
    String publicUrl;

    @Option(names = "--trusted-proxies", split = ",", paramLabel = "IP", description = "Proxy addresses whose "
            + "X-Forwarded-For is believed for the per-address limits (comma-separated IPs).")
    List<String> trustedProxies = new ArrayList<>();

    @Option(names = "--ipv6-prefix", description = "Per-address limits count an IPv6 client by this many leading bits "
            + "of its address (1..128); IPv4 counts per address. Default: ${DEFAULT-VALUE}.")
    int ipv6Prefix = 64;

    @Option(names = "--rooms-list-limit", description = "GET /rooms lists at most this many rooms (its X-Rooms-Total "
            + "header gives the full count). Default: ${DEFAULT-VALUE}.")
    int roomsListLimit = 200;

    @Option(names = "--rooms-cache-ms", description = "GET /rooms and GET /games serve one answer to every request for "
            + "this long (0..1000 ms). Default: ${DEFAULT-VALUE}.")
    long roomsCacheMs = 250;

    /** Entry point; exits 2 on a usage or configuration error (an unknown game, a bad rate). */
    public static void main(String[] args) {
        int code = new CommandLine(new ServerMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        CommandLine cli = new CommandLine(this);
        TickcastOptions options;
        ClassLoader plugins;
        io.vertx.core.transport.Transport socketTransport;
        try {
            plugins = pluginDir == null ? ServerMain.class.getClassLoader()
                    : Plugins.fromDirectory(pluginDir, ServerMain.class.getClassLoader());
            options = withAllSettingsResolved(options(), plugins);
            socketTransport = Transports.choose(transport);
            // the same check the verticle makes, so that a bad --game or rate fails before Vert.x starts
            Plugins.host(new GameRegistry(), Plugins.games(plugins), options);
        } catch (IllegalArgumentException e) {
            cli.getErr().println("tickcast-server: " + e.getMessage() + " (see --help)");
            return 2;
        }
        VertxOptions vertxOptions = new VertxOptions().setEventLoopPoolSize(Math.max(1, eventLoops));
        Vertx vertx;
        try {
            vertx = cluster ? clusteredVertx(vertxOptions, socketTransport)
                    : (metrics ? TickcastMetrics.builder(vertxOptions) : Vertx.builder().with(vertxOptions))
                    .withTransport(socketTransport).build();
        } catch (ExecutionException | TimeoutException e) {
            LOG.error("could not join the cluster {} at {}:{}: {}", clusterName, clusterHost, clusterPort, e.toString());
            return 1;
        }
        TickcastVerticle verticle = new TickcastVerticle(options, plugins);
        CountDownLatch stopped = new CountDownLatch(1);
        // the deployment's class loader becomes the context class loader of every verticle it deploys,
        // so that the plug-ins' classpath resources (their StaticHandler pages) resolve on the server's loops
        vertx.deployVerticle(verticle, new DeploymentOptions().setClassLoader(plugins)).onComplete(started -> {
            if (started.failed()) {
                LOG.error("could not start on {}:{}: {}", host, port, started.cause().getMessage());
                vertx.close();
                stopped.countDown();
                return;
            }
            LOG.info("Tickcast listening on {}://{}:{}/ (games: {}; {} event loops, {} transport)",
                    options.tls() ? "https" : "http", "0.0.0.0".equals(host) ? "localhost" : host,
                    verticle.server().port(),
                    String.join(", ", verticle.server().tickcast().games().all().stream().map(g -> g.name()).toList()),
                    eventLoops, vertx.isNativeTransportEnabled() ? transport : "NIO");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(vertx, verticle), "tickcast-shutdown"));
        });
        stopped.await();
        return 1;
    }

    /** Kept apart so that a single process never loads the Hazelcast classes. */
    private Vertx clusteredVertx(VertxOptions vertxOptions, io.vertx.core.transport.Transport socketTransport)
            throws InterruptedException, ExecutionException, TimeoutException {
        return ServerEngine.load()
                .clusteredVertx(clusterName, clusterHost, clusterPort, clusterMembers, vertxOptions, socketTransport, metrics)
                .toCompletionStage().toCompletableFuture().get(CLUSTER_JOIN_SECONDS, TimeUnit.SECONDS);
    }

    /** SIGTERM / SIGINT: every client gets 1001, rooms are disposed, Vert.x closes; bounded in time. */
    private static void shutdown(Vertx vertx, TickcastVerticle verticle) {
        LOG.info("shutting down: closing every connection with 1001");
        try {
            verticle.server().shutdown().toCompletionStage().toCompletableFuture().get(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("shutdown did not finish cleanly within {} s: {}", 2 * SHUTDOWN_SECONDS, e.toString());
        }
    }

    private TickcastOptions options() {
        TickcastOptions config = TickcastOptions.defaults().withAddress(host, port).withEventLoops(eventLoops)
                .withSeatTimeoutMs(seatTimeoutMs).withSeed(seed).withMaxConnections(maxConnections)
                .withHandshakeRate(handshakesPerSecond, (int) Math.max(1, Math.min(Integer.MAX_VALUE, 4 * handshakesPerSecond)))
                .withGames(games).withMaxConnectionsPerAddress(maxConnectionsPerAddress)
                .withMaxPendingConnections(maxPendingConnections).withJoinDeadlineMs(joinDeadlineMs)
                .withHttpIdleTimeoutMs(httpIdleTimeoutMs)
                .withMaxPendingConnectionsPerAddress(maxPendingConnectionsPerAddress)
                .withHttpRequestTimeoutMs(httpRequestTimeoutMs)
                .withMatchmakeRate(matchmakesPerSecond, (int) Math.max(1, Math.min(Integer.MAX_VALUE, 4 * matchmakesPerSecond)))
                .withMaxUnclaimedSeats(maxUnclaimedSeatsPerAddress, maxUnclaimedSeats).withMaxRooms(maxRooms)
                .withMetrics(metrics, metricsPort).withAdminToken(adminToken);
        allowedOrigins.forEach(config::allowOrigin);
        trustedProxies.forEach(p -> config.trustProxy(p.strip()));
        config.withIpv6Prefix(ipv6Prefix).withRoomsListing(roomsListLimit, roomsCacheMs);
        config.withSharedSecret(clusterSecret);
        if (cluster && (clusterSecret == null || clusterSecret.length() < 16)) {
            throw new IllegalArgumentException("--cluster needs --cluster-secret (or TICKCAST_CLUSTER_SECRET) "
                    + "of 16 characters or more, the same on every node");
        }
        if (cluster && publicUrl == null && port == 0) {
            throw new IllegalArgumentException("--cluster with --port 0 needs --public-url");
        }
        String url = publicUrl != null || !cluster ? publicUrl : "http://" + clusterHost + ":" + port;
        if (url != null && !url.matches("https?://[^\\s/]+(/\\S*)?")) {
            throw new IllegalArgumentException("--public-url " + url + ": not an http(s) URL");
        }
        config.withPublicUrl(url);
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (tlsCert != null) {
            config.withTlsPem(tlsCert, tlsKey);
        }
        return config;
    }

    /** The options with the per-game flags applied; a flag without GAME= applies to every hosted game. */
    private TickcastOptions withAllSettingsResolved(TickcastOptions config, ClassLoader plugins) {
        List<String> hosted = games.isEmpty() ? new ArrayList<>(Plugins.games(plugins).keySet()) : games;
        apply(config, hosted, "--tick-hz", tickHz, (v, s) -> s.with(new GameSettings(Integer.parseInt(v), null, null)));
        apply(config, hosted, "--snapshot-hz", snapshotHz, (v, s) -> s.with(new GameSettings(null, Double.parseDouble(v), null)));
        apply(config, hosted, "--max-players", maxPlayers, (v, s) -> s.with(new GameSettings(null, null, Integer.parseInt(v))));
        return config;
    }

    private static void apply(TickcastOptions config, List<String> hosted, String flag, List<String> values,
                              BiFunction<String, GameSettings, GameSettings> parse) {
        for (String value : values) {
            int eq = value.indexOf('=');
            List<String> targets = eq < 0 ? hosted : List.of(value.substring(0, eq));
            String number = eq < 0 ? value : value.substring(eq + 1);
            for (String game : targets) {
                try {
                    config.withGameSettings(game, parse.apply(number, GameSettings.NONE));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(flag + " " + value + ": not a number");
                }
            }
        }
    }
}
