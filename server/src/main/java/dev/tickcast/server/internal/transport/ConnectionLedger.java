package dev.tickcast.server.internal.transport;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts the server's TCP connections by state, shared by every event loop: a connection is
 * <em>pending</em> from its accept until it becomes a WebSocket or closes, then <em>open</em> (a
 * WebSocket) until it closes. Each connection is one {@link Entry} whose state moves forward only
 * (pending, WebSocket, closed), so a connection is added and removed exactly once whatever path
 * (clean close, reset, refusal, server shutdown) and in whatever order the hooks report it.
 *
 * <p>Pending connections are bounded in all and per address ({@link #open}). Thread-safe.
 */
public final class ConnectionLedger {
    /** Why {@link #open} refused a connection. */
    public enum Refusal { NONE, TOTAL, PER_ADDRESS }

    private final int maxPending;
    private final int maxPendingPerAddress;
    private final Map<String, int[]> pendingByAddress = new HashMap<>();
    private int pending;
    private int webSockets;

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

        private Entry(String address) {
            this.address = address;
        }

        /** The connection became a WebSocket: it no longer counts as pending. Idempotent; ignored once closed. */
        public void upgraded() {
            synchronized (ConnectionLedger.this) {
                if (closed || webSocket) {
                    return;
                }
                webSocket = true;
                releasePending(address);
                webSockets++;
            }
        }

        /** The connection closed: it no longer counts at all. Idempotent. */
        public void closed() {
            synchronized (ConnectionLedger.this) {
                if (closed) {
                    return;
                }
                closed = true;
                if (webSocket) {
                    webSockets--;
                } else {
                    releasePending(address);
                }
            }
        }

    }

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

    /** Pending connections from {@code address}. */
    public synchronized int pending(String address) {
        int[] n = pendingByAddress.get(address);
        return n == null ? 0 : n[0];
    }
}
