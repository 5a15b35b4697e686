package dev.tickcast.server.internal.engine;

import dev.tickcast.server.TickcastOptions;
import com.esotericsoftware.kryo.Kryo;
import io.vertx.ext.web.Router;
import dev.tickcast.server.internal.match.Matchmaker;
import dev.tickcast.server.internal.metrics.ServerMetrics;
import dev.tickcast.server.internal.session.SeatClaims;
import dev.tickcast.server.internal.session.SessionLimits;
import dev.tickcast.server.internal.transport.WebSocketConnection;
import dev.tickcast.server.internal.transport.http.HttpLoop;
import dev.tickcast.server.internal.transport.http.HttpSessions;
import dev.tickcast.server.internal.metrics.TransportMeters;
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
import dev.tickcast.server.internal.transport.ConnectionLedger;
import dev.tickcast.server.internal.transport.HandshakeGuard;
import dev.tickcast.server.internal.transport.HandshakeLimits;
import dev.tickcast.server.internal.net.ClientAddress;
import dev.tickcast.server.internal.net.OriginPolicy;
import dev.tickcast.server.internal.transport.RequestBodyGuard;
import dev.tickcast.server.internal.transport.Subprotocols;
import io.netty.channel.Channel;
import io.vertx.core.internal.http.WebSocketInternal;
import java.util.HashSet;
import java.util.Set;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One per event loop: listens on the shared port (Vert.x spreads accepted sockets over the
 * instances), serves HTTP through the shared router and upgrades {@code /ws} to the game WebSocket. Its context also hosts
 * rooms ({@link RoomHosts}) and is the home of the HTTP sessions opened on it ({@link HttpLoop}), whose timers it runs.
 */
final class ServerVerticle extends VerticleBase {
    private final TickcastOptions config;
    private final SeatClaims seats;
    private final SessionLimits limits;
    private final RoomHosts hosts;
    private final HandshakeGuard guard;
    private final Router router;
    private final ServerMetrics metrics;
    private final int port;
    private final Set<WebSocketConnection> connections = new HashSet<>();
    private final HttpSessions httpSessions;
    private final TransportMeters webSockets;
    private HttpLoop httpLoop;
    private HttpServer server;

    ServerVerticle(TickcastOptions config, Matchmaker matchmaker, RoomHosts hosts, HandshakeGuard guard, Router router,
                   int port, ServerMetrics metrics, HttpSessions httpSessions) {
        this.router = router;
        this.httpSessions = httpSessions;
        this.webSockets = metrics.transport(TransportMeters.WEBSOCKET);
        this.metrics = metrics;
        this.config = config;
        this.seats = SeatClaims.of(matchmaker);
        this.limits = sessionLimits(config);
        this.hosts = hosts;
        this.guard = guard;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        hosts.add(context);
        Kryo kryo = Messages.newKryo();
        httpLoop = httpSessions.addLoop(context, kryo);
        HttpServerOptions options = new HttpServerOptions()
                .setMaxWebSocketFrameSize(Protocol.MAX_CLIENT_MESSAGE_BYTES)
                .setMaxWebSocketMessageSize(Protocol.MAX_CLIENT_MESSAGE_BYTES)
                .setWebSocketSubProtocols(List.of(Protocol.SUBPROTOCOL))
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setTcpNoDelay(true)
                // HTTP/1.1 only: nothing needs HTTP/2, whose streams and flow control are another way to hold
                // memory; and without h2c detection Vert.x hands over each connection at accept, not at its first bytes
                .setHttp2ClearTextEnabled(false)
                .setUseAlpn(false)
                // HTTP only (HTTP sessions included: they write before it fires); a WebSocketConnection removes
                // this handler and follows its own keep-alive
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
        vertx.setPeriodic(limits.deadlineCheckMs(), id -> checkDeadlines());
        vertx.setPeriodic(limits.pingPeriodMs(), id -> ping());
        metrics.connectionGauges(guard::pendingConnections, guard::openWebSockets, guard::carrierConnections);
        return server.listen(port, config.host());
    }

    private void handshake(ServerWebSocketHandshake hs) {
        if (!"/ws".equals(hs.path())) {
            refuse(hs, 404);
            return;
        }
        String offered = hs.headers().get("Sec-WebSocket-Protocol");
        if (!Subprotocols.offers(offered, Protocol.SUBPROTOCOL)) {
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

    /**
     * Every TCP connection, at its accept (TLS: after its handshake): a ledger entry that counts it as
     * pending until it becomes a WebSocket, released by the channel's own close whatever closes it
     * (Vert.x swaps the connection object at the upgrade, so {@link HttpConnection#closeHandler}
     * does not fire for WebSockets), and a bound on the time its request bodies take.
     */
    private void onTcp(HttpConnection connection) {
        String address = guard.address(connection.remoteAddress(), null);
        ConnectionLedger.Entry entry = guard.openTcp(connection.remoteAddress());
        if (entry == null) {
            connection.close();
            return;
        }
        if (!(connection instanceof io.vertx.core.http.impl.HttpServerConnection http)) {
            connection.closeHandler(v -> entry.closed()); // not HTTP/1.x (never on this port): no upgrade either
            return;
        }
        Channel channel = http.channelHandlerContext().channel();
        channel.attr(ConnectionLedger.CHANNEL_ENTRY).set(entry);
        channel.closeFuture().addListener(f -> entry.closed());
        if (channel.pipeline().get("handler") != null) {
            channel.pipeline().addBefore("handler", RequestBodyGuard.NAME, new RequestBodyGuard(
                    config.httpRequestTimeoutMs(), () -> guard.requestTimedOut(address)));
        }
    }

    /** The connection is a WebSocket now: no longer pending, and no longer an HTTP request. */
    private static void upgraded(ServerWebSocket ws) {
        Channel channel = ((WebSocketInternal) ws).channelHandlerContext().channel();
        ConnectionLedger.Entry entry = channel.attr(ConnectionLedger.CHANNEL_ENTRY).get();
        if (entry != null) {
            entry.upgraded();
        }
        if (channel.pipeline().get(RequestBodyGuard.NAME) != null) {
            channel.pipeline().remove(RequestBodyGuard.NAME);
        }
    }

    private void accept(ServerWebSocket ws, Kryo kryo) {
        upgraded(ws);
        String address = guard.address(ws.remoteAddress(), ws.headers());
        WebSocketConnection[] self = new WebSocketConnection[1];
        self[0] = new WebSocketConnection(ws, seats, kryo, limits, System::nanoTime, () -> guard.closed(address),
                () -> {
                    connections.remove(self[0]);
                    webSockets.closed();
                    metrics.connectionClosed(self[0].serverCloseCode(), ws.closeStatusCode());
                }, guard.violations(), address, webSockets);
        connections.add(self[0]);
        webSockets.opened();
    }

    /** The handshake guard shared by every loop, with its settings from the server's options. */
    static HandshakeGuard handshakeGuard(TickcastOptions config) {
        return new HandshakeGuard(new HandshakeLimits(config.handshakesPerSecondPerAddress(),
                config.handshakeBurstPerAddress(), config.maxConnections(), config.maxConnectionsPerAddress(),
                config.maxPendingConnections(), config.maxPendingConnectionsPerAddress(), config.httpRequestTimeoutMs()),
                new OriginPolicy(config.allowedOrigins(), config.publicUrl()), new ClientAddress(SettingGroups.clients(config)));
    }

    /** The settings of the client sessions, from the server's options. */
    static SessionLimits sessionLimits(TickcastOptions config) {
        return new SessionLimits(config.messagesPerSecond(), config.messageBurst(), config.chatPerSecond(),
                config.chatBurst(), config.gameMessagesPerSecond(), config.gameMessageBurst(), config.idleTimeoutMs(),
                config.joinDeadlineMs(), config.pingIntervalMs(), config.writeQueueMaxBytes());
    }

    /** Join deadlines and idle timeouts, every {@link SessionLimits#deadlineCheckMs}. */
    private void checkDeadlines() {
        long now = System.nanoTime();
        for (WebSocketConnection c : List.copyOf(connections)) {
            c.checkDeadlines(now);
        }
        httpLoop.checkDeadlines(now);
    }

    /** Every ping interval, on a timer of its own so that the period is the interval (PROTOCOL.md 2). */
    private void ping() {
        for (WebSocketConnection c : List.copyOf(connections)) {
            c.ping();
        }
        httpLoop.ping();
    }

    /** Closes every connection and HTTP session of this loop, joined or not, with {@code code}, on this verticle's context. */
    Future<Void> closeAll(short code, String reason) {
        io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
        context.runOnContext(v -> {
            for (WebSocketConnection c : List.copyOf(connections)) {
                c.close(code, reason);
            }
            httpLoop.closeAll(code, reason);
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
