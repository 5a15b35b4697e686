package dev.tickcast.server.internal.cluster;

import dev.tickcast.game.Identity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** An identity crosses the event bus intact, and what comes off the bus malformed is refused. */
class IdentityJsonTest {
    @Test
    void shouldCarryAVerifiedIdentityAndAGuestAcrossTheBusEncoded() {
        Identity ann = new Identity("user-1", "Ann", Map.of("rank", 7, "vip", true, "roles", List.of("mod", "vip")));
        for (Identity who : List.of(ann, Identity.guest("bob"))) {
            JsonObject sent = IdentityJson.put(new JsonObject().put("op", "joinOrCreate"), who);
            JsonObject received = new JsonObject(sent.encode()); // as a clustered bus carries it
            assertEquals(who, IdentityJson.read(received));
        }
    }

    @Test
    void shouldRefuseAMalformedIdentity() {
        JsonObject good = IdentityJson.put(new JsonObject(), Identity.guest("bob"));
        assertEquals(Identity.guest("bob"), IdentityJson.read(good.copy().put("claims", null)), "claims may be absent");
        List<JsonObject> bad = List.of(
                good.copy().put("name", 5),
                good.copy().put("name", ""),
                good.copy().put("name", "x".repeat(65)),
                good.copy().putNull("name"),
                good.copy().put("subject", 1),
                good.copy().put("subject", ""),
                good.copy().put("subject", "s".repeat(IdentityJson.MAX_SUBJECT_CHARS + 1)),
                good.copy().put("claims", "rank"),
                good.copy().put("claims", new JsonObject().put("team", new JsonObject())),
                good.copy().put("claims", new JsonObject().put("teams", new JsonArray().add(new JsonArray()))),
                good.copy().put("claims", new JsonObject().put("bio", "b".repeat(IdentityJson.MAX_STRING_CHARS + 1))));
        for (JsonObject request : bad) {
            assertNull(IdentityJson.read(request), request.encode());
        }
    }
}
