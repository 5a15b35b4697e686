package dev.tickcast.server.internal.transport;

import dev.tickcast.server.internal.net.TokenBucket;
import dev.tickcast.server.internal.net.RefusalLog;
import dev.tickcast.server.internal.net.ClientAddress;
import dev.tickcast.server.internal.net.OriginPolicy;
import io.vertx.core.http.ServerWebSocketHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, before the upgrade, whether a WebSocket handshake is admitted. Shared by every event loop.
 * <ul>
 *   <li>HTTP 403: a browser {@code Origin} that {@link OriginPolicy} does not allow;</li>
 *   <li>HTTP 429: more handshakes from one remote address than its token bucket allows, or that
 *       address already holds its maximum number of WebSockets;</li>
 *   <li>HTTP 503: the process already holds its maximum number of connections.</li>
 * </ul>
 * Clients that send no {@code Origin} (not browsers) pass the origin check. It also bounds the TCP
 * connections that are not WebSockets ({@link #openTcp}). Refusals are logged through a
 * {@link RefusalLog}, so a flood writes a couple of lines.
 */
public final class HandshakeGuard {
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeGuard.class);

    private final HandshakeLimits limits;
    private final OriginPolicy origins;
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final ConnectionLedger ledger;
    private final Map<String, int[]> perAddress = new HashMap<>();
    private final RefusalLog refusals = new RefusalLog(LOG);
    private final RefusalLog violations = new RefusalLog(LoggerFactory.getLogger(WebSocketConnection.class));
    private final ClientAddress clients;

    /**
     * A guard with {@code limits}, allowing the browser origins of {@code origins} and
     * counting clients by the addresses {@code clients} gives.
     */
    public HandshakeGuard(HandshakeLimits limits, OriginPolicy origins, ClientAddress clients) {
        this.limits = limits;
        this.origins = origins;
        this.clients = clients;
        this.ledger = new ConnectionLedger(limits.maxPendingConnections(), limits.maxPendingConnectionsPerAddress());
    }

    /** The HTTP status refusing {@code hs}, or 0 to admit it (and count the connection). */
    public int check(ServerWebSocketHandshake hs, long nowNs) {
        String address = address(hs);
        int refusal = checkOrigin(hs.headers().get("Origin"), hs.headers().get("Host"), hs.scheme(), address, "handshake");
        if (refusal == 0) {
            refusal = takeHandshake(address, nowNs, "handshake");
        }
        return refusal == 0 ? takeConnection(address, "handshake") : refusal;
    }

    /**
     * 403 (logged as a refusal of {@code what}) for a browser {@code origin} that may not connect,
     * else 0; a request without an Origin (not a browser) passes.
     */
    public int checkOrigin(String origin, String hostHeader, String scheme, String address, String what) {
        if (origin != null && !originAllowed(origin, hostHeader, scheme)) {
            refusals.refused(address, what + " refused: foreign origin (403)");
            return 403;
        }
        return 0;
    }

    /**
     * Takes a token of the address's handshake bucket, shared by WebSocket handshakes and HTTP
     * sessions opened: 0, or 429 (logged) when it is empty.
     */
    public int takeHandshake(String address, long nowNs, String what) {
        if (!takeHandshake(address, nowNs)) {
            refusals.refused(address, what + " refused: rate limited (429)");
            return 429;
        }
        return 0;
    }

    /**
     * Counts one more connection (a WebSocket or an HTTP session) of {@code address}: 0, or 429
     * when the address holds its maximum already, 503 when the process does (logged). A connection
     * counted is released with {@link #closed}.
     */
    public int takeConnection(String address, String what) {
        if (!takeAddressSlot(address)) {
            refusals.refused(address, what + " refused: " + limits.maxConnectionsPerAddress()
                    + " WebSockets and HTTP sessions from this address already (429)");
            return 429;
        }
        if (connections.incrementAndGet() > limits.maxConnections()) {
            connections.decrementAndGet();
            releaseAddressSlot(address);
            refusals.refused(address, what + " refused: connection cap " + limits.maxConnections() + " reached (503)");
            return 503;
        }
        return 0;
    }

    /** The client address a guard counts {@code hs} under (X-Forwarded-For only from a trusted proxy). */
    public String address(ServerWebSocketHandshake hs) {
        return clients.of(hs.remoteAddress(), hs.headers());
    }

    /** The client address of a connection from {@code peer} with request {@code headers} (may be null). */
    public String address(io.vertx.core.net.SocketAddress peer, io.vertx.core.MultiMap headers) {
        return clients.of(peer, headers);
    }

    /** A connection admitted by {@link #check} from {@code address} has closed. */
    public void closed(String address) {
        connections.decrementAndGet();
        releaseAddressSlot(address);
    }

    /**
     * A TCP connection from {@code peer} opened: its ledger entry (pending until it becomes a
     * WebSocket or closes), or null if the connections that are not WebSockets are over their
     * bound, in all or from this peer's address key ({@link ClientAddress#ofPeer}: IPv6 by prefix)
     * (the caller closes it at once). A trusted proxy's connections are bounded in all only: it
     * carries many clients under one address.
     */
    public ConnectionLedger.Entry openTcp(io.vertx.core.net.SocketAddress peer) {
        String address = clients.ofPeer(peer);
        ConnectionLedger.Admission admission = ledger.open(address, clients.trusts(peer));
        switch (admission.refusal()) {
            case TOTAL -> refusals.refused(address, "connection closed: " + limits.maxPendingConnections()
                    + " connections are not WebSockets already");
            case PER_ADDRESS -> refusals.refused(address, "connection closed: "
                    + limits.maxPendingConnectionsPerAddress()
                    + " connections from this address are not WebSockets already");
            default -> {
            }
        }
        return admission.entry();
    }

    /** An HTTP request on a connection from {@code address} took too long to send its body (the connection closes). */
    public void requestTimedOut(String address) {
        refusals.refused(address, "connection closed: request body not received within "
                + limits.httpRequestTimeoutMs() + " ms");
    }

    /** TCP connections that are not WebSockets (the pending-connection gauge). */
    public int pendingConnections() {
        return ledger.pending();
    }

    /** TCP connections that are WebSockets (the open-connection gauge). */
    public int openWebSockets() {
        return ledger.webSockets();
    }

    /** TCP connections that carry requests of live HTTP sessions. */
    public int carrierConnections() {
        return ledger.carriers();
    }

    /** Logs a refusal of {@code address} (once per address, kind and period). */
    public void refused(String address, String what) {
        refusals.refused(address, what);
    }

    private synchronized boolean takeAddressSlot(String address) {
        int[] n = perAddress.computeIfAbsent(address, a -> new int[1]);
        if (n[0] >= limits.maxConnectionsPerAddress()) {
            return false;
        }
        n[0]++;
        return true;
    }

    private synchronized void releaseAddressSlot(String address) {
        int[] n = perAddress.get(address);
        if (n != null && --n[0] <= 0) {
            perAddress.remove(address);
        }
    }

    /** The log of WebSocket violations (a close for breaking a rule), shared by every connection. */
    public RefusalLog violations() {
        return violations;
    }

    /** Open connections. */
    public int connections() {
        return connections.get();
    }

    /** Forgets the buckets of addresses that have been quiet long enough to be full again. */
    public synchronized void sweep(long nowNs) {
        refusals.sweep(nowNs);
        violations.sweep(nowNs);
        Iterator<TokenBucket> it = buckets.values().iterator();
        while (it.hasNext()) {
            if (it.next().full(nowNs)) {
                it.remove();
            }
        }
    }

    private synchronized boolean takeHandshake(String address, long nowNs) {
        TokenBucket bucket = buckets.computeIfAbsent(address, a -> new TokenBucket(
                limits.handshakesPerSecondPerAddress(), limits.handshakeBurstPerAddress(), nowNs));
        return bucket.take(nowNs);
    }

    private boolean originAllowed(String origin, String hostHeader, String scheme) {
        return origins.allows(origin, hostHeader, scheme);
    }
}
