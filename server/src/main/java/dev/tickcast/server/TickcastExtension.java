package dev.tickcast.server;

import io.vertx.core.Deployable;

import java.util.List;

/**
 * A plug-in's verticles, found by {@link java.util.ServiceLoader}: a jar names its class in
 * {@code META-INF/services/dev.tickcast.server.TickcastExtension}, and {@link TickcastVerticle}
 * (so the stock server jar too) deploys them beside itself once it listens. A verticle of an
 * extension reaches the server through {@link Tickcast#of(io.vertx.core.Vertx)} (games, HTTP
 * routes) and the event bus ({@link RoomEvents}).
 *
 * <pre>{@code
 * public final class TanksExtension implements TickcastExtension {
 *     public String game() { return "tanks"; }
 *     public List<Deployable> verticles() { return List.of(new LeaderboardVerticle()); }
 * }
 * }</pre>
 *
 * <p>Needs a public no-argument constructor.
 */
public interface TickcastExtension {
    /**
     * The game this extension belongs to, or null for none: an extension of a game that the server
     * does not host (not picked by {@code --game}) is not deployed.
     */
    default String game() {
        return null;
    }

    /** New instances of the verticles to deploy (one deployment each). */
    List<Deployable> verticles();
}
