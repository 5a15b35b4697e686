package dev.tickcast.server;

import dev.tickcast.games.arena.ArenaGame;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar tickcast-server.jar}: starts the server with the arena game. */
@Command(name = "tickcast-server", mixinStandardHelpOptions = true, version = "Tickcast 0.1.0",
        description = "Authoritative game-state sync server. Serves the demo at http://HOST:PORT/, "
                + "matchmaking at POST /matchmake/{game}, GET /health, GET /rooms and the game WebSocket at /ws "
                + "(subprotocol tickcast.v1).")
public final class ServerMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);

    @Option(names = "--port", description = "TCP port to listen on (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port = TickcastOptions.DEFAULT_PORT;

    @Option(names = "--host", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String host = "0.0.0.0";

    @Option(names = "--event-loops", description = "Event loops that accept sockets and host rooms. "
            + "Default: two per core.")
    int eventLoops = 2 * Runtime.getRuntime().availableProcessors();

    @Option(names = "--seat-timeout-ms", description = "How long a reserved seat waits for its JOIN. Default: ${DEFAULT-VALUE}.")
    long seatTimeoutMs = 10_000;

    @Option(names = "--seed", description = "Seed of the first room; room n uses seed + n. Default: ${DEFAULT-VALUE}.")
    long seed = 1;

    @Option(names = "--allow-origin", description = "A browser origin allowed to open the WebSocket, e.g. "
            + "https://game.example.com (repeatable). Without any, the server's own origin and localhost origins are allowed.")
    java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

    @Option(names = "--tls-cert", description = "PEM certificate chain: serve https and wss (with --tls-key).")
    String tlsCert;

    @Option(names = "--tls-key", description = "PEM private key of --tls-cert.")
    String tlsKey;

    @Option(names = "--max-connections", description = "WebSocket connections the process accepts at once. Default: ${DEFAULT-VALUE}.")
    int maxConnections = 10_000;

    @Option(names = "--handshakes-per-second", description = "WebSocket handshakes per second per remote address "
            + "(burst: 4 times as many). Default: ${DEFAULT-VALUE}.")
    double handshakesPerSecond = 50;

    @Option(names = "--snapshot-hz", description = "Snapshots per second of the arena (60 / n for a whole n: 60, 30, 20, ...). "
            + "Default: ${DEFAULT-VALUE}.")
    int snapshotHz = 20;

    /** Entry point. */
    public static void main(String[] args) {
        int code = new CommandLine(new ServerMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        TickcastOptions config = TickcastOptions.defaults().withAddress(host, port).withEventLoops(eventLoops)
                .withSeatTimeoutMs(seatTimeoutMs).withSeed(seed).withMaxConnections(maxConnections)
                .withHandshakeRate(handshakesPerSecond, (int) Math.max(1, Math.min(Integer.MAX_VALUE, 4 * handshakesPerSecond)));
        allowedOrigins.forEach(config::allowOrigin);
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--tls-cert and --tls-key go together");
        }
        if (tlsCert != null) {
            config.withTlsPem(tlsCert, tlsKey);
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(Math.max(1, eventLoops)));
        if (snapshotHz < 1 || 60 % snapshotHz != 0) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--snapshot-hz must divide 60");
        }
        GameRegistry games = new GameRegistry().register(ArenaGame.SPEC.snapshotEveryTicks(60 / snapshotHz));
        CountDownLatch stopped = new CountDownLatch(1);
        TickcastServer.start(vertx, config, games).onComplete(started -> {
            if (started.failed()) {
                LOG.error("could not start on {}:{}", host, port, started.cause());
                vertx.close();
                stopped.countDown();
                return;
            }
            TickcastServer server = started.result();
            LOG.info("Tickcast listening on {}://{}:{}/ (games: arena; {} event loops)", config.tls() ? "https" : "http",
                    "0.0.0.0".equals(host) ? "localhost" : host, server.port(), eventLoops);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.shutdown();
                vertx.close().await();
            }, "tickcast-shutdown"));
        });
        stopped.await();
        return 1;
    }
}
