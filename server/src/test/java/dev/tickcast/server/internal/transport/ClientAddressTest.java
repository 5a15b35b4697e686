package dev.tickcast.server.internal.transport;

import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientAddressTest {
    private static final SocketAddress PROXY = SocketAddress.inetSocketAddress(4000, "127.0.0.1");
    private static final SocketAddress CLIENT = SocketAddress.inetSocketAddress(4000, "127.0.0.9");
    private final ClientAddress trusting = new ClientAddress(List.of("127.0.0.1", "10.0.0.2"));

    @Test
    void shouldCountThePeerWhenNoProxyIsTrusted() {
        assertEquals("127.0.0.1", new ClientAddress(List.of()).of(PROXY, "203.0.113.5"));
    }

    @Test
    void shouldIgnoreForwardedForFromAnUntrustedPeer() {
        assertEquals("127.0.0.9", trusting.of(CLIENT, "203.0.113.5"), "a client cannot pick its own address");
    }

    @Test
    void shouldTakeTheRightMostUntrustedHopFromATrustedProxy() {
        assertEquals("203.0.113.5", trusting.of(PROXY, "203.0.113.5"));
        assertEquals("203.0.113.5", trusting.of(PROXY, "198.51.100.1, 203.0.113.5"), "the left part is the client's invention");
        assertEquals("203.0.113.5", trusting.of(PROXY, "198.51.100.1, 203.0.113.5, 10.0.0.2"), "through two proxies");
    }

    @Test
    void shouldFallBackWhenTheHeaderHasNothingUseful() {
        assertEquals("127.0.0.1", trusting.of(PROXY, null));
        assertEquals("127.0.0.1", trusting.of(PROXY, " , "));
        assertEquals("10.0.0.2", trusting.of(PROXY, "10.0.0.2"), "only trusted hops: the left-most");
        assertEquals("127.0.0.1", trusting.of(PROXY, "x".repeat(2000)), "an oversized header is not read");
        assertEquals("?", trusting.of(null, "203.0.113.5"));
    }
}
