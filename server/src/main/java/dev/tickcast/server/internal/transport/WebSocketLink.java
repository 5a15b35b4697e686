package dev.tickcast.server.internal.transport;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link Link} over a Vert.x server WebSocket. */
public final class WebSocketLink implements Link {
    private final ServerWebSocket ws;
    private final String remote;
    private final EventExecutor loop;
    private volatile short serverCloseCode;
    private final AtomicBoolean violationLogged = new AtomicBoolean();
    private final AtomicInteger violationsNotLogged = new AtomicInteger();

    /** Wraps {@code ws}; {@code writeQueueMaxBytes} bounds what may wait to be written. */
    public WebSocketLink(ServerWebSocket ws, int writeQueueMaxBytes) {
        this.ws = ws;
        this.remote = String.valueOf(ws.remoteAddress());
        this.loop = ((WebSocketInternal) ws).channelHandlerContext().executor();
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

    /**
     * Logs the first violation of this connection (with the code it is closed with) and only
     * counts the later ones, from any thread: a flood cannot make the log longer than one line,
     * plus the count at the end ({@link #logSuppressed}).
     */
    public void logViolation(Logger log, short code, String reason) {
        if (violationLogged.compareAndSet(false, true)) {
            log.info("connection {}: closing with {}: {}", remote, code, reason);
        } else {
            violationsNotLogged.incrementAndGet();
        }
    }

    /** Logs, once the connection has closed, how many violations were not logged. */
    void logSuppressed(Logger log) {
        int n = violationsNotLogged.getAndSet(0);
        if (n > 0) {
            log.info("connection {}: closed; {} more violations after the first were not logged", remote, n);
        }
    }

    @Override
    public EventExecutor loop() {
        return loop;
    }

    @Override
    public String remote() {
        return remote;
    }
}
