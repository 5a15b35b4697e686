package dev.tickcast.server.internal.room;

import io.vertx.core.buffer.Buffer;

/**
 * The outbound side of one client, as a room sees it: the port every transport implements (the
 * WebSocket adapter, the bench's in-memory links). Owned by the room side, so rooms know no
 * transport. An implementation must be safe to call from the room's thread although the
 * connection may belong to another thread ({@link #writer()}).
 */
public interface ClientLink {
    /** True if the client can take another message now (its write queue is not full). */
    boolean writable();

    /** Sends one binary message; the buffer may be shared with other links and must not be changed. */
    void send(Buffer message);

    /** Closes the client with a WebSocket close code (docs/PROTOCOL.md, "Close codes"). */
    void close(short code, String reason);

    /** True once the client is closed or closing. */
    boolean closed();

    /**
     * The round trip to the client in ms, as the transport measured it from its keep-alive pings
     * (docs/PROTOCOL.md 7.6), or -1 if unknown (not measured yet, or a transport without pongs such
     * as the HTTP binding). Safe to read from the room's thread while the transport's thread writes it.
     */
    default int rttMs() {
        return -1;
    }

    /** The remote address, for logs. */
    String remote();

    /**
     * The thread the link's writes are cheapest from, so that a room on another thread can hand
     * its writes over in one batch per writer ({@link Outbound}); null when writes cost nothing to
     * make from any thread (in-memory links).
     */
    default WriterLoop writer() {
        return null;
    }
}
