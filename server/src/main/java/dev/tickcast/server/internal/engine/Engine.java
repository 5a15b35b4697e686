package dev.tickcast.server.internal.engine;

import dev.tickcast.server.RunningServer;
import dev.tickcast.server.ServerEngine;
import dev.tickcast.server.Tickcast;
import dev.tickcast.server.TickcastOptions;
import dev.tickcast.server.internal.cluster.HazelcastCluster;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;

import java.util.List;

/** The engine as the public API finds it (META-INF/services): a {@link TickcastServer} per start. */
public final class Engine implements ServerEngine {
    @Override
    public Future<RunningServer> start(Vertx vertx, TickcastOptions options, Tickcast tickcast) {
        return TickcastServer.start(vertx, options, tickcast).map(s -> s);
    }

    @Override
    public Future<Vertx> clusteredVertx(String name, String host, int port, List<String> members, VertxOptions options,
                                        Transport transport, boolean metrics) {
        return HazelcastCluster.start(name, host, port, members, options, transport, metrics);
    }
}
