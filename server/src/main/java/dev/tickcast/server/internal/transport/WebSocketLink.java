package dev.tickcast.server.internal.transport;

import dev.tickcast.server.internal.net.RefusalLog;
import dev.tickcast.server.internal.room.ClientLink;
import dev.tickcast.server.internal.room.WriterLoop;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** A {@link ClientLink} over a Vert.x server WebSocket. */
public final class WebSocketLink implements ClientLink {
    private final ServerWebSocket ws;
    private final String remote;
    private final WriterLoop writer;
    private volatile short serverCloseCode;
    /** Written by the connection's event loop, read by the room's thread. */
    private volatile int rttMs = -1;
    private final RefusalLog violations;
    private final String client;
    private final AtomicBoolean violationLogged = new AtomicBoolean();
    private final AtomicInteger violationsNotLogged = new AtomicInteger();
    private final LongAdder sent;

    /**
     * Wraps {@code ws} of the client address {@code client}; {@code writeQueueMaxBytes} bounds what
     * may wait to be written; violations are logged through {@code violations}, shared by every
     * connection; the bytes of the messages sent are added to {@code sent}.
     */
    public WebSocketLink(ServerWebSocket ws, int writeQueueMaxBytes, RefusalLog violations, String client, LongAdder sent) {
        this.ws = ws;
        this.sent = sent;
        this.violations = violations;
        this.client = client;
        this.remote = String.valueOf(ws.remoteAddress());
        this.writer = new NettyWriterLoop(((WebSocketInternal) ws).channelHandlerContext().executor());
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
            sent.add(message.length());
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
     * Logs the first violation of this connection (with the code it is closed with) through the
     * shared refusal log, and only counts the later ones, from any thread: a flood on one
     * connection writes at most one line, and many connections from one client address at most one
     * line per kind and period (RefusalLog), however many it opens.
     */
    public void logViolation(short code, String reason) {
        if (violationLogged.compareAndSet(false, true)) {
            violations.refused(client, "WebSocket closed with " + code + ": " + reason);
        } else {
            violationsNotLogged.incrementAndGet();
        }
    }

    /** Once the connection has closed: records that it broke the protocol again after its first violation. */
    void logSuppressed() {
        if (violationsNotLogged.getAndSet(0) > 0) {
            violations.refused(client, "WebSocket kept breaking the protocol after its first violation");
        }
    }

    @Override
    public int rttMs() {
        return rttMs;
    }

    /** The session measured a round trip (the event loop's thread). */
    void roundTrip(int ms) {
        rttMs = ms;
    }

    @Override
    public WriterLoop writer() {
        return writer;
    }


    @Override
    public String remote() {
        return remote;
    }
}
