package dev.tickcast.server.internal.cluster;

import dev.tickcast.game.Identity;
import dev.tickcast.wire.Protocol;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A player's {@link Identity} in a matchmaking request on the event bus: {@code subject} (a string,
 * or null for a guest), {@code name} and {@code claims} (an object). What comes off the bus is
 * checked as if it came from the network (another node, or anything else on a shared bus, sent
 * it): a malformed identity is refused, never half-read.
 */
final class IdentityJson {
    /** Bounds on what a node accepts (the HTTP side, which verified the token, keeps well within them). */
    static final int MAX_SUBJECT_CHARS = 1024;
    static final int MAX_CLAIMS = 64;
    static final int MAX_LIST_ITEMS = 256;
    static final int MAX_STRING_CHARS = 4096;

    private IdentityJson() {
    }

    /** Puts {@code player}'s subject, name and claims into {@code request}; returns it. */
    static JsonObject put(JsonObject request, Identity player) {
        JsonObject claims = new JsonObject();
        player.claims().forEach((k, v) -> claims.put(k, v instanceof List<?> l ? new JsonArray(new ArrayList<>(l)) : v));
        return request.put("subject", player.subject()).put("name", player.name()).put("claims", claims);
    }

    /** The identity in {@code request}, or null if it is missing or malformed. */
    static Identity read(JsonObject request) {
        Object subject = request.getValue("subject");
        Object name = request.getValue("name");
        Object claims = request.getValue("claims");
        if (subject != null && !(subject instanceof String s && !s.isEmpty() && s.length() <= MAX_SUBJECT_CHARS)) {
            return null;
        }
        if (!(name instanceof String n) || !nameOk(n)) {
            return null;
        }
        Map<String, Object> map = claims == null ? Map.of() : claims(claims);
        return map == null ? null : new Identity((String) subject, n, map);
    }

    private static boolean nameOk(String name) {
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        return bytes > 0 && bytes <= Protocol.MAX_NAME_BYTES;
    }

    /** The claims as an immutable-ready map of strings, numbers, booleans and lists of them; null if malformed. */
    private static Map<String, Object> claims(Object value) {
        if (!(value instanceof JsonObject json) || json.size() > MAX_CLAIMS) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (String key : json.fieldNames()) {
            Object v = json.getValue(key);
            Object checked = v instanceof JsonArray list ? list(list) : scalar(v);
            if (checked == null || key.length() > MAX_STRING_CHARS) {
                return null;
            }
            map.put(key, checked);
        }
        return map;
    }

    private static List<Object> list(JsonArray array) {
        if (array.size() > MAX_LIST_ITEMS) {
            return null;
        }
        List<Object> list = new ArrayList<>(array.size());
        for (Object v : array) {
            Object checked = scalar(v);
            if (checked == null) {
                return null;
            }
            list.add(checked);
        }
        return List.copyOf(list);
    }

    private static Object scalar(Object v) {
        if (v instanceof String s) {
            return s.length() <= MAX_STRING_CHARS ? s : null;
        }
        return v instanceof Number || v instanceof Boolean ? v : null;
    }
}
