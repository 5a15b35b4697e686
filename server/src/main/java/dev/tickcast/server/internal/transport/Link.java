package dev.tickcast.server.internal.transport;

import io.vertx.core.buffer.Buffer;

/**
 * The outbound side of one client connection, as a room sees it. The WebSocket implementation is
 * safe to call from the room's thread although the socket belongs to another event loop (Vert.x 5
 * queues writes from any thread); the bench uses an in-memory implementation.
 */
public interface Link {
    /** True if the connection can take another message now (its write queue is not full). */
    boolean writable();

    /** Sends one binary message; the buffer may be shared with other links and must not be changed. */
    void send(Buffer message);

    /** Closes the connection with a WebSocket close code (docs/PROTOCOL.md, "Close codes"). */
    void close(short code, String reason);

    /** True once the connection is closed or closing. */
    boolean closed();

    /** The remote address, for logs. */
    String remote();

    /**
     * The event loop the connection lives on, so that a room on another loop can hand it its writes
     * in one batch per loop; null when writes cost nothing to make from any thread (in-memory links).
     */
    default io.netty.util.concurrent.EventExecutor loop() {
        return null;
    }
}
