package dev.tickcast.server.internal.http;

import dev.tickcast.server.internal.net.ClientAddress;
import dev.tickcast.server.internal.net.RefusalLog;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The admin token's per-address limit on wrong guesses and the cross-site rule, on an injected clock. */
class AdminAuthTest {
    private static final String TOKEN = "0123456789abcdef-token";
    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_000 * S;

    private final AdminAuth auth = new AdminAuth(TOKEN, new ClientAddress(List.of()),
            new RefusalLog(LoggerFactory.getLogger(AdminAuthTest.class)));

    @Test
    void shouldRefuseAnAddressPast10WrongTokensUntilAChanceIsBack() {
        for (int i = 0; i < AdminAuth.FAILURES; i++) {
            assertEquals(401, auth.admit("198.51.100.1", "Bearer wrong-" + i, T0 + i));
        }
        assertEquals(429, auth.admit("198.51.100.1", "Bearer wrong-11", T0 + 10));
        assertEquals(429, auth.admit("198.51.100.1", "Bearer " + TOKEN, T0 + 9 * S), "the right token, too early");
        assertEquals(0, auth.admit("198.51.100.2", "Bearer " + TOKEN, T0 + 9 * S), "another address");
        assertEquals(0, auth.admit("198.51.100.1", "Bearer " + TOKEN, T0 + 10 * S + 10), "one chance back after 10 s");
        assertEquals(401, auth.admit("198.51.100.1", "Bearer wrong-12", T0 + 10 * S + 20), "spends it");
        assertEquals(429, auth.admit("198.51.100.1", "Bearer " + TOKEN, T0 + 10 * S + 30));
        assertEquals(401, auth.admit("198.51.100.3", null, T0), "no credentials: a prompt, not a guess");

        assertEquals(1, auth.tracked());
        auth.sweep(T0 + 50 * S);
        assertEquals(1, auth.tracked(), "not all chances back yet");
        auth.sweep(T0 + 111 * S);
        assertEquals(0, auth.tracked(), "forgotten once every chance is back");
    }

    @Test
    void shouldBoundTheAddressesItTracks() {
        for (int i = 0; i < AdminAuth.MAX_TRACKED; i++) {
            assertEquals(401, auth.admit("a" + i, "Bearer wrong", T0));
        }
        for (int i = 0; i < AdminAuth.FAILURES; i++) {
            assertEquals(401, auth.admit("fresh-" + i, "Bearer wrong", T0), "past the bound, new addresses share");
        }
        assertEquals(AdminAuth.MAX_TRACKED + 1, auth.tracked());
        assertEquals(429, auth.admit("fresh-x", "Bearer " + TOKEN, T0));
        assertEquals(0, auth.admit("a0", "Bearer " + TOKEN, T0), "a tracked address keeps its own chances");
    }

    @Test
    void shouldTellCrossSiteChangesApart() {
        AdminApi api = new AdminApi(null, new AdminApi.Settings(TOKEN, "https://play.example.com/eu",
                new ClientAddress.Settings(List.of(), 64)));
        String host = "10.0.0.5:8080";
        assertNull(api.crossSite(null, null, host, "1"), "a script");
        assertNull(api.crossSite("same-origin", "http://10.0.0.5:8080", host, "1"), "the page");
        assertNull(api.crossSite("same-origin", "https://10.0.0.5:8080", host, "1"), "the page behind TLS termination");
        assertNull(api.crossSite("same-origin", "https://play.example.com", host, "1"), "the page at the public URL");
        assertEquals("no X-Tickcast-Admin header", api.crossSite(null, null, host, null));
        assertEquals("foreign Origin", api.crossSite(null, "http://10.0.0.5:8081", host, "1"));
        assertEquals("foreign Origin", api.crossSite(null, "null", host, "1"));
        assertEquals("Sec-Fetch-Site cross-site", api.crossSite("cross-site", null, host, "1"));
        assertEquals("Sec-Fetch-Site same-site", api.crossSite("same-site", "http://10.0.0.5:8080", host, "1"));
    }
}
