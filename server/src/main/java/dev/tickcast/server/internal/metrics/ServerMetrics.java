package dev.tickcast.server.internal.metrics;

import dev.tickcast.game.GameSpec;
import dev.tickcast.server.TickcastMetrics;
import dev.tickcast.server.internal.room.RoomMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A server's meters: the per-game ones ({@link GameMeters}, made for each room through
 * {@link RoomMetrics.Factory}) and the transport's (closes by code, handshakes refused by status,
 * matchmaking by outcome, sessions and bytes by carrier: {@link TransportMeters}). Every label has
 * a bounded set of values: a game name, a close code from a fixed list, an HTTP status, an
 * outcome, a carrier; never a room id, a player or an address.
 *
 * <p>The registry is Vert.x's own when Vert.x runs with Micrometer metrics and a Prometheus backend
 * (so {@code /metrics} carries Vert.x's HTTP, WebSocket and event-bus meters too), else one of the
 * server's own. {@link #off()} records nothing. Thread-safe.
 */
public final class ServerMetrics implements RoomMetrics.Factory {
    private static final Logger LOG = LoggerFactory.getLogger(ServerMetrics.class);
    /** The close codes counted by value; any other is counted as "other". */
    private static final Set<Integer> CODES = Set.of(1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008, 1009, 1010,
            1011, 4000, 4001, 4002, 4003, 4004, 4005, 4006, 4007, 4008, 4009, 4010, 4011, 4012, 4999);
    private static final Set<Integer> STATUSES = Set.of(400, 403, 404, 429, 503);
    /** Matchmaking outcomes, the values of the {@code outcome} label. */
    public static final List<String> OUTCOMES = List.of("ok", "no_game", "no_room", "full", "too_many_seats",
            "no_capacity", "rate_limited", "bad_request", "forbidden", "unauthorized");

    private final MeterRegistry registry;
    private final boolean ownRegistry;
    private final Map<String, GameMeters> games = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final List<Meter> meters = new ArrayList<>();
    private final Map<String, TransportMeters> transports = new ConcurrentHashMap<>();

    private ServerMetrics(MeterRegistry registry, boolean ownRegistry) {
        this.registry = registry;
        this.ownRegistry = ownRegistry;
        for (String transport : TransportMeters.TRANSPORTS) {
            TransportMeters t = new TransportMeters();
            transports.put(transport, t);
            if (registry != null) {
                t.register(registry, transport, meters);
            }
        }
        if (registry != null) {
            for (String outcome : OUTCOMES) {
                counter("tickcast.matchmaking.requests", "Matchmaking requests by outcome", "outcome", outcome);
            }
            for (int status : STATUSES) {
                counter("tickcast.handshakes.refused", "WebSocket handshakes refused, by HTTP status", "status",
                        Integer.toString(status));
            }
        }
    }

    /** Metrics that record nothing. */
    public static ServerMetrics off() {
        return new ServerMetrics(null, false);
    }

    /** Metrics in {@code vertx}'s Prometheus registry when it has one, else in a registry of their own. */
    public static ServerMetrics on(Vertx vertx) {
        MeterRegistry shared = TickcastMetrics.registry(vertx).orElse(null);
        if (shared != null) {
            return new ServerMetrics(shared, false);
        }
        LOG.debug("Vert.x has no Prometheus metrics registry: /metrics carries Tickcast's meters only");
        return new ServerMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), true);
    }

    /** Metrics in {@code registry} (tests). */
    public static ServerMetrics in(MeterRegistry registry) {
        return new ServerMetrics(registry, false);
    }

    /** True unless {@link #off()}. */
    public boolean enabled() {
        return registry != null;
    }

    /** The registry, or null when off. */
    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public RoomMetrics forRoom(GameSpec spec) {
        if (registry == null) {
            return RoomMetrics.NONE;
        }
        return new RoomMeters(games.computeIfAbsent(spec.name(), n -> new GameMeters(registry, spec)));
    }

    /**
     * The sessions and bytes of the carrier {@code transport}, one of {@link TransportMeters#TRANSPORTS}
     * (counted even when the metrics are off, where nothing reads them).
     */
    public TransportMeters transport(String transport) {
        TransportMeters t = transports.get(transport);
        if (t == null) {
            throw new IllegalArgumentException("not a transport: " + transport);
        }
        return t;
    }

    /** A WebSocket handshake was refused with HTTP {@code status}. */
    public void handshakeRefused(int status) {
        if (registry != null) {
            counter("tickcast.handshakes.refused", "WebSocket handshakes refused, by HTTP status", "status",
                    STATUSES.contains(status) ? Integer.toString(status) : "other").increment();
        }
    }

    /** A matchmaking request ended with {@code outcome} (one of {@link #OUTCOMES}). */
    public void matchmaking(String outcome) {
        if (registry != null) {
            counter("tickcast.matchmaking.requests", "Matchmaking requests by outcome", "outcome",
                    OUTCOMES.contains(outcome) ? outcome : "other").increment();
        }
    }

    /**
     * A game WebSocket closed: with {@code serverCode} when the server closed it (else 0), with the
     * client's {@code clientCode} when the client sent a close frame (else null).
     */
    public void connectionClosed(short serverCode, Short clientCode) {
        if (registry == null) {
            return;
        }
        String by = serverCode != 0 ? "server" : clientCode != null ? "client" : "none";
        int code = serverCode != 0 ? serverCode : clientCode != null ? clientCode : 1006;
        String value = CODES.contains(code) ? Integer.toString(code) : "other";
        String key = "close:" + by + ':' + value;
        Counter c = counters.get(key);
        if (c == null) {
            c = counters.computeIfAbsent(key, k -> Counter.builder("tickcast.connection.closes")
                    .description("Game WebSocket and HTTP session closes by close code and by the side that closed")
                    .tags("code", value, "by", by).register(registry));
            synchronized (meters) {
                meters.add(c);
            }
        }
        c.increment();
    }

    /**
     * The connection gauges, {@code tickcast_connections_pending} (TCP connections that are not
     * WebSockets), {@code tickcast_connections_open} (WebSockets) and
     * {@code tickcast_connections_carriers} (TCP connections that carry live HTTP sessions); registered once.
     */
    public void connectionGauges(java.util.function.IntSupplier pending, java.util.function.IntSupplier open,
                                 java.util.function.IntSupplier carriers) {
        if (registry == null) {
            return;
        }
        synchronized (meters) {
            if (registry.find("tickcast.connections.pending").gauge() != null) {
                return;
            }
            meters.add(io.micrometer.core.instrument.Gauge.builder("tickcast.connections.pending", pending::getAsInt)
                    .description("TCP connections on the main port that are neither WebSockets nor carriers of HTTP sessions")
                    .register(registry));
            meters.add(io.micrometer.core.instrument.Gauge.builder("tickcast.connections.open", open::getAsInt)
                    .description("Game WebSockets open").register(registry));
            meters.add(io.micrometer.core.instrument.Gauge.builder("tickcast.connections.carriers", carriers::getAsInt)
                    .description("TCP connections on the main port that carry requests of live HTTP sessions")
                    .register(registry));
        }
    }

    private Counter counter(String name, String description, String tag, String value) {
        return counters.computeIfAbsent(name + ':' + value, k -> {
            Counter c = Counter.builder(name).description(description).tag(tag, value).register(registry);
            synchronized (meters) {
                meters.add(c);
            }
            return c;
        });
    }

    /** The handler of {@code GET /metrics} (Prometheus text format), or null when off. */
    public Handler<RoutingContext> scrapeHandler() {
        return registry instanceof PrometheusMeterRegistry p ? PrometheusScrapingHandler.create(p) : null;
    }

    /** Removes the server's meters from a shared registry, or closes its own (the server stops). */
    public void close() {
        if (registry == null) {
            return;
        }
        games.values().forEach(g -> g.remove(registry));
        synchronized (meters) {
            meters.forEach(registry::remove);
        }
        if (ownRegistry) {
            registry.close();
        }
    }
}
