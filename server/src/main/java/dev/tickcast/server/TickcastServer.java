package dev.tickcast.server;

import dev.tickcast.server.match.Matchmaker;
import dev.tickcast.server.room.Room;
import dev.tickcast.server.room.RoomSettings;
import dev.tickcast.server.transport.HandshakeGuard;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running Tickcast server inside a {@link Vertx}: HTTP, matchmaking, the game WebSocket and the
 * rooms. {@code ServerMain} starts one from the command line; tests and the bench embed one.
 *
 * <pre>{@code
 * GameRegistry games = new GameRegistry().register(ArenaGame.SPEC);
 * TickcastServer.start(vertx, TickcastOptions.defaults(), games).onSuccess(s -> ...);
 * }</pre>
 */
public final class TickcastServer {
    private static final long SWEEP_PERIOD_MS = 500;
    private static final AtomicLong SHARED_RANDOM_PORTS = new AtomicLong();

    private final Vertx vertx;
    private final Matchmaker matchmaker;
    private final long sweepTimer;
    private final int port;

    private TickcastServer(Vertx vertx, Matchmaker matchmaker, HandshakeGuard guard, int port) {
        this.vertx = vertx;
        this.matchmaker = matchmaker;
        this.port = port;
        this.sweepTimer = vertx.setPeriodic(SWEEP_PERIOD_MS, id -> {
            matchmaker.sweep();
            guard.sweep(System.nanoTime());
        });
    }

    /** Starts a server with {@code config.eventLoops()} listening instances. */
    public static Future<TickcastServer> start(Vertx vertx, TickcastOptions config, GameRegistry games) {
        RoomHosts hosts = new RoomHosts();
        HandshakeGuard guard = new HandshakeGuard(config);
        RoomSettings settings = new RoomSettings(System::nanoTime, config.slowConsumerTimeoutMs(),
                config.reconnectGraceMs());
        AtomicLong seeds = new AtomicLong(config.seed());
        Matchmaker matchmaker = new Matchmaker(games,
                (id, spec, mm) -> new Room(id, spec, hosts.next(), seeds.getAndIncrement(), settings, mm),
                config.seatTimeoutMs(), System::currentTimeMillis);
        // Vert.x shares a listening socket among instances that use the same port; a negative port
        // means "any free port, shared by every instance that names the same negative number".
        int listenPort = config.port() == 0 ? -(int) SHARED_RANDOM_PORTS.incrementAndGet() : config.port();
        List<ServerVerticle> instances = new CopyOnWriteArrayList<>();
        return vertx.deployVerticle(() -> {
            ServerVerticle v = new ServerVerticle(config, matchmaker, hosts, guard, listenPort);
            instances.add(v);
            return v;
        }, new DeploymentOptions().setInstances(Math.max(1, config.eventLoops())))
                .map(id -> new TickcastServer(vertx, matchmaker, guard, instances.get(0).actualPort()));
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** The matchmaker and room directory. */
    public Matchmaker matchmaker() {
        return matchmaker;
    }

    /** The room with {@code id}, or null. */
    public Room room(String id) {
        return matchmaker.room(id);
    }

    /** Closes every room (players get 1001) and stops the periodic sweep; the Vertx stays up. */
    public void shutdown() {
        vertx.cancelTimer(sweepTimer);
        matchmaker.closeAll();
    }
}
