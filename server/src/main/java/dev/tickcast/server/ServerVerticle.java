package dev.tickcast.server;

import com.esotericsoftware.kryo.Kryo;
import io.vertx.ext.web.Router;
import dev.tickcast.server.internal.match.Matchmaker;
import dev.tickcast.server.internal.metrics.ServerMetrics;
import dev.tickcast.server.internal.transport.Connection;
import dev.tickcast.wire.Messages;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpConnection;
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
import java.util.concurrent.TimeUnit;

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
    private final ServerMetrics metrics;
    private final int port;
    private final Set<Connection> connections = new HashSet<>();
    private static final long TICK_MS = 1_000;
    private HttpServer server;
    private long lastPingNs = System.nanoTime();

    ServerVerticle(TickcastOptions config, Matchmaker matchmaker, RoomHosts hosts, HandshakeGuard guard, Router router,
                   int port, ServerMetrics metrics) {
        this.router = router;
        this.metrics = metrics;
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
                .setTcpNoDelay(true)
                // HTTP only: a WebSocket's Connection removes this handler and follows its own keep-alive
                .setIdleTimeout((int) Math.max(1, config.httpIdleTimeoutMs())).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
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
                .connectionHandler(this::onTcp)
                .webSocketHandshakeHandler(this::handshake)
                .webSocketHandler(ws -> accept(ws, kryo))
                .requestHandler(router);
        vertx.setPeriodic(tickMs(), id -> tick());
        return server.listen(port, config.host());
    }

    private void handshake(ServerWebSocketHandshake hs) {
        if (!"/ws".equals(hs.path())) {
            refuse(hs, 404);
            return;
        }
        String offered = hs.headers().get("Sec-WebSocket-Protocol");
        if (offered == null || !List.of(offered.split("\\s*,\\s*")).contains(Protocol.SUBPROTOCOL)) {
            refuse(hs, 400);
            return;
        }
        int refusal = guard.check(hs, System.nanoTime());
        if (refusal != 0) {
            refuse(hs, refusal);
            return;
        }
        String address = guard.address(hs);
        hs.accept().onFailure(e -> guard.closed(address));
    }

    private void refuse(ServerWebSocketHandshake hs, int status) {
        metrics.handshakeRefused(status);
        hs.reject(status);
    }

    private void onTcp(HttpConnection connection) {
        String address = connection.remoteAddress() == null ? "?" : connection.remoteAddress().hostAddress();
        boolean admitted = guard.openTcp(address);
        connection.closeHandler(v -> guard.closeTcp());
        if (!admitted) {
            connection.close();
        }
    }

    private void accept(ServerWebSocket ws, Kryo kryo) {
        String address = guard.address(ws.remoteAddress(), ws.headers());
        Connection[] self = new Connection[1];
        self[0] = new Connection(ws, matchmaker, kryo, config, System::nanoTime, () -> guard.closed(address),
                () -> {
                    connections.remove(self[0]);
                    metrics.connectionClosed(self[0].serverCloseCode(), ws.closeStatusCode());
                });
        connections.add(self[0]);
    }

    /** At most a second, and a quarter of the shortest connection timer, so that each fires close to its time. */
    private long tickMs() {
        long shortest = Math.min(config.pingIntervalMs(), Math.min(config.idleTimeoutMs(), config.joinDeadlineMs()) / 4);
        return Math.max(10, Math.min(TICK_MS, shortest));
    }

    /** Every tick: join deadlines and idle timeouts, and a ping every ping interval. */
    private void tick() {
        long now = System.nanoTime();
        boolean ping = now - lastPingNs >= config.pingIntervalMs() * 1_000_000L;
        if (ping) {
            lastPingNs = now;
        }
        for (Connection c : List.copyOf(connections)) {
            c.tick(now, ping);
        }
    }

    /** Closes every connection of this loop, joined or not, with {@code code}, on this verticle's context. */
    Future<Void> closeAll(short code, String reason) {
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        context.runOnContext(v -> {
            for (Connection c : List.copyOf(connections)) {
                c.close(code, reason);
            }
            done.complete();
        });
        return done.future();
    }

    @Override
    public Future<?> stop() {
        return server.close();
    }

    int actualPort() {
        return server.actualPort();
    }
}
