package dev.tickcast.server.internal.transport;

import io.netty.util.AttributeKey;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts the server's TCP connections by state, shared by every event loop: a connection is
 * <em>pending</em> from its accept until it becomes a WebSocket or closes, then <em>open</em> (a
 * WebSocket) until it closes; a connection that carries the requests of a live HTTP session is a
 * <em>carrier</em> meanwhile (it is bounded through its session, as a WebSocket is), and pending
 * again when no live session uses it. Each connection is one {@link Entry} whose counts follow its
 * state (closed is final), so a connection is added and removed exactly once whatever path (clean
 * close, reset, refusal, server shutdown) and in whatever order the hooks report it.
 *
 * <p>Pending connections are bounded in all and per address ({@link #open}). Thread-safe.
 */
public final class ConnectionLedger {
    /** Why {@link #open} refused a connection. */
    public enum Refusal { NONE, TOTAL, PER_ADDRESS }

    /** The entry of a TCP connection, on its Netty channel: the WebSocket or HTTP session it carries finds it there. */
    public static final AttributeKey<Entry> CHANNEL_ENTRY = AttributeKey.valueOf("tickcast.ledger");

    private final int maxPending;
    private final int maxPendingPerAddress;
    private final Map<String, int[]> pendingByAddress = new HashMap<>();
    private int pending;
    private int webSockets;
    private int carriers;

    /** A ledger admitting {@code maxPending} pending connections, {@code maxPendingPerAddress} from one address. */
    public ConnectionLedger(int maxPending, int maxPendingPerAddress) {
        this.maxPending = maxPending;
        this.maxPendingPerAddress = maxPendingPerAddress;
    }

    /** One TCP connection's place in the ledger. */
    public final class Entry {
        /** The address counted, or null when the connection is exempt from the per-address part. */
        private final String address;
        private boolean webSocket;
        private boolean closed;
        /** The live HTTP sessions whose requests this connection carries ({@link #carry}). */
        private int sessions;

        private Entry(String address) {
            this.address = address;
        }

        /** The connection became a WebSocket: it no longer counts as pending. Idempotent; ignored once closed. */
        public void upgraded() {
            synchronized (ConnectionLedger.this) {
                State before = state();
                webSocket = true;
                move(before);
            }
        }

        /**
         * The connection carries the requests of one more live HTTP session: it counts as a
         * carrier, not as pending, until every such session lets it go ({@link #release}) or it closes.
         */
        public void carry() {
            synchronized (ConnectionLedger.this) {
                State before = state();
                sessions++;
                move(before);
            }
        }

        /** A session that {@link #carry carried} on this connection no longer does: pending again when none is left. */
        public void release() {
            synchronized (ConnectionLedger.this) {
                State before = state();
                sessions = Math.max(0, sessions - 1);
                move(before);
            }
        }

        /** The connection closed: it no longer counts at all. Idempotent. */
        public void closed() {
            synchronized (ConnectionLedger.this) {
                State before = state();
                closed = true;
                move(before);
            }
        }

        private State state() {
            if (closed) {
                return State.CLOSED;
            }
            if (webSocket) {
                return State.WEBSOCKET;
            }
            return sessions > 0 ? State.CARRIER : State.PENDING;
        }

        /** Moves the counts from {@code before} to the entry's state now. */
        private void move(State before) {
            State after = state();
            if (after == before) {
                return;
            }
            switch (before) {
                case PENDING -> releasePending(address);
                case WEBSOCKET -> webSockets--;
                case CARRIER -> carriers--;
                default -> {
                    return; // closed is final
                }
            }
            switch (after) {
                case PENDING -> addPending(address);
                case WEBSOCKET -> webSockets++;
                case CARRIER -> carriers++;
                default -> {
                }
            }
        }
    }

    /** Where a connection counts. */
    private enum State { PENDING, WEBSOCKET, CARRIER, CLOSED }

    /** Result of {@link #open}: the entry of an admitted connection, or the refusal. */
    public record Admission(Entry entry, Refusal refusal) {
    }

    /**
     * A TCP connection from {@code address} was accepted: its entry (pending), or no entry and the
     * reason when the pending connections are at their bound (the caller closes it at once).
     */
    public Admission open(String address) {
        return open(address, false);
    }

    /**
     * The same; {@code exempt}: the connection counts in all but not per address (a trusted
     * reverse proxy's, which carries many clients' requests under one address).
     */
    public synchronized Admission open(String address, boolean exempt) {
        if (pending >= maxPending) {
            return new Admission(null, Refusal.TOTAL);
        }
        if (exempt) {
            pending++;
            return new Admission(new Entry(null), Refusal.NONE);
        }
        int[] n = pendingByAddress.get(address);
        if ((n == null ? 0 : n[0]) >= maxPendingPerAddress) {
            return new Admission(null, Refusal.PER_ADDRESS);
        }
        if (n == null) {
            n = new int[1];
            pendingByAddress.put(address, n);
        }
        n[0]++;
        pending++;
        return new Admission(new Entry(address), Refusal.NONE);
    }

    /** A connection counts as pending again (a carrier that no session uses): past the bounds too, as it is open. */
    private void addPending(String address) {
        pending++;
        if (address != null) {
            pendingByAddress.computeIfAbsent(address, a -> new int[1])[0]++;
        }
    }

    private void releasePending(String address) {
        pending--;
        if (address == null) {
            return;
        }
        int[] n = pendingByAddress.get(address);
        if (n != null && --n[0] <= 0) {
            pendingByAddress.remove(address);
        }
    }

    /** TCP connections that are not WebSockets. */
    public synchronized int pending() {
        return pending;
    }

    /** Open WebSockets. */
    public synchronized int webSockets() {
        return webSockets;
    }

    /** Connections that carry requests of live HTTP sessions (not pending, not WebSockets). */
    public synchronized int carriers() {
        return carriers;
    }

    /** Pending connections from {@code address}. */
    public synchronized int pending(String address) {
        int[] n = pendingByAddress.get(address);
        return n == null ? 0 : n[0];
    }
}
