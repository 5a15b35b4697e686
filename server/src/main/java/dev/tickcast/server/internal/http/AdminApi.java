package dev.tickcast.server.internal.http;

import dev.tickcast.server.internal.match.LocalMatch;
import dev.tickcast.server.internal.match.Matchmaker;
import dev.tickcast.server.internal.room.Room;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

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
 */
public final class AdminApi {
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    private static final String PAGE = "META-INF/tickcast/admin";
    private static final String JSON = "application/json";
    /** Route order: before the API of {@link HttpApi} and every route of game authors. */
    private static final int ORDER = -2_000_000;

    private final Matchmaker matchmaker;
    private final AdminAuth auth;
    private final AdminHistory history;

    /** The admin API over {@code matchmaker}, for requests carrying {@code token}. */
    public AdminApi(Matchmaker matchmaker, String token) {
        this.matchmaker = matchmaker;
        this.auth = new AdminAuth(token);
        this.history = new AdminHistory();
    }

    /** Adds the routes to {@code router} and starts sampling the history on {@code vertx}; returns the timer id. */
    public long mount(Router router, Vertx vertx) {
        int order = ORDER;
        router.routeWithRegex("^/admin(/.*)?$").order(order++).handler(auth);
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
        return vertx.setPeriodic(AdminHistory.PERIOD_MS, id -> infos().onSuccess(history::sample));
    }

    private Future<List<JsonObject>> infos() {
        return LocalMatch.liveInfo(matchmaker.allRooms(), Room::adminInfo);
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
