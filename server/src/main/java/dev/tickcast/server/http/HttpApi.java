package dev.tickcast.server.http;

import dev.tickcast.server.match.Matchmaker;
import dev.tickcast.server.match.SeatGrant;
import dev.tickcast.server.room.Room;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP side: {@code GET /health}, {@code GET /rooms}, {@code POST /matchmake/:game} and the
 * browser demo's static files at {@code /}. Errors answer with a JSON body {"error": "..."}.
 */
public final class HttpApi {
    private static final int MAX_BODY_BYTES = 4096;
    private static final String JSON = "application/json";

    private final Matchmaker matchmaker;

    /** The API over {@code matchmaker}. */
    public HttpApi(Matchmaker matchmaker) {
        this.matchmaker = matchmaker;
    }

    /** A router with every route; one per event loop. */
    public Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.get("/health").handler(this::health);
        router.get("/rooms").handler(this::rooms);
        router.post("/matchmake/:game").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
        router.post("/matchmake/:game").handler(this::matchmake);
        router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
        return router;
    }

    private void health(RoutingContext ctx) {
        List<Room> rooms = matchmaker.rooms();
        ctx.response().putHeader("content-type", JSON)
                .end(new JsonObject().put("status", "ok").put("rooms", rooms.size()).encode());
    }

    private void rooms(RoutingContext ctx) {
        List<Future<JsonObject>> infos = new ArrayList<>();
        for (Room room : matchmaker.rooms()) {
            infos.add(room.info());
        }
        Future.all(infos).onComplete(done -> {
            JsonArray list = new JsonArray();
            for (Future<JsonObject> f : infos) {
                if (f.succeeded()) {
                    list.add(f.result());
                }
            }
            ctx.response().putHeader("content-type", JSON).end(list.encode());
        });
    }

    private void matchmake(RoutingContext ctx) {
        String name = playerName(ctx);
        if (name == null) {
            error(ctx, 400, "body must be empty or a JSON object with a string \"name\" of 1.."
                    + Protocol.MAX_NAME_BYTES + " UTF-8 bytes");
            return;
        }
        SeatGrant grant = matchmaker.joinOrCreate(ctx.pathParam("game"), name);
        if (grant == null) {
            error(ctx, 404, "no such game: " + ctx.pathParam("game"));
            return;
        }
        ctx.response().putHeader("content-type", JSON).end(new JsonObject()
                .put("roomId", grant.roomId()).put("token", grant.token()).put("game", grant.game())
                .put("expiresInMs", grant.expiresInMs()).encode());
    }

    /** The requested name, "player" if none was given, or null if the body is malformed. */
    private static String playerName(RoutingContext ctx) {
        String body = ctx.body().asString();
        if (body == null || body.isBlank()) {
            return "player";
        }
        Object name;
        try {
            name = new JsonObject(body).getValue("name");
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
        if (name == null) {
            return "player";
        }
        if (!(name instanceof String s)) {
            return null;
        }
        String trimmed = s.strip();
        int bytes = trimmed.getBytes(StandardCharsets.UTF_8).length;
        return bytes == 0 || bytes > Protocol.MAX_NAME_BYTES ? null : trimmed;
    }

    private static void error(RoutingContext ctx, int status, String message) {
        ctx.response().setStatusCode(status).putHeader("content-type", JSON)
                .end(new JsonObject().put("error", message).encode());
    }
}
