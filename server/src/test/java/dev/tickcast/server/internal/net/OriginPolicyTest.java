package dev.tickcast.server.internal.net;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The origin rule shared by the WebSocket handshake and matchmaking (PROTOCOL.md section 2). */
class OriginPolicyTest {

    @Test
    void shouldAllowTheOwnOriginLocalhostAndNoOriginWithoutAList() {
        OriginPolicy policy = new OriginPolicy(List.of(), null);
        assertTrue(policy.allows(null, "play.example.com", "http"), "not a browser");
        assertTrue(policy.allows("http://play.example.com:8080", "play.example.com:8080", "http"), "its own origin");
        assertTrue(policy.allows("https://play.example.com", "play.example.com", "https"), "its own origin over TLS");
        assertTrue(policy.allows("https://play.example.com", "play.example.com", "wss"), "a handshake's scheme");
        assertFalse(policy.allows("http://play.example.com", "play.example.com", "https"), "another scheme");
        assertFalse(policy.allows("http://play.example.com:8081", "play.example.com:8080", "http"), "another port");
        assertTrue(policy.allows("http://localhost:3000", "play.example.com", "http"));
        assertTrue(policy.allows("http://127.0.0.1:5173", "play.example.com", "http"));
        assertTrue(policy.allows("http://[::1]:5173", "play.example.com", "http"));
        assertFalse(policy.allows("https://evil.example", "play.example.com", "http"));
        assertFalse(policy.allows("null", "play.example.com", "http"), "a sandboxed or file page");
        assertFalse(policy.allows("not a url", "play.example.com", "http"));
        assertFalse(policy.allows("https://evil.example", null, "http"), "no Host");
    }

    @Test
    void shouldAllowThePublicUrlsOrigin() {
        OriginPolicy policy = new OriginPolicy(List.of(), "https://play.example.com/node/a");
        assertTrue(policy.allows("https://play.example.com", "10.0.0.5:8080", "http"), "behind a proxy");
        assertTrue(policy.allows("HTTPS://Play.Example.com:443", "10.0.0.5:8080", "http"), "spelt otherwise");
        assertFalse(policy.allows("http://play.example.com", "10.0.0.5:8080", "http"), "another scheme");
        assertFalse(policy.allows("https://play.example.com.evil.example", "10.0.0.5:8080", "http"));
    }

    @Test
    void shouldAllowOnlyTheListTheOwnAndThePublicOriginWithAList() {
        OriginPolicy policy = new OriginPolicy(List.of("https://game.example.com", "http://dev.example.com:8000"),
                "https://eu1.example.com");
        assertTrue(policy.allows("https://game.example.com", "eu1.example.com", "http"));
        assertTrue(policy.allows("https://game.example.com:443", "eu1.example.com", "http"));
        assertTrue(policy.allows("http://dev.example.com:8000", "eu1.example.com", "http"));
        assertTrue(policy.allows("https://eu1.example.com", "10.0.0.5", "http"), "the public URL");
        assertTrue(policy.allows("http://10.0.0.5", "10.0.0.5", "http"), "its own origin");
        assertFalse(policy.allows("http://localhost:3000", "eu1.example.com", "http"), "no localhost with a list");
        assertFalse(policy.allows("http://dev.example.com", "eu1.example.com", "http"), "another port");
    }

    @Test
    void shouldNormalizeOrigins() {
        assertEquals("https://a.example", OriginPolicy.normalize("https://A.example:443/x?y"));
        assertEquals("http://a.example:8443", OriginPolicy.normalize("http://a.example:8443"));
        assertNull(OriginPolicy.normalize("null"));
        assertNull(OriginPolicy.normalize("a.example"));
    }
}
