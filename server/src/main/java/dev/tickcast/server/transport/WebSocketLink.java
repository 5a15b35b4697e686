package dev.tickcast.server.transport;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/** A {@link Link} over a Vert.x server WebSocket. */
public final class WebSocketLink implements Link {
    private final ServerWebSocket ws;
    private final String remote;
    private boolean closeRequested;

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
            closeRequested = true;
            ws.close(code, reason);
        }
    }

    @Override
    public boolean closed() {
        return closeRequested || ws.isClosed();
    }

    @Override
    public String remote() {
        return remote;
    }
}
