package dev.tickcast.server.internal.engine;

import dev.tickcast.server.TickcastOptions;
import dev.tickcast.server.GameRegistry;
import dev.tickcast.server.RunningServer;
import dev.tickcast.server.Tickcast;
import dev.tickcast.server.internal.auth.PlayerAuth;
import dev.tickcast.server.internal.broadcast.Broadcast;
import dev.tickcast.server.internal.broadcast.Broadcasts;
import dev.tickcast.server.internal.http.Announcements;
import dev.tickcast.server.internal.http.HttpApi;
import dev.tickcast.server.internal.http.MatchmakeGuard;
import dev.tickcast.server.internal.match.MatchLimits;
import dev.tickcast.server.internal.match.Matchmaker;
import dev.tickcast.server.internal.metrics.ServerMetrics;
import dev.tickcast.server.internal.record.RecordingBudget;
import dev.tickcast.server.internal.record.Recordings;
import dev.tickcast.server.internal.room.Room;
import dev.tickcast.server.internal.room.RoomSettings;
import dev.tickcast.server.internal.room.SnapshotObserver;
import dev.tickcast.server.internal.session.SeatClaims;
import dev.tickcast.server.internal.session.SessionLimits;
import dev.tickcast.server.internal.transport.HandshakeGuard;
import dev.tickcast.server.internal.transport.http.HttpCarrierSettings;
import dev.tickcast.server.internal.transport.http.HttpSessions;
import dev.tickcast.wire.Protocol;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A running Tickcast server inside a {@link Vertx}: HTTP, matchmaking, the game WebSocket and the
 * rooms. {@link dev.tickcast.server.TickcastVerticle} starts one (the CLI does it that way); tests and the bench embed
 * one directly with a registry of their own:
 *
 * <pre>{@code
 * GameRegistry games = new GameRegistry().register(ArenaGame.SPEC);
 * TickcastServer.start(vertx, TickcastOptions.defaults(), games).onSuccess(s -> ...);
 * }</pre>
 */
public final class TickcastServer implements RunningServer {
    private static final long SWEEP_PERIOD_MS = 500;
    /** How long a shutdown waits for the disposed rooms' archives to be finished (a slow disk gives up). */
    private static final long FINISH_RECORDINGS_SECONDS = 10;
    private static final AtomicLong SHARED_RANDOM_PORTS = new AtomicLong();

    private final Vertx vertx;
    private final Tickcast tickcast;
    private final Matchmaker matchmaker;
    private final List<SnapshotObserver> observers;
    private final List<ServerVerticle> instances;
    private final long sweepTimer;
    private final int port;
    private final ServerMetrics metrics;
    private final Monitoring monitoring;
    private final NodeRole role;
    private final MessageConsumer<Object> announcements;
    private final HttpSessions httpSessions;
    private PlayerAuth auth;
    private RecordingBudget budget;
    private Recordings recordings = Recordings.OFF;
    private volatile Broadcasts broadcasts;

    private TickcastServer(Vertx vertx, Tickcast tickcast, Matchmaker matchmaker, HandshakeGuard guard,
                           MatchmakeGuard matchmakeGuard, HttpSessions httpSessions, List<SnapshotObserver> observers,
                           List<ServerVerticle> instances, int port, ServerMetrics metrics, Monitoring monitoring,
                           NodeRole role) {
        this.httpSessions = httpSessions;
        this.role = role;
        this.announcements = Announcements.deliver(vertx.eventBus(), matchmaker);
        this.vertx = vertx;
        this.metrics = metrics;
        this.monitoring = monitoring;
        this.instances = instances;
        this.tickcast = tickcast;
        this.matchmaker = matchmaker;
        this.observers = observers;
        this.port = port;
        this.sweepTimer = vertx.setPeriodic(SWEEP_PERIOD_MS, id -> {
            matchmaker.sweep();
            long now = System.nanoTime();
            guard.sweep(now);
            matchmakeGuard.sweep(now);
            httpSessions.sweep(now);
            Broadcasts casts = broadcasts;
            if (casts != null) {
                casts.sweep();
            }
        });
    }

    /** Starts a server over its own {@link Tickcast} of {@code games}. */
    public static Future<TickcastServer> start(Vertx vertx, TickcastOptions config, GameRegistry games) {
        return start(vertx, config, Tickcast.create(vertx, games));
    }

    /** Starts a server with {@code config.eventLoops()} listening instances over {@code tickcast}'s games and router. */
    public static Future<TickcastServer> start(Vertx vertx, TickcastOptions config, Tickcast tickcast) {
        try {
            tickcast.claim();
        } catch (IllegalStateException e) {
            return Future.failedFuture(e);
        }
        RoomHosts hosts = new RoomHosts();
        HandshakeGuard guard = ServerVerticle.handshakeGuard(config);
        List<SnapshotObserver> observers = new CopyOnWriteArrayList<>();
        ServerMetrics metrics = config.metrics() ? ServerMetrics.on(vertx) : ServerMetrics.off();
        RoomSettings settings = new RoomSettings(System::nanoTime, config.slowConsumerTimeoutMs(),
                config.reconnectGraceMs(), (room, snapshot) -> observers.forEach(o -> o.onSnapshot(room, snapshot)),
                metrics, config.lagCompensation(), SettingGroups.recordings(vertx, config));
        Broadcasts broadcasts = RecordingsWiring.broadcasts(config);
        settings.recordings().broadcastTo(broadcasts);
        AtomicLong seeds = new AtomicLong(config.seed());
        Matchmaker matchmaker = new Matchmaker(tickcast.games(),
                (id, spec, mm) -> new Room(id, spec, hosts.next(), seeds.getAndIncrement(), settings, mm),
                config.seatTimeoutMs(), System::currentTimeMillis,
                new MatchLimits(config.maxRooms(), config.maxUnclaimedSeatsPerAddress(), config.maxUnclaimedSeats()),
                config.sharedSecret() == null ? null : config.sharedSecret().getBytes(StandardCharsets.UTF_8));
        MatchmakeGuard matchmakeGuard = new MatchmakeGuard(config.matchmakesPerSecondPerAddress(),
                config.matchmakeBurstPerAddress());
        SessionLimits limits = ServerVerticle.sessionLimits(config);
        HttpSessions httpSessions = new HttpSessions(SeatClaims.of(matchmaker), limits,
                HttpCarrierSettings.of(limits, config.httpIdleTimeoutMs()), guard, metrics, System::nanoTime);
        Future<PlayerAuth> players = PlayerAuth.create(vertx, SettingGroups.auth(config));
        return players.compose(p -> NodeRole.of(vertx, SettingGroups.node(config), matchmaker, tickcast.games())).compose(role -> {
            Announcements admin = config.adminToken() == null ? null : new Announcements(vertx.eventBus(), config.adminToken());
            HttpApi api = new HttpApi(matchmaker, role.match(), tickcast.games(), matchmakeGuard,
                    SettingGroups.http(config), admin, metrics, players.result());
            api.mount(tickcast.router());
            RecordingBudget budget = RecordingsWiring.mount(vertx, config, tickcast.router(), api::baseUrl);
            settings.recordings().onFinished(budget::enforce);
            budget.exceptWriting(settings.recordings()::writing);
            RecordingsWiring.mountBroadcasts(broadcasts, tickcast.router(), metrics.registry());
            Monitoring monitoring = new Monitoring(vertx, SettingGroups.monitoring(config), metrics, matchmaker,
                    tickcast.router());
            return listen(vertx, config, tickcast, matchmaker, new Guards(guard, matchmakeGuard, httpSessions), hosts,
                    observers, role, metrics, monitoring).onSuccess(server -> {
                        server.auth = players.result();
                        server.recordings = settings.recordings();
                        server.budget = budget;
                        server.broadcasts = broadcasts;
                    }).onFailure(e -> budget.stop());
        }).onFailure(e -> {
            if (players.succeeded()) {
                players.result().close();
            }
            tickcast.release();
        });
    }

    /** What the listening instances share besides the matchmaker: the guards and the HTTP sessions. */
    private record Guards(HandshakeGuard handshakes, MatchmakeGuard matchmakes, HttpSessions httpSessions) {
    }

    private static Future<TickcastServer> listen(Vertx vertx, TickcastOptions config, Tickcast tickcast,
                                                 Matchmaker matchmaker, Guards guards, RoomHosts hosts,
                                                 List<SnapshotObserver> observers, NodeRole role, ServerMetrics metrics,
                                                 Monitoring monitoring) {
        // Vert.x shares a listening socket among instances that use the same port; a negative port
        // means "any free port, shared by every instance that names the same negative number".
        int listenPort = config.port() == 0 ? -(int) SHARED_RANDOM_PORTS.incrementAndGet() : config.port();
        List<ServerVerticle> instances = new CopyOnWriteArrayList<>();
        return vertx.deployVerticle(() -> {
            ServerVerticle v = new ServerVerticle(config, matchmaker, hosts, guards.handshakes(), tickcast.router(),
                    listenPort, metrics, guards.httpSessions());
            instances.add(v);
            return v;
        }, new DeploymentOptions().setInstances(Math.max(1, config.eventLoops())))
                .compose(id -> monitoring.start())
                .map(v -> new TickcastServer(vertx, tickcast, matchmaker, guards.handshakes(), guards.matchmakes(),
                        guards.httpSessions(), observers, instances, instances.get(0).actualPort(), metrics, monitoring,
                        role))
                .onFailure(e -> monitoring.stop());
    }

    /** The port the server listens on. */
    @Override
    public int port() {
        return port;
    }

    /** The port of {@code /metrics} when it has a port of its own, else {@link #port()}. */
    @Override
    public int metricsPort() {
        return monitoring.metricsPort() > 0 ? monitoring.metricsPort() : port;
    }

    /** The server's metrics registry (Micrometer), or null when metrics are off. */
    public io.micrometer.core.instrument.MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    /** The games, router and registry this server serves. */
    @Override
    public Tickcast tickcast() {
        return tickcast;
    }

    /** The matchmaker and room directory (engine internals: for tests and tools). */
    public Matchmaker matchmaker() {
        return matchmaker;
    }

    /** The HTTP sessions of this server (engine internals: for tests and tools). */
    public HttpSessions httpSessions() {
        return httpSessions;
    }

    /** The room with {@code id}, or null (engine internals: for tests and tools). */
    public Room room(String id) {
        return matchmaker.room(id);
    }

    /** The signed sync path of local room {@code roomId}'s delayed broadcast; failed if it has none. */
    @Override
    public Future<String> broadcastLink(String roomId) {
        Room room = matchmaker.room(roomId);
        Broadcast cast = room == null ? null : room.broadcast();
        return cast == null ? Future.failedFuture(new IllegalArgumentException("room " + roomId + " has no broadcast here"))
                : Future.succeededFuture(cast.link());
    }

    /** The node's delayed broadcasts (tests and tools; null before the server started). */
    public Broadcasts broadcasts() {
        return broadcasts;
    }

    /** Adds an observer of every room's snapshots, called on the rooms' threads (tests and tools). */
    public void addSnapshotObserver(SnapshotObserver observer) {
        observers.add(observer);
    }

    /**
     * Shuts down: every connection and HTTP session, joined or not, gets 1001 (clients take it as a drop and come
     * back to another server or after a restart), then every room is disposed and the periodic sweep
     * stops. The future completes once the close frames are queued and the disposed rooms' archives are
     * finished (for at most 10 s); the Vertx stays up.
     */
    @Override
    public Future<Void> shutdown() {
        vertx.cancelTimer(sweepTimer);
        if (budget != null) {
            budget.stop();
        }
        if (auth != null) {
            auth.close();
        }
        List<Future<Void>> closed = new java.util.ArrayList<>();
        for (ServerVerticle v : instances) {
            closed.add(v.closeAll(Protocol.CLOSE_GOING_AWAY, "server shutting down"));
        }
        announcements.unregister();
        return Future.all(closed).compose(all -> matchmaker.closeAll())
                .compose(all -> recordings.finished().timeout(FINISH_RECORDINGS_SECONDS, TimeUnit.SECONDS)
                        .otherwiseEmpty())
                .eventually(monitoring::stop)
                .transform(r -> role.leave())
                .onComplete(r -> tickcast.release()).mapEmpty();
    }
}
