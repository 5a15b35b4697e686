package dev.tickcast.server;

import io.vertx.core.Future;

/** A started Tickcast server, as its embedder sees it ({@link TickcastVerticle#server()}). */
public interface RunningServer {
    /** The port it listens on (the actual one when the options asked for 0). */
    int port();

    /** The port of {@code GET /metrics} when it has its own, else 0. */
    int metricsPort();

    /** The games and router it serves. */
    Tickcast tickcast();

    /**
     * The path of the delayed broadcast's sync object of room {@code roomId} on this node
     * (docs/PROTOCOL.md, "Delayed broadcast"): {@code /broadcasts/{bid}/sync}, with {@code ?exp=E&sig=S}
     * (good for {@code --broadcast-link-seconds}) when the room is private. Append it to this node's base URL.
     * Fails if the room is not here or does not broadcast (it does not record, or its spec says no).
     */
    default Future<String> broadcastLink(String roomId) {
        return Future.failedFuture(new UnsupportedOperationException("no delayed broadcasts on this server"));
    }

    /** Closes every room (players get 1001) and the listening sockets. */
    Future<Void> shutdown();
}
