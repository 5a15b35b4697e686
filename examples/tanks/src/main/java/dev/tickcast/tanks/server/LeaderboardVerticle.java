package dev.tickcast.tanks.server;

import dev.tickcast.server.RoomEvents;
import dev.tickcast.server.Tickcast;
import dev.tickcast.tanks.TankGame;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The tanks game's HTTP side and its leaderboard across rounds. It consumes the events of every
 * tanks room ({@link RoomEvents#game(String)}), counts each {@value TankGame#ROUND_OVER_EVENT} in
 * a {@link Leaderboard}, and adds to the server's router ({@link Tickcast#router()}):
 * <ul>
 *   <li>{@code GET /tanks/leaderboard}: the leaderboard as JSON;</li>
 *   <li>{@code /tanks/}: the game's browser page, static files from this jar's
 *       {@code META-INF/tanks/webroot/}.</li>
 * </ul>
 * The leaderboard is confined to this verticle's context: HTTP requests, which run on the server's
 * event loops, ask for it over a local event-bus address instead of reading it across threads.
 */
public final class LeaderboardVerticle extends VerticleBase {
    /** The path of the leaderboard. */
    public static final String PATH = "/tanks/leaderboard";
    /** The classpath folder of the page. */
    static final String WEBROOT = "META-INF/tanks/webroot";
    /** Local address answering with the leaderboard's JSON. */
    static final String QUERY_ADDRESS = "tanks.leaderboard.query";

    private final Leaderboard board = new Leaderboard();

    @Override
    public Future<?> start() {
        EventBus bus = vertx.eventBus();
        MessageConsumer<Object> events = bus.consumer(RoomEvents.game(TankGame.SPEC.name()), m -> onEvent(m.body()));
        MessageConsumer<Object> queries = bus.localConsumer(QUERY_ADDRESS, m -> m.reply(board.toJson()));
        Router router = Tickcast.of(vertx).router();
        router.get(PATH).handler(this::serveLeaderboard);
        router.get("/tanks").handler(LeaderboardVerticle::addSlash);
        router.route("/tanks/*").handler(StaticHandler.create(WEBROOT));
        return Future.all(events.completion(), queries.completion());
    }

    private void serveLeaderboard(RoutingContext ctx) {
        vertx.eventBus().<JsonObject>request(QUERY_ADDRESS, null)
                .onSuccess(reply -> ctx.json(reply.body()))
                .onFailure(ctx::fail);
    }

    /** Vert.x matches "/tanks" for "/tanks/" too: redirect only the bare path, so relative URLs resolve. */
    private static void addSlash(RoutingContext ctx) {
        if ("/tanks".equals(ctx.request().path())) {
            ctx.redirect("/tanks/");
        } else {
            ctx.next();
        }
    }

    private void onEvent(Object body) {
        JsonObject event = body instanceof JsonObject o ? o : body instanceof String s ? parse(s) : null;
        if (event == null || !RoomEvents.GAME_EVENT.equals(event.getValue("type"))
                || !TankGame.ROUND_OVER_EVENT.equals(event.getValue("event"))
                || !(event.getValue("data") instanceof JsonObject data)) {
            return;
        }
        board.record(data);
    }

    private static JsonObject parse(String s) {
        try {
            return new JsonObject(s);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
