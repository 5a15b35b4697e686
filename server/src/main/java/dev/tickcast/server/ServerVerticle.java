package dev.tickcast.server;

import com.esotericsoftware.kryo.Kryo;
import dev.tickcast.server.http.HttpApi;
import dev.tickcast.server.match.Matchmaker;
import dev.tickcast.server.transport.Connection;
import dev.tickcast.wire.Messages;
import dev.tickcast.wire.Protocol;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocketHandshake;

import java.util.List;

/**
 * One per event loop: listens on the shared port (Vert.x spreads accepted sockets over the
 * instances), serves HTTP and upgrades {@code /ws} to the game WebSocket. Its context also hosts
 * rooms ({@link RoomHosts}).
 */
final class ServerVerticle extends VerticleBase {
    private final ServerConfig config;
    private final Matchmaker matchmaker;
    private final RoomHosts hosts;
    private final int port;
    private HttpServer server;

    ServerVerticle(ServerConfig config, Matchmaker matchmaker, RoomHosts hosts, int port) {
        this.config = config;
        this.matchmaker = matchmaker;
        this.hosts = hosts;
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
        if (config.sendBufferBytes() > 0) {
            options.setSendBufferSize(config.sendBufferBytes());
        }
        server = vertx.createHttpServer(options)
                .webSocketHandshakeHandler(this::handshake)
                .webSocketHandler(ws -> new Connection(ws, matchmaker, kryo, config.writeQueueMaxBytes()))
                .requestHandler(new HttpApi(matchmaker).router(vertx));
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
        hs.accept();
    }

    @Override
    public Future<?> stop() {
        return server.close();
    }

    int actualPort() {
        return server.actualPort();
    }
}
