package dev.tickcast.server.internal.net;

import io.vertx.core.MultiMap;
import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClientAddressTest {
    private static final SocketAddress PROXY = SocketAddress.inetSocketAddress(4000, "127.0.0.1");
    private static final SocketAddress CLIENT = SocketAddress.inetSocketAddress(4000, "127.0.0.9");
    private final ClientAddress trusting = new ClientAddress(List.of("127.0.0.1", "10.0.0.2"));

    @Test
    void shouldCountThePeerWhenNoProxyIsTrusted() {
        assertEquals("127.0.0.1", new ClientAddress(List.of()).of(PROXY, List.of("203.0.113.5")));
    }

    @Test
    void shouldIgnoreForwardedForFromAnUntrustedPeer() {
        assertEquals("127.0.0.9", trusting.of(CLIENT, List.of("203.0.113.5")), "a client cannot pick its own address");
    }

    @Test
    void shouldTakeTheRightMostUntrustedHopFromATrustedProxy() {
        assertEquals("203.0.113.5", trusting.of(PROXY, List.of("203.0.113.5")));
        assertEquals("203.0.113.5", trusting.of(PROXY, List.of("198.51.100.1, 203.0.113.5")), "the left part is the client's invention");
        assertEquals("203.0.113.5", trusting.of(PROXY, List.of("198.51.100.1, 203.0.113.5, 10.0.0.2")), "through two proxies");
    }

    @Test
    void shouldReadEveryHeaderLineInOrder() {
        assertEquals("203.0.113.5", trusting.of(PROXY, List.of("198.51.100.1", "203.0.113.5")),
                "HAProxy's option forwardfor: the client's own line, then the proxy's");
        assertEquals("203.0.113.5", trusting.of(PROXY, List.of("198.51.100.1, 198.51.100.2", "203.0.113.5", "10.0.0.2")));
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("X-Forwarded-For", "198.51.100.77").add("x-forwarded-for", "203.0.113.5");
        assertEquals("203.0.113.5", trusting.of(PROXY, headers), "a spoofed first line is not believed");
    }

    @Test
    void shouldReadAnOverLongHeaderFromTheRightNotFallBackToTheProxy() {
        String junk = "198.51.100.1, ".repeat(2_000);
        assertEquals("203.0.113.5", trusting.of(PROXY, List.of(junk + "203.0.113.5")));
        assertEquals("203.0.113.5", trusting.of(PROXY, List.of(junk, "203.0.113.5")));
        assertEquals("203.0.113.5", trusting.of(PROXY, List.of("x".repeat(100_000), "203.0.113.5")));
        String unreadable = trusting.of(PROXY, List.of("x".repeat(100_000)));
        assertNotEquals("127.0.0.1", unreadable, "never the proxy, which every client shares");
        assertEquals(ClientAddress.UNREADABLE, unreadable);
        assertEquals(ClientAddress.UNREADABLE, trusting.of(PROXY, List.of("203.0.113.5", "10.0.0.2, ".repeat(200))),
                "the budget ran out among trusted hops");
    }

    @Test
    void shouldFallBackWhenTheHeaderHasNothingUseful() {
        assertEquals("127.0.0.1", trusting.of(PROXY, (MultiMap) null));
        assertEquals("127.0.0.1", trusting.of(PROXY, List.of()));
        assertEquals("127.0.0.1", trusting.of(PROXY, List.of(" , ")));
        assertEquals("10.0.0.2", trusting.of(PROXY, List.of("10.0.0.2")), "only trusted hops: the left-most");
        assertEquals("?", trusting.of(null, List.of("203.0.113.5")));
        assertEquals("x".repeat(64), trusting.of(PROXY, List.of("x".repeat(500))), "a non-address hop: a bounded key");
    }

    @Test
    void shouldCountAnIpv6ClientByItsSlash64() {
        ClientAddress perPrefix = new ClientAddress(List.of("127.0.0.1"));
        String a = perPrefix.of(PROXY, List.of("2001:db8:1:2::1"));
        assertEquals(a, perPrefix.of(PROXY, List.of("2001:db8:1:2:ffff::9")), "one /64, one client");
        assertEquals(a, perPrefix.of(PROXY, List.of("[2001:db8:1:2::77]:5555")), "bracketed, with a port");
        assertNotEquals(a, perPrefix.of(PROXY, List.of("2001:db8:1:3::1")), "the next /64 is another client");
        assertEquals(a, perPrefix.ofPeer(SocketAddress.inetSocketAddress(9, "2001:db8:1:2:abcd::1")), "a peer, no headers");
        assertNotEquals(a, perPrefix.ofPeer(SocketAddress.inetSocketAddress(9, "2001:db8:1:3::1")));
    }

    @Test
    void shouldCountIpv4AndMappedIpv4PerAddressWhateverThePrefix() {
        ClientAddress wide = new ClientAddress(List.of("127.0.0.1"), 48);
        assertEquals("203.0.113.5", wide.of(PROXY, List.of("::ffff:203.0.113.5")), "IPv4-mapped IPv6 is IPv4");
        assertEquals("203.0.113.5", wide.of(PROXY, List.of("203.0.113.5:4711")));
        assertNotEquals(wide.of(PROXY, List.of("203.0.113.5")), wide.of(PROXY, List.of("203.0.113.6")));
        assertEquals(wide.of(PROXY, List.of("2001:db8:1:2::1")), wide.of(PROXY, List.of("2001:db8:1:ff::1")), "a /48");
        ClientAddress exact = new ClientAddress(List.of("127.0.0.1"), 128);
        assertNotEquals(exact.of(PROXY, List.of("2001:db8:1:2::1")), exact.of(PROXY, List.of("2001:db8:1:2::2")));
        assertThrows(IllegalArgumentException.class, () -> new ClientAddress(List.of(), 0));
    }

    @Test
    void shouldTrustAProxyWrittenInAnyIpv6Form() {
        ClientAddress v6 = new ClientAddress(List.of("::1"));
        assertEquals("203.0.113.5", v6.of(SocketAddress.inetSocketAddress(1, "0:0:0:0:0:0:0:1"), List.of("203.0.113.5")));
    }

    @Test
    void shouldNeverLookANameUp() {
        assertEquals("example.com", trusting.of(PROXY, List.of("example.com")), "kept as text, not resolved");
        assertEquals(null, ClientAddress.literal("localhost"));
        assertEquals(null, ClientAddress.literal(".1:2"));
        assertEquals(null, ClientAddress.literal("1.2.3"));
    }
}
