package dev.tickcast.server;

import com.esotericsoftware.kryo.Kryo;
import io.vertx.ext.web.Router;
import dev.tickcast.server.internal.match.Matchmaker;
import dev.tickcast.server.internal.transport.Connection;
import dev.tickcast.wire.Messages;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import dev.tickcast.server.internal.transport.HandshakeGuard;
import java.util.HashSet;
import java.util.Set;

import java.util.List;

/**
 * One per event loop: listens on the shared port (Vert.x spreads accepted sockets over the
 * instances), serves HTTP through the shared router and upgrades {@code /ws} to the game WebSocket. Its context also hosts
 * rooms ({@link RoomHosts}).
 */
final class ServerVerticle extends VerticleBase {
    private final TickcastOptions config;
    private final Matchmaker matchmaker;
    private final RoomHosts hosts;
    private final HandshakeGuard guard;
    private final Router router;
    private final int port;
    private final Set<Connection> connections = new HashSet<>();
    private HttpServer server;

    ServerVerticle(TickcastOptions config, Matchmaker matchmaker, RoomHosts hosts, HandshakeGuard guard, Router router,
                   int port) {
        this.router = router;
        this.config = config;
        this.matchmaker = matchmaker;
        this.hosts = hosts;
        this.guard = guard;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        hosts.add(context);
        Kryo kryo = Messages.newKryo();
        HttpServerOptions options = new HttpServerOptions()
                .setMaxWebSocketFrameSize(Protocol.MAX_CLIENT_MESSAGE_BYTES)
                .setMaxWebSocketMessageSize(Protocol.MAX_CLIENT_MESSAGE_BYTES)
                .setWebSocketSubProtocols(List.of(Protocol.SUBPROTOCOL))
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setTcpNoDelay(true);
        if (config.tlsKeyStore() != null) {
            options.setSsl(true).setKeyCertOptions(new PfxOptions().setPath(config.tlsKeyStore())
                    .setPassword(config.tlsKeyStorePassword()));
        } else if (config.tlsCertPath() != null) {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions().setCertPath(config.tlsCertPath())
                    .setKeyPath(config.tlsKeyPath()));
        }
        if (config.sendBufferBytes() > 0) {
            options.setSendBufferSize(config.sendBufferBytes());
        }
        server = vertx.createHttpServer(options)
                .webSocketHandshakeHandler(this::handshake)
                .webSocketHandler(ws -> accept(ws, kryo))
                .requestHandler(router);
        vertx.setPeriodic(config.pingIntervalMs(), id -> keepAlive());
        return server.listen(port, config.host());
    }

    private void handshake(ServerWebSocketHandshake hs) {
        if (!"/ws".equals(hs.path())) {
            hs.reject(404);
            return;
        }
        String offered = hs.headers().get("Sec-WebSocket-Protocol");
        if (offered == null || !List.of(offered.split("\\s*,\\s*")).contains(Protocol.SUBPROTOCOL)) {
            hs.reject(400);
            return;
        }
        int refusal = guard.check(hs, System.nanoTime());
        if (refusal != 0) {
            hs.reject(refusal);
            return;
        }
        hs.accept().onFailure(e -> guard.closed());
    }

    private void accept(ServerWebSocket ws, Kryo kryo) {
        Connection[] self = new Connection[1];
        self[0] = new Connection(ws, matchmaker, kryo, config, System::nanoTime, () -> {
            guard.closed();
            connections.remove(self[0]);
        });
        connections.add(self[0]);
    }

    private void keepAlive() {
        for (Connection c : List.copyOf(connections)) {
            c.keepAlive();
        }
    }

    @Override
    public Future<?> stop() {
        return server.close();
    }

    int actualPort() {
        return server.actualPort();
    }
}
