package ${package}.server;

import ${package}.${gameClass}Game;
import dev.tickcast.server.RoomEvents;
import dev.tickcast.server.Tickcast;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The game's HTTP side. It follows the game's rooms on the event bus and adds to the server's
 * router (served on the server's own port):
 * <ul>
 *   <li>{@code GET /${gameName}/api/status}: rooms, players and the last player to take the zone, as JSON;</li>
 *   <li>{@code /${gameName}/}: the game's page, static files from this jar's
 *       {@code META-INF/${gameName}/webroot/}.</li>
 * </ul>
 * HTTP requests run on the server's event loops, not on this verticle's: the counters are atomic.
 */
public final class StatusVerticle extends VerticleBase {
    /** The path of the status route. */
    public static final String STATUS_PATH = "/" + ${gameClass}Game.SPEC.name() + "/api/status";

    private final AtomicInteger rooms = new AtomicInteger();
    private final AtomicInteger players = new AtomicInteger();
    private final AtomicReference<String> lastTaken = new AtomicReference<>();

    @Override
    public Future<?> start() {
        String game = ${gameClass}Game.SPEC.name();
        Router router = Tickcast.of(vertx).router();
        router.get(STATUS_PATH).handler(this::status);
        router.get("/" + game).handler(StatusVerticle::addSlash);
        router.route("/" + game + "/*").handler(StaticHandler.create("META-INF/" + game + "/webroot"));
        return vertx.eventBus().<Object>consumer(RoomEvents.game(game), m -> onEvent(m.body())).completion();
    }

    /** Vert.x matches "/${gameName}" for "/${gameName}/" too: redirect only the bare path (the page uses relative URLs). */
    private static void addSlash(RoutingContext ctx) {
        if (ctx.request().path().endsWith("/")) {
            ctx.next();
        } else {
            ctx.redirect(ctx.request().path() + "/");
        }
    }

    private void status(RoutingContext ctx) {
        ctx.json(new JsonObject()
                .put("game", ${gameClass}Game.SPEC.name())
                .put("rooms", rooms.get())
                .put("players", players.get())
                .put("lastTaken", lastTaken.get()));
    }

    /** Events arrive as JSON (docs/EXTENDING.md, "The event bus"). */
    private void onEvent(Object body) {
        if (!(body instanceof JsonObject event)) {
            return;
        }
        switch (event.getString("type", "")) {
            case RoomEvents.ROOM_CREATED -> rooms.incrementAndGet();
            case RoomEvents.ROOM_DISPOSED -> rooms.decrementAndGet();
            case RoomEvents.PLAYER_JOINED -> players.incrementAndGet();
            case RoomEvents.PLAYER_LEFT -> players.decrementAndGet();
            case RoomEvents.GAME_EVENT -> onGameEvent(event);
            default -> { }
        }
    }

    private void onGameEvent(JsonObject event) {
        if (${gameClass}Game.ZONE_TAKEN_EVENT.equals(event.getString("event"))
                && event.getValue("data") instanceof JsonObject data) {
            lastTaken.set(data.getString("name"));
        }
    }
}
