package dev.tickcast.server.internal.transport.http;

import dev.tickcast.server.internal.room.ClientLink;
import dev.tickcast.server.internal.room.WriterLoop;
import io.vertx.core.buffer.Buffer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link ClientLink} of an HTTP session: what the room writes goes to the session's outbox on
 * its home loop ({@link #writer()}, so a room on another loop batches its writes there). Safe from
 * any thread: {@link #send} and {@link #close} hop to the home loop when called elsewhere;
 * {@link #writable()} and {@link #closed()} read what the home loop last published.
 */
final class HttpLink implements ClientLink {
    private final HttpSession session;
    private final WriterLoop home;
    private final String remote;
    private final AtomicInteger serverCloseCode = new AtomicInteger();
    private volatile int clientCloseCode = -1;
    private volatile boolean backlogged;

    HttpLink(HttpSession session, WriterLoop home, String remote) {
        this.session = session;
        this.home = home;
        this.remote = remote;
    }

    /**
     * False while a snapshot waits that no response carried, or the unacknowledged bytes reach the
     * bound, or the stream's connection is full: the room then skips snapshots (and closes the
     * session with 4006 when that lasts).
     */
    @Override
    public boolean writable() {
        return !closed() && !backlogged && !session.streamFull();
    }

    @Override
    public void send(Buffer message) {
        if (closed()) {
            return;
        }
        if (home.inLoop()) {
            session.enqueue(message);
        } else {
            home.execute(() -> session.enqueue(message));
        }
    }

    @Override
    public void close(short code, String reason) {
        if (closed() || !serverCloseCode.compareAndSet(0, code)) {
            return;
        }
        if (home.inLoop()) {
            session.end(code, reason);
        } else {
            home.execute(() -> session.end(code, reason));
        }
    }

    @Override
    public boolean closed() {
        return serverCloseCode.get() != 0 || clientCloseCode >= 0;
    }

    @Override
    public String remote() {
        return remote;
    }

    @Override
    public WriterLoop writer() {
        return home;
    }

    /** The close code the server sent, or 0. */
    short serverCloseCode() {
        return (short) serverCloseCode.get();
    }

    /** The client closed the session with {@code code} (its CLOSE record); the home loop only. */
    void clientClosed(int code) {
        clientCloseCode = code;
    }

    /** The close code of the client's CLOSE record, or -1. */
    int clientCloseCode() {
        return clientCloseCode;
    }

    /** True if the session ended by the client's CLOSE record (not by the server). */
    boolean closedByClient() {
        return clientCloseCode >= 0 && serverCloseCode.get() == 0;
    }

    /** The home loop publishes whether the outbox is over its bounds. */
    void backlogged(boolean value) {
        backlogged = value;
    }
}
