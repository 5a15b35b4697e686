package dev.tickcast.server;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.ext.web.Router;

/**
 * Tickcast's handles inside one Vert.x instance, for the verticles of a game author: the registry
 * of hosted games and the HTTP router of the server. {@link #of(Vertx)} gives the same object to
 * every caller of that Vert.x instance, whether it runs before or after {@link TickcastVerticle}
 * starts:
 *
 * <pre>{@code
 * Tickcast tickcast = Tickcast.of(vertx);
 * tickcast.games().register(TagGame.SPEC);
 * tickcast.router().get("/tag/leaderboard").handler(ctx -> ctx.json(board));
 * }</pre>
 *
 * Routes may be added at any time; they take precedence over the static files of the demo, never
 * over Tickcast's own API ({@code /health}, {@code /rooms}, {@code /games}, {@code /matchmake},
 * {@code /ws}). Rooms are reached over the event bus ({@link RoomEvents}), never by reference.
 */
public final class Tickcast {
    private static final String MAP = "dev.tickcast.platform";
    private static final String KEY = "default";

    private final GameRegistry games;
    private final Router router;
    private boolean serving;

    private Tickcast(Vertx vertx, GameRegistry games) {
        this.games = games;
        this.router = Router.router(vertx);
    }

    /** The Tickcast of {@code vertx}: created on first use, then shared by every verticle. */
    public static Tickcast of(Vertx vertx) {
        LocalMap<String, Holder> map = vertx.sharedData().getLocalMap(MAP);
        return map.computeIfAbsent(KEY, k -> new Holder(new Tickcast(vertx, new GameRegistry()))).tickcast;
    }

    /** A separate Tickcast over {@code games} (several servers in one Vert.x, as in tests and the bench). */
    public static Tickcast create(Vertx vertx, GameRegistry games) {
        return new Tickcast(vertx, games);
    }

    /** The hosted games; register more at any time. */
    public GameRegistry games() {
        return games;
    }

    /** The router of the HTTP server: add your routes here. */
    public Router router() {
        return router;
    }

    /**
     * Marks this Tickcast as served; a second server over the same one is a bug. Called by the
     * engine when a server starts ({@link ServerEngine}); not for game authors.
     *
     * @throws IllegalStateException if a server already runs over it
     */
    public synchronized void claim() {
        if (serving) {
            throw new IllegalStateException("this Tickcast already runs a server; use Tickcast.create for another");
        }
        serving = true;
    }

    /** Lets a later server use this Tickcast (after a stop); called by the engine, not for game authors. */
    public synchronized void release() {
        serving = false;
    }

    private record Holder(Tickcast tickcast) implements Shareable {
    }
}
