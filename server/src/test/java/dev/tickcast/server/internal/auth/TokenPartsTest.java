package dev.tickcast.server.internal.auth;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bearer token taken apart before any signature check: each bad form has its reason. */
class TokenPartsTest {
    private static String part(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static final String PAYLOAD = part("{\"sub\":\"u\"}");

    @Test
    void shouldReadTheHeaderAndPayload() {
        Object parsed = TokenParts.parse("Bearer " + part("{\"alg\":\"RS256\",\"kid\":\"k1\"}") + "." + PAYLOAD + ".c2ln");
        assertTrue(parsed instanceof TokenParts, String.valueOf(parsed));
        TokenParts t = (TokenParts) parsed;
        assertEquals("RS256", t.alg());
        assertEquals("k1", t.kid());
        assertEquals(new JsonObject().put("sub", "u"), t.payload());
        assertEquals(TokenParts.class, TokenParts.parse("bearer " + t.token()).getClass(), "the scheme in any case");
    }

    @Test
    void shouldRefuseWhatIsNotACompactJws() {
        assertEquals(Reason.MISSING_TOKEN, TokenParts.parse(null));
        assertEquals(Reason.MISSING_TOKEN, TokenParts.parse("Basic dXNlcjpwYXNz"));
        assertEquals(Reason.MISSING_TOKEN, TokenParts.parse("Bearer "));
        assertEquals(Reason.MALFORMED_TOKEN, TokenParts.parse("Bearer a.b"));
        assertEquals(Reason.MALFORMED_TOKEN, TokenParts.parse("Bearer a.b.c.d"));
        assertEquals(Reason.MALFORMED_TOKEN, TokenParts.parse("Bearer " + part("[1]") + "." + PAYLOAD + ".c2ln"));
        assertEquals(Reason.MALFORMED_TOKEN, TokenParts.parse("Bearer " + part("{\"alg\":1}") + "." + PAYLOAD + ".c2ln"));
        assertEquals(Reason.MALFORMED_TOKEN, TokenParts.parse("Bearer " + part("{\"alg\":\"RS256\",\"kid\":2}") + "."
                + PAYLOAD + ".c2ln"));
        assertEquals(Reason.MALFORMED_TOKEN, TokenParts.parse("Bearer " + part("{\"alg\":\"RS256\",\"crit\":[\"b64\"]}")
                + "." + PAYLOAD + ".c2ln"));
        assertEquals(Reason.MALFORMED_TOKEN, TokenParts.parse("Bearer " + part("{\"alg\":\"RS256\"}") + ".bm90anNvbg.c2ln"));
        String huge = part("{\"alg\":\"RS256\"}") + "." + "A".repeat(TokenParts.MAX_TOKEN_CHARS) + ".c2ln";
        assertEquals(Reason.MALFORMED_TOKEN, TokenParts.parse("Bearer " + huge));
    }
}
