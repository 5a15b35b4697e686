package dev.tickcast.server.internal.auth;

import dev.tickcast.game.Identity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The identity of verified claims: the name's fallbacks and cut, and only the chosen, bounded claims. */
class IdentityClaimsTest {
    private final IdentityClaims claims = new IdentityClaims("name", List.of("rank", "roles", "team", "profile", "bio"));

    @Test
    void shouldPassOnlyTheChosenClaimsOfSimpleValues() {
        Identity id = claims.identity(new JsonObject().put("sub", "u1").put("name", "Ann").put("rank", 12)
                .put("roles", new JsonArray().add("admin").add(true)).put("team", "red").put("email", "a@b.c")
                .put("profile", new JsonObject().put("x", 1)).put("bio", "b".repeat(257)));
        assertEquals("u1", id.subject());
        assertEquals("Ann", id.name());
        assertEquals(Map.of("rank", 12, "roles", List.of("admin", true), "team", "red"), id.claims(),
                "not email (not chosen), profile (an object) or bio (over 256 characters)");
    }

    @Test
    void shouldLeaveOutListsThatAreTooLongOrNested() {
        JsonArray many = new JsonArray();
        for (int i = 0; i < IdentityClaims.MAX_CLAIM_ITEMS + 1; i++) {
            many.add(i);
        }
        Identity id = claims.identity(new JsonObject().put("sub", "u1").put("roles", many)
                .put("team", new JsonArray().add(new JsonArray())));
        assertTrue(id.claims().isEmpty(), id.claims().toString());
    }

    @Test
    void shouldCutTheNameOnACodePointWithinTheProtocolLimit() {
        String emoji = "\uD83D\uDE00"; // 4 UTF-8 bytes, 2 chars
        assertEquals(emoji.repeat(8), IdentityClaims.cut(emoji.repeat(9), 32));
        assertEquals("abc", IdentityClaims.cut("abc", 32));
        assertEquals("a", IdentityClaims.cut("a " + "\u00e9".repeat(20), 3), "trimmed after the cut");
        assertEquals("user-9", claims.identity(new JsonObject().put("sub", "user-9").put("name", "   ")).name());
    }
}
