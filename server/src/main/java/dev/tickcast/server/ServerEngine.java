package dev.tickcast.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;

import java.util.List;
import java.util.ServiceLoader;

/**
 * The one door from the public API into the engine: {@link TickcastVerticle} starts a server
 * through it. The engine inside the server jar implements it and is found with
 * {@link ServiceLoader}, so the API package has no compile-time dependency on the engine's
 * internals (docs/ARCHITECTURE.md, "Packages"). A game author neither implements nor calls it.
 */
public interface ServerEngine {
    /**
     * Starts a server over {@code tickcast}'s games and router with {@code options} (already
     * validated); the future fails with a message for the operator when it cannot listen.
     */
    Future<RunningServer> start(Vertx vertx, TickcastOptions options, Tickcast tickcast);

    /**
     * A clustered Vert.x on Hazelcast, bound to {@code host:port} and joining {@code members}
     * (TCP/IP only: multicast, auto-detection and phone-home off), on the socket {@code transport}
     * and with Vert.x's own metrics when {@code metrics}. Hazelcast's classes load only here.
     */
    Future<Vertx> clusteredVertx(String name, String host, int port, List<String> members, VertxOptions options,
                                 Transport transport, boolean metrics);

    /**
     * The engine of the server jar.
     *
     * @throws IllegalStateException if the jar lacks it (a broken repackaging)
     */
    static ServerEngine load() {
        return ServiceLoader.load(ServerEngine.class, ServerEngine.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no Tickcast engine on the class path "
                        + "(META-INF/services/" + ServerEngine.class.getName() + " is missing)"));
    }
}
