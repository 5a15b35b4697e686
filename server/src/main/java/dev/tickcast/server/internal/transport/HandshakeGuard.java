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
 *   <li>HTTP 429: more handshakes from one remote address than its token bucket allows;</li>
 *   <li>HTTP 503: the process already holds its maximum number of connections.</li>
 * </ul>
 * Clients that send no {@code Origin} (not browsers) pass the origin check.
 */
public final class HandshakeGuard {
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeGuard.class);
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final TickcastOptions config;
    private final List<String> allowed;
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private final AtomicInteger connections = new AtomicInteger();

    /** A guard with the limits of {@code config}. */
    public HandshakeGuard(TickcastOptions config) {
        this.config = config;
        this.allowed = config.allowedOrigins();
    }

    /** The HTTP status refusing {@code hs}, or 0 to admit it (and count the connection). */
    public int check(ServerWebSocketHandshake hs, long nowNs) {
        String origin = hs.headers().get("Origin");
        if (origin != null && !originAllowed(origin, hs.headers().get("Host"), hs.scheme())) {
            LOG.info("handshake from {}: origin {} refused (403)", hs.remoteAddress(), origin);
            return 403;
        }
        String address = hs.remoteAddress() == null ? "?" : hs.remoteAddress().hostAddress();
        if (!takeHandshake(address, nowNs)) {
            LOG.info("handshake from {}: rate limited (429)", address);
            return 429;
        }
        if (connections.incrementAndGet() > config.maxConnections()) {
            connections.decrementAndGet();
            LOG.info("handshake from {}: connection cap {} reached (503)", address, config.maxConnections());
            return 503;
        }
        return 0;
    }

    /** A connection admitted by {@link #check} has closed. */
    public void closed() {
        connections.decrementAndGet();
    }

    /** Open connections. */
    public int connections() {
        return connections.get();
    }

    /** Forgets the buckets of addresses that have been quiet long enough to be full again. */
    public synchronized void sweep(long nowNs) {
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
