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

    /** Closes every room (players get 1001) and the listening sockets. */
    Future<Void> shutdown();
}
