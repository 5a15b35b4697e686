package dev.tickcast.server.internal.transport;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/** A {@link Link} over a Vert.x server WebSocket. */
public final class WebSocketLink implements Link {
    private final ServerWebSocket ws;
    private final String remote;
    private volatile short serverCloseCode;

    /** Wraps {@code ws}; {@code writeQueueMaxBytes} bounds what may wait to be written. */
    public WebSocketLink(ServerWebSocket ws, int writeQueueMaxBytes) {
        this.ws = ws;
        this.remote = String.valueOf(ws.remoteAddress());
        ws.setWriteQueueMaxSize(writeQueueMaxBytes);
    }

    @Override
    public boolean writable() {
        if (closed()) {
            return false;
        }
        try {
            return !ws.writeQueueFull();
        } catch (IllegalStateException closedMeanwhile) {
            // the socket closed on its own loop between closed() and writeQueueFull()
            return false;
        }
    }

    @Override
    public void send(Buffer message) {
        if (!closed()) {
            ws.write(message);
        }
    }

    @Override
    public void close(short code, String reason) {
        if (!closed()) {
            serverCloseCode = code;
            ws.close(code, reason);
        }
    }

    @Override
    public boolean closed() {
        return serverCloseCode != 0 || ws.isClosed();
    }

    /** Records that the server closed the connection with {@code code} below Vert.x (a frame-level violation). */
    void closedByServer(short code) {
        serverCloseCode = code;
    }

    /** The close code the server sent, or 0 if the server did not close this connection. */
    public short serverCloseCode() {
        return serverCloseCode;
    }

    @Override
    public String remote() {
        return remote;
    }
}
