package dev.tickcast.server.internal.http;

import dev.tickcast.server.internal.match.LocalMatch;
import dev.tickcast.server.internal.match.Matchmaker;
import dev.tickcast.server.internal.room.Room;
import dev.tickcast.server.internal.room.RoomJson;
import dev.tickcast.server.internal.net.ClientAddress;
import dev.tickcast.server.internal.net.RefusalLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The admin page and its API, mounted only when an admin token is configured (else {@code /admin}
 * is a plain 404). Every route, the page included, goes through {@link AdminAuth} first:
 * <ul>
 *   <li>{@code GET /admin/} the page (static files under {@code META-INF/tickcast/admin});</li>
 *   <li>{@code GET /admin/api/rooms} every room, private ones included, with its figures;</li>
 *   <li>{@code GET /admin/api/history} players and snapshot bandwidth, sampled every 2 s, last 5 minutes;</li>
 *   <li>{@code POST /admin/api/rooms/:id/watch} a single-use spectator token for the live view;</li>
 *   <li>{@code POST /admin/api/rooms/:id/kick/:player} closes that player with 4012;</li>
 *   <li>{@code DELETE /admin/api/rooms/:id} disposes the room (players get 4005).</li>
 * </ul>
 * A request that changes anything (any method but GET and HEAD, {@code POST /admin/announce}
 * included) must also carry {@value #HEADER} (a header no form or simple cross-site request can
 * send: a script of another site would need a CORS preflight, which is never granted), and is
 * refused (403) if its {@code Origin} is another site's or its {@code Sec-Fetch-Site} says
 * {@code cross-site} or {@code same-site}: a browser holding the admin's Basic credentials cannot be
 * made to kick or dispose by another page. Every {@code /admin} answer forbids framing
 * ({@code X-Frame-Options: DENY}, CSP {@code frame-ancestors 'none'}) and carries a strict CSP the
 * page keeps to (scripts and styles from its own files only).
 */
public final class AdminApi {
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    private static final String PAGE = "META-INF/tickcast/admin";
    private static final String JSON = "application/json";
    /** Route order: before the API of {@link HttpApi} and every route of game authors. */
    private static final int ORDER = -2_000_000;
    /** The header a state-changing admin request must carry (any non-empty value; the page sends 1). */
    public static final String HEADER = "X-Tickcast-Admin";
    /** The policy of every /admin answer: nothing inline, nothing from elsewhere, never framed. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final Logger REFUSALS = LoggerFactory.getLogger(AdminApi.class.getName() + ".refusals");

    private final Matchmaker matchmaker;
    private final AdminAuth auth;
    private final AdminHistory history;
    private final String publicOrigin;
    private final RefusalLog refusals = new RefusalLog(REFUSALS);

    /**
     * What the admin API is configured with.
     *
     * @param adminToken the token requests must carry
     * @param publicUrl  the server's public base URL (its origin is the page's own), or null
     * @param clients    how client addresses are resolved (for the refusal log and the guess limit)
     */
    public record Settings(String adminToken, String publicUrl, ClientAddress.Settings clients) {
    }

    /** The admin API over {@code matchmaker}, for requests carrying the admin token of {@code settings}. */
    public AdminApi(Matchmaker matchmaker, Settings settings) {
        this.matchmaker = matchmaker;
        this.auth = new AdminAuth(settings.adminToken(), new ClientAddress(settings.clients()), refusals);
        this.history = new AdminHistory();
        this.publicOrigin = origin(settings.publicUrl());
    }

    /** Adds the routes to {@code router} and starts sampling the history on {@code vertx}; returns the timer id. */
    public long mount(Router router, Vertx vertx) {
        int order = ORDER;
        router.routeWithRegex("^/admin(/.*)?$").order(order++).handler(AdminApi::unframeable);
        router.routeWithRegex("^/admin(/.*)?$").order(order++).handler(auth);
        router.routeWithRegex("^/admin(/.*)?$").order(order++).handler(this::sameSite);
        router.get("/admin").order(order++).handler(ctx -> {
            if ("/admin".equals(ctx.request().path())) {
                ctx.redirect("/admin/");
            } else {
                ctx.next();
            }
        });
        router.get("/admin/api/rooms").order(order++).handler(this::rooms);
        router.get("/admin/api/history").order(order++).handler(ctx -> json(ctx, 200, history.json()));
        router.post("/admin/api/rooms/:id/watch").order(order++).handler(this::watch);
        router.post("/admin/api/rooms/:id/kick/:player").order(order++).handler(this::kick);
        router.delete("/admin/api/rooms/:id").order(order++).handler(this::dispose);
        router.route("/admin/api/*").order(order++).handler(ctx -> json(ctx, 404,
                new JsonObject().put("error", "no such admin API")));
        router.get("/admin/*").order(order).handler(StaticHandler.create(PAGE).setCachingEnabled(false)
                .setDefaultContentEncoding("UTF-8"));
        return vertx.setPeriodic(AdminHistory.PERIOD_MS, id -> {
            infos().onSuccess(history::sample);
            long now = System.nanoTime();
            auth.sweep(now);
            refusals.sweep(now);
        });
    }

    private static void unframeable(RoutingContext ctx) {
        // added, not set: a server-wide policy (if any) still applies besides this one
        ctx.response().putHeader("X-Frame-Options", "DENY").headers().add("Content-Security-Policy", CSP);
        ctx.next();
    }

    /** A state-changing request only from the page itself or a script: never from another site's page. */
    private void sameSite(RoutingContext ctx) {
        HttpServerRequest req = ctx.request();
        if (req.method() == HttpMethod.GET || req.method() == HttpMethod.HEAD) {
            ctx.next();
            return;
        }
        String refusal = crossSite(req.getHeader("Sec-Fetch-Site"), req.getHeader("Origin"), req.getHeader("Host"),
                req.getHeader(HEADER));
        if (refusal == null) {
            ctx.next();
            return;
        }
        refusals.refused(auth.address(req), "admin request refused: " + refusal + " (403)");
        json(ctx, 403, new JsonObject().put("error", "admin changes need the header " + HEADER
                + " and no other site's Origin: " + refusal));
    }

    /** Why a state-changing request with these headers is refused, or null if it is not. */
    String crossSite(String fetchSite, String origin, String host, String marker) {
        if (fetchSite != null && !"same-origin".equalsIgnoreCase(fetchSite) && !"none".equalsIgnoreCase(fetchSite)) {
            return "Sec-Fetch-Site " + fetchSite;
        }
        if (origin != null && !ownOrigin(origin, host)) {
            return "foreign Origin";
        }
        if (marker == null || marker.isBlank()) {
            return "no " + HEADER + " header";
        }
        return null;
    }

    /** True if {@code origin} is this server as the browser reached it: the request's Host, or the public URL. */
    private boolean ownOrigin(String origin, String host) {
        String o = origin(origin);
        if (o == null) {
            return false; // "null" (a sandboxed frame, a data: page) or garbage
        }
        if (o.equals(publicOrigin)) {
            return true;
        }
        // the authority alone: a TLS-terminating proxy in front makes the scheme differ
        return host != null && o.substring(o.indexOf("://") + 3).equals(host.toLowerCase(Locale.ROOT));
    }

    /** scheme://host[:port] of {@code url} in lower case, or null if it is not an http(s) URL. */
    static String origin(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (uri.getHost() == null || scheme == null
                    || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                return null;
            }
            return (scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()))
                    .toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private Future<List<JsonObject>> infos() {
        return LocalMatch.liveInfo(matchmaker.allRooms(), room -> room.stats().map(s -> RoomJson.admin(s, room.broadcast())));
    }

    private void rooms(RoutingContext ctx) {
        infos().onSuccess(list -> json(ctx, 200, new JsonObject().put("time", System.currentTimeMillis())
                .put("rooms", new JsonArray(new ArrayList<>(list)))));
    }

    private void watch(RoutingContext ctx) {
        String roomId = ctx.pathParam("id");
        String token = matchmaker.watchToken(roomId);
        Room room = token == null ? null : matchmaker.room(roomId);
        if (room == null) {
            json(ctx, 404, new JsonObject().put("error", "no such room"));
            return;
        }
        json(ctx, 200, new JsonObject().put("roomId", roomId).put("game", room.spec().name()).put("token", token));
    }

    private void kick(RoutingContext ctx) {
        Room room = matchmaker.room(ctx.pathParam("id"));
        int player;
        try {
            player = Integer.parseInt(ctx.pathParam("player"));
        } catch (NumberFormatException e) {
            player = -1;
        }
        if (room == null || player < 0) {
            json(ctx, 404, new JsonObject().put("error", "no such room or player"));
            return;
        }
        int p = player;
        room.execute(() -> {
            boolean kicked = room.kick(p);
            json(ctx, kicked ? 200 : 404, kicked ? new JsonObject().put("kicked", p)
                    : new JsonObject().put("error", "no such player"));
        });
    }

    private void dispose(RoutingContext ctx) {
        String roomId = ctx.pathParam("id");
        if (matchmaker.dispose(roomId, "disposed by an operator")) {
            LOG.info("room {} disposed by an operator", roomId);
            json(ctx, 200, new JsonObject().put("disposed", roomId));
        } else {
            json(ctx, 404, new JsonObject().put("error", "no such room"));
        }
    }

    private static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader("content-type", JSON).putHeader("cache-control", "no-store")
                .end(body instanceof JsonObject o ? o.encode() : ((JsonArray) body).encode());
    }
}
