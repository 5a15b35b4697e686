package dev.tickcast.server.internal.transport;

import dev.tickcast.server.TickcastOptions;
import io.vertx.core.http.ServerWebSocketHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, before the upgrade, whether a WebSocket handshake is admitted. Shared by every event loop.
 * <ul>
 *   <li>HTTP 403: a browser {@code Origin} that is neither the server's own origin, nor in the
 *       configured allowlist, nor (with no allowlist configured) a localhost origin;</li>
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
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final TickcastOptions config;
    private final List<String> allowed;
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger tcp = new AtomicInteger();
    private final Map<String, int[]> perAddress = new HashMap<>();
    private final RefusalLog refusals = new RefusalLog(LOG);
    private final ClientAddress clients;

    /** A guard with the limits of {@code config}. */
    public HandshakeGuard(TickcastOptions config) {
        this.config = config;
        this.allowed = config.allowedOrigins();
        this.clients = ClientAddress.from(config);
    }

    /** The HTTP status refusing {@code hs}, or 0 to admit it (and count the connection). */
    public int check(ServerWebSocketHandshake hs, long nowNs) {
        String origin = hs.headers().get("Origin");
        String address = address(hs);
        if (origin != null && !originAllowed(origin, hs.headers().get("Host"), hs.scheme())) {
            refusals.refused(address, "handshake refused: foreign origin (403)");
            return 403;
        }
        if (!takeHandshake(address, nowNs)) {
            refusals.refused(address, "handshake refused: rate limited (429)");
            return 429;
        }
        if (!takeAddressSlot(address)) {
            refusals.refused(address, "handshake refused: " + config.maxConnectionsPerAddress()
                    + " WebSockets from this address already (429)");
            return 429;
        }
        if (connections.incrementAndGet() > config.maxConnections()) {
            connections.decrementAndGet();
            releaseAddressSlot(address);
            refusals.refused(address, "handshake refused: connection cap " + config.maxConnections() + " reached (503)");
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
     * A TCP connection opened; false if the connections that are not WebSockets are over their
     * bound (the caller closes it at once). Every call is matched by {@link #closeTcp()}.
     */
    public boolean openTcp(String address) {
        int pending = tcp.incrementAndGet() - connections.get();
        if (pending > config.maxPendingConnections()) {
            refusals.refused(address, "connection closed: " + config.maxPendingConnections()
                    + " connections are not WebSockets already");
            return false;
        }
        return true;
    }

    /** A TCP connection counted by {@link #openTcp} closed. */
    public void closeTcp() {
        tcp.decrementAndGet();
    }

    private synchronized boolean takeAddressSlot(String address) {
        int[] n = perAddress.computeIfAbsent(address, a -> new int[1]);
        if (n[0] >= config.maxConnectionsPerAddress()) {
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

    /** Open connections. */
    public int connections() {
        return connections.get();
    }

    /** Forgets the buckets of addresses that have been quiet long enough to be full again. */
    public synchronized void sweep(long nowNs) {
        refusals.sweep(nowNs);
        Iterator<TokenBucket> it = buckets.values().iterator();
        while (it.hasNext()) {
            if (it.next().full(nowNs)) {
                it.remove();
            }
        }
    }

    private synchronized boolean takeHandshake(String address, long nowNs) {
        TokenBucket bucket = buckets.computeIfAbsent(address, a -> new TokenBucket(
                config.handshakesPerSecondPerAddress(), config.handshakeBurstPerAddress(), nowNs));
        return bucket.take(nowNs);
    }

    private boolean originAllowed(String origin, String hostHeader, String scheme) {
        if (allowed.contains(origin)) {
            return true;
        }
        URI uri;
        try {
            uri = new URI(origin);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        if (uri.getHost() == null) {
            return false;
        }
        String own = (scheme == null ? "http" : scheme) + "://" + hostHeader;
        if (hostHeader != null && origin.equalsIgnoreCase(own)) {
            return true;
        }
        return allowed.isEmpty() && LOCAL_HOSTS.contains(uri.getHost().toLowerCase(java.util.Locale.ROOT));
    }
}
