package dev.tickcast.bench.load;

import dev.tickcast.wire.Protocol;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;

import java.util.ArrayList;
import java.util.List;

/**
 * The bare-transport floor: a Vert.x 5 WebSocket server with no game and no protocol. Each
 * instance (one per event loop) writes one fixed binary frame to each of its own sockets every
 * period and discards whatever the clients send. What it costs per client is the cost of one
 * WebSocket write and one read per player per snapshot on this machine and transport, the floor
 * Tickcast's own CPU per client is measured against. The frame's first byte is SNAPSHOT's type byte,
 * so that the bench's bots count its arrivals as they count snapshots.
 */
public final class FloorServer extends VerticleBase {
    /** The frame size: a steady-state arena delta at 16 players (bench/results). */
    public static final int DEFAULT_FRAME_BYTES = 107;

    private final String host;
    private final int port;
    private final long periodMs;
    private final Buffer frame;
    private final List<ServerWebSocket> sockets = new ArrayList<>();

    /** One loop's share of a floor server on {@code host:port}. */
    public FloorServer(String host, int port, long periodMs, int frameBytes) {
        this.host = host;
        this.port = port;
        this.periodMs = periodMs;
        byte[] bytes = new byte[frameBytes];
        bytes[0] = (byte) Protocol.typeByte(Protocol.SNAPSHOT);
        this.frame = Buffer.buffer(bytes);
    }

    @Override
    public Future<?> start() {
        vertx.setPeriodic(periodMs, id -> {
            for (int i = 0, n = sockets.size(); i < n; i++) {
                sockets.get(i).write(frame);
            }
        });
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
                .setWebSocketSubProtocols(List.of(Protocol.SUBPROTOCOL));
        return vertx.createHttpServer(options).webSocketHandler(ws -> {
            sockets.add(ws);
            ws.binaryMessageHandler(discard -> { });
            ws.closeHandler(v -> sockets.remove(ws));
        }).listen();
    }
}
