package dev.tickcast.server.internal.http;

import dev.tickcast.game.GameSpec;
import dev.tickcast.game.Identity;
import dev.tickcast.server.GameRegistry;
import dev.tickcast.server.internal.auth.PlayerAuth;
import dev.tickcast.server.internal.match.MatchService;
import dev.tickcast.server.internal.match.Matchmaker;
import dev.tickcast.server.internal.metrics.ServerMetrics;
import dev.tickcast.server.internal.match.SeatGrant;
import dev.tickcast.server.internal.room.Trim;
import dev.tickcast.server.internal.net.ClientAddress;
import dev.tickcast.server.internal.net.OriginPolicy;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The HTTP side: {@code GET /health}, {@code GET /rooms}, {@code GET /games},
 * {@code POST /matchmake/:game}, {@code POST /admin/announce} (with an admin token) and the browser
 * demo's static files at {@code /}. Every answer carries the security headers of {@link HttpFront}.
 * Matchmaking refuses a foreign browser origin (403) and a non-empty body that is not JSON (415);
 * with identity on, a request without a valid player token (401, {@link MatchmakeAuth}).
 * A seat's answer carries {@code url}, the WebSocket URL of the node that hosts its room; rooms
 * carry {@code node}, that node's base URL. In a cluster, rooms and matchmaking span every node
 * ({@link MatchService}). Errors answer with a JSON body {"error": "..."}. Mounted on the shared
 * router: these routes come before any route a game author adds, and the static files after them.
 */
public final class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final int MAX_BODY_BYTES = 4096;
    /** Where client-demo packages the browser demo on the classpath. */
    private static final String WEBROOT = "META-INF/tickcast/webroot";
    private static final String JSON = "application/json";
    /** The header of {@code GET /rooms} that counts every listed room, those past the limit included. */
    static final String ROOMS_TOTAL = "X-Rooms-Total";

    /** Route order of the API: before the routes of game authors (which start at 0). */
    private static final int API_ORDER = -1_000_000;
    /** Route order of the static files: after every other route. */
    private static final int STATIC_ORDER = 1_000_000;

    private final Matchmaker matchmaker;
    private final MatchService match;
    private final GameRegistry games;
    private final MatchmakeGuard guard;
    private final ServerMetrics metrics;
    private final ClientAddress clients;
    private final String publicUrl;
    private final Announcements announcements;
    private final OriginPolicy origins;
    private final RoomListing listing;
    private final PlayerAuth auth;
    /** The session rate limits, in every game of {@code GET /games}: clients pace themselves under them. */
    private final JsonObject limits;

    /**
     * Its settings: the public base URL (null: from each request), the origins allowed besides the server's own,
     * how long {@code GET /rooms} shares an answer and how many rooms it lists, and the client address rules.
     */
    public record Settings(String publicUrl, List<String> allowedOrigins, long roomsCacheMs, int roomsListLimit,
                           ClientAddress.Settings clients, ClientLimits clientLimits) {
    }

    /**
     * The API over this process's {@code matchmaker} (health), matchmaking {@code match} and the
     * hosted {@code games}; {@code guard} limits matchmaking per client address; matchmaking
     * outcomes are counted in {@code metrics}; {@code auth} verifies players' tokens when identity is on.
     */
    public HttpApi(Matchmaker matchmaker, MatchService match, GameRegistry games, MatchmakeGuard guard,
                   Settings config, Announcements announcements, ServerMetrics metrics, PlayerAuth auth) {
        this.auth = auth;
        this.matchmaker = matchmaker;
        this.match = match;
        this.games = games;
        this.guard = guard;
        this.metrics = metrics;
        this.clients = new ClientAddress(config.clients());
        this.publicUrl = config.publicUrl();
        this.announcements = announcements;
        this.origins = new OriginPolicy(config.allowedOrigins(), config.publicUrl());
        this.listing = new RoomListing(match, System::nanoTime, config.roomsCacheMs(), config.roomsListLimit());
        this.limits = config.clientLimits().toJson();
    }

    /** Adds {@code GET /metrics} (before the static files) when the metrics are on and on this port. */
    public static void mountMetrics(Router router, ServerMetrics metrics) {
        if (metrics.scrapeHandler() != null) {
            router.get("/metrics").order(API_ORDER - 1).handler(metrics.scrapeHandler());
        }
    }

    /** Adds every route to {@code router} (shared by all event loops). */
    public void mount(Router router) {
        HttpFront.mount(router, clients, guard::refused);
        int order = API_ORDER;
        router.get("/health").order(order++).handler(this::health);
        router.get("/rooms").order(order++).handler(this::rooms);
        router.get("/games").order(order++).handler(this::games);
        ApiDocs.mount(router, order++);
        ViewerPage.mount(router, order++);
        router.post("/matchmake/*").order(order++).handler(this::sameOrigin);
        router.post("/matchmake/*").order(order++).handler(this::jsonOnly);
        router.post("/matchmake/*").order(order++).handler(this::rateLimit);
        router.post("/matchmake/*").order(order++).handler(new MatchmakeAuth(auth, guard, metrics, this::address));
        router.post("/matchmake/*").order(order++).handler(body());
        router.post("/matchmake/joinOrCreate/:game").order(order++).handler(this::joinOrCreate);
        router.post("/matchmake/create/:game").order(order++).handler(this::create);
        router.post("/matchmake/joinById/:roomId").order(order++).handler(this::joinById);
        router.post("/matchmake/:game").order(order++).handler(this::joinOrCreate);
        if (announcements != null) {
            router.post("/admin/announce").order(order++).handler(body());
            router.post("/admin/announce").order(order++).handler(announcements::handle);
        }
        router.route("/*").order(STATIC_ORDER).handler(StaticHandler.create(WEBROOT).setCachingEnabled(false));
        router.route().order(STATIC_ORDER + 1).failureHandler(this::failure);
    }

    /** The hosted games, each with its rooms and players over the cluster (the shared listing) and the limits. */
    private void games(RoutingContext ctx) {
        listing.get().onComplete(done -> {
            Map<String, int[]> counts = done.succeeded() ? done.result().perGame : Map.of();
            JsonArray list = new JsonArray();
            for (GameSpec spec : games.all()) {
                int[] c = counts.getOrDefault(spec.name(), new int[2]);
                list.add(new JsonObject().put("name", spec.name()).put("tickHz", spec.tickHz())
                        .put("snapshotHz", spec.snapshotHz()).put("snapshotEveryTicks", spec.snapshotEveryTicks())
                        .put("maxPlayers", spec.maxPlayers()).put("chat", spec.chat()).put("page", spec.page())
                        .put("rooms", c[0]).put("players", c[1]).put("limits", limits).put("auth", auth.on()));
            }
            ctx.response().putHeader("content-type", JSON).end(list.encode());
        });
    }

    private void health(RoutingContext ctx) {
        ctx.response().putHeader("content-type", JSON)
                .end(new JsonObject().put("status", "ok").put("rooms", matchmaker.roomCount())
                        .put("nodes", match.nodes()).encode());
    }

    /**
     * The listed rooms, at most {@code --rooms-list-limit} of them, from a listing shared by every
     * request for up to {@code --rooms-cache-ms}; {@code X-Rooms-Total} counts them all.
     */
    private void rooms(RoutingContext ctx) {
        listing.get().onComplete(done -> {
            if (done.failed()) {
                error(ctx, 503, "the room directory did not answer");
                return;
            }
            ctx.response().putHeader("content-type", JSON)
                    .putHeader(ROOMS_TOTAL, Integer.toString(done.result().total))
                    .end(done.result().encoded(baseUrl(ctx)));
        });
    }

    /**
     * This node's base URL as clients reach it: the configured public URL, else from the request's
     * Host header (https if the request came over TLS, or a trusted proxy says so in X-Forwarded-Proto).
     */
    public String baseUrl(RoutingContext ctx) {
        if (publicUrl != null) {
            return publicUrl;
        }
        String host = ctx.request().getHeader("Host");
        boolean tls = ctx.request().isSSL() || clients.trusts(ctx.request().remoteAddress())
                && "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
        return (tls ? "https" : "http") + "://" + (host == null ? "localhost" : host);
    }

    /** The WebSocket URL under a base URL: http becomes ws, https wss, plus /ws. */
    static String webSocketUrl(String baseUrl) {
        return baseUrl.replaceFirst("^http", "ws") + "/ws";
    }

    /** A body of at most {@link #MAX_BODY_BYTES}, in memory: file uploads are not accepted (never written to disk). */
    private static BodyHandler body() {
        return BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
    }

    /**
     * Matchmaking from a browser page of a foreign origin ({@link OriginPolicy}, the WebSocket
     * handshake's rule): 403, so that another site cannot reserve seats through its visitors' browsers.
     */
    private void sameOrigin(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (origins.allows(request.getHeader("Origin"), request.getHeader("Host"), request.scheme())) {
            ctx.next();
        } else {
            metrics.matchmaking("forbidden");
            guard.refused(address(ctx), "matchmaking refused: foreign origin (403)");
            error(ctx, 403, "this origin may not matchmake here");
        }
    }

    /**
     * A matchmaking body that is not {@code application/json}: 415, before it is read (a form or a
     * multipart upload included). An empty body ({@code Content-Length: 0} or none) needs no type;
     * a chunked one counts as not empty.
     */
    private void jsonOnly(RoutingContext ctx) {
        if (!RequestBodies.announcesBody(ctx) || RequestBodies.isJson(ctx.request().getHeader("Content-Type"))) {
            ctx.next();
        } else {
            metrics.matchmaking("bad_request");
            guard.refused(address(ctx), "matchmaking refused: a body that is not application/json (415)");
            error(ctx, 415, "a matchmaking body must be Content-Type: application/json");
        }
    }

    /** Matchmaking past the address's rate: 429 before the body is even read. */
    private void rateLimit(RoutingContext ctx) {
        if (guard.take(address(ctx), System.nanoTime())) {
            ctx.next();
        } else {
            metrics.matchmaking("rate_limited");
            error(ctx, 429, "too many matchmaking requests from this address; slow down");
        }
    }

    private String address(RoutingContext ctx) {
        return clients.of(ctx.request().remoteAddress(), ctx.request().headers());
    }

    private void joinOrCreate(RoutingContext ctx) {
        JsonObject body = body(ctx);
        if (body != null) {
            Identity who = PlayerAuth.identityOf(ctx, body.getString("name"));
            answer(ctx, who, match.joinOrCreate(ctx.pathParam("game"), who, address(ctx)));
        }
    }

    private void create(RoutingContext ctx) {
        JsonObject body = body(ctx);
        if (body != null) {
            Identity who = PlayerAuth.identityOf(ctx, body.getString("name"));
            answer(ctx, who, match.create(ctx.pathParam("game"), who, body.getBoolean("private"), address(ctx)));
        }
    }

    private void joinById(RoutingContext ctx) {
        JsonObject body = body(ctx);
        if (body != null) {
            Identity who = PlayerAuth.identityOf(ctx, body.getString("name"));
            answer(ctx, who, match.joinById(ctx.pathParam("roomId"), who, address(ctx)));
        }
    }

    private void answer(RoutingContext ctx, Identity who, Future<MatchService.Placed> placed) {
        placed.onComplete(done -> {
            if (done.failed()) {
                metrics.matchmaking("error");
                LOG.warn("matchmaking failed: {}", done.cause().toString());
                error(ctx, 503, "matchmaking did not complete; try again");
            } else {
                String node = done.result().nodeUrl() != null ? done.result().nodeUrl() : baseUrl(ctx);
                answer(ctx, done.result().grant(), node, who);
            }
        });
    }

    private void answer(RoutingContext ctx, SeatGrant grant, String nodeUrl, Identity who) {
        metrics.matchmaking(grant.status() == SeatGrant.Status.OK ? "ok"
                : grant.status().name().toLowerCase(java.util.Locale.ROOT));
        switch (grant.status()) {
            case NO_GAME -> error(ctx, 404, "no such game: " + ctx.pathParam("game"));
            case NO_ROOM -> error(ctx, 404, "no such room: " + ctx.pathParam("roomId"));
            case FULL -> error(ctx, 409, "room is full: " + ctx.pathParam("roomId"));
            case TOO_MANY_SEATS -> {
                guard.refused(address(ctx), "matchmaking refused: too many unclaimed seats (429)");
                error(ctx, 429, "this address holds too many unclaimed seats; join with them first");
            }
            case NO_CAPACITY -> {
                guard.refused(address(ctx), "matchmaking refused: server at its room or seat capacity (503)");
                error(ctx, 503, "the server is at capacity; try again later");
            }
            default -> ctx.response().putHeader("content-type", JSON).end(new JsonObject()
                    .put("roomId", grant.roomId()).put("token", grant.token()).put("game", grant.game())
                    .put("expiresInMs", grant.expiresInMs()).put("reconnectToken", grant.reconnectToken())
                    .put("url", webSocketUrl(nodeUrl)).put("node", nodeUrl).put("name", who.name())
                    .put("subject", who.subject()).encode());
        }
    }

    /**
     * The request options {"name": string, "private": boolean}, with defaults filled in, or null
     * after answering 400 if the body is malformed.
     */
    private JsonObject body(RoutingContext ctx) {
        String raw = ctx.body().asString();
        JsonObject json;
        try {
            json = raw == null || raw.isBlank() ? new JsonObject() : new JsonObject(raw);
        } catch (DecodeException e) {
            json = null;
        }
        Object name = json == null ? null : json.getValue("name", "player");
        Object isPrivate = json == null ? null : json.getValue("private", false);
        String trimmed = name instanceof String s ? Trim.trim(s) : "";
        int bytes = trimmed.getBytes(StandardCharsets.UTF_8).length;
        if (json == null || !(isPrivate instanceof Boolean) || bytes == 0 || bytes > Protocol.MAX_NAME_BYTES) {
            metrics.matchmaking("bad_request");
            error(ctx, 400, "body must be empty or a JSON object with an optional string \"name\" of 1.."
                    + Protocol.MAX_NAME_BYTES + " UTF-8 bytes and an optional boolean \"private\"");
            return null;
        }
        return new JsonObject().put("name", trimmed).put("private", isPrivate);
    }

    /** Failures raised by handlers (a body over the limit: 413) get a JSON answer and one log line. */
    private void failure(RoutingContext ctx) {
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        if (status >= 500) {
            LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), ctx.failure());
        } else {
            guard.refused(address(ctx), "HTTP " + ctx.request().method() + " answered " + status);
        }
        if (!ctx.response().ended()) {
            error(ctx, status, status == 413 ? "request body too large" : "request failed");
        }
    }

    static void error(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("content-type", JSON)
                .end(new JsonObject().put("error", message).encode());
    }
}
