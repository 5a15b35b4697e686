package dev.tickcast.server.internal.transport.http;

import dev.tickcast.server.internal.transport.ConnectionLedger;

import java.util.ArrayDeque;

/**
 * The TCP connections that carried a session's latest requests: they count as carriers, not as
 * pending connections ({@link ConnectionLedger.Entry#carry()}), so a player's keep-alive connections
 * are bounded by the connection caps through its session, as a WebSocket is, and not cut by the
 * caps on pending connections. At most {@link #MAX} per session (a {@code recv} and a {@code send}
 * in flight, and one more being replaced): the least recent one is pending again past it, and
 * every one is when the session ends. The session's home loop only.
 */
final class Carriers {
    static final int MAX = 3;

    private final ArrayDeque<ConnectionLedger.Entry> entries = new ArrayDeque<>(MAX + 1);

    /** A request of the session arrived on the connection of {@code entry} (null: not counted). */
    void carry(ConnectionLedger.Entry entry) {
        if (entry == null) {
            return;
        }
        if (entries.peekLast() == entry) {
            return;
        }
        if (entries.removeFirstOccurrence(entry)) {
            entries.addLast(entry);
            return;
        }
        entry.carry();
        entries.addLast(entry);
        if (entries.size() > MAX) {
            entries.removeFirst().release();
        }
    }

    /** The session ended. */
    void releaseAll() {
        while (!entries.isEmpty()) {
            entries.removeFirst().release();
        }
    }
}
