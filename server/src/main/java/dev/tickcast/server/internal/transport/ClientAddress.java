package dev.tickcast.server.internal.transport;

import io.vertx.core.net.SocketAddress;

import java.util.List;
import java.util.Set;

/**
 * The client address that per-address limits count. It is the TCP peer, unless the peer is a
 * configured trusted proxy: then it is the right-most entry of {@code X-Forwarded-For} that is not
 * itself a trusted proxy (each proxy appends the address it saw, so the entries left of it are the
 * client's to invent). All entries trusted: the left-most one.
 */
public final class ClientAddress {
    private static final int MAX_HEADER_CHARS = 1024;
    private final Set<String> trusted;

    /** Resolves through the proxies at {@code trustedProxies}. */
    public ClientAddress(List<String> trustedProxies) {
        this.trusted = Set.copyOf(trustedProxies);
    }

    /** True if {@code peer} is a trusted proxy (its X-Forwarded-* headers are believed). */
    public boolean trusts(SocketAddress peer) {
        return peer != null && trusted.contains(peer.hostAddress());
    }

    /** The address to count for a connection from {@code peer} carrying {@code forwardedFor} (may be null). */
    public String of(SocketAddress peer, String forwardedFor) {
        String address = peer == null ? "?" : peer.hostAddress();
        if (forwardedFor == null || trusted.isEmpty() || !trusted.contains(address)
                || forwardedFor.length() > MAX_HEADER_CHARS) {
            return address;
        }
        String[] hops = forwardedFor.split(",");
        String leftmost = address;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (hop.isEmpty()) {
                continue;
            }
            if (!trusted.contains(hop)) {
                return hop;
            }
            leftmost = hop;
        }
        return leftmost;
    }
}
