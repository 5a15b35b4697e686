package dev.tickcast.server.internal.auth;

import dev.tickcast.game.Identity;
import dev.tickcast.server.internal.room.Trim;
import dev.tickcast.wire.Protocol;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The identity of a verified token: the subject, the name others see (the operator's name claim,
 * else {@code preferred_username}, else the subject; trimmed and cut to {@link Protocol#MAX_NAME_BYTES}
 * on a code point boundary) and the claims passed to games (only those named, only strings, numbers,
 * booleans and lists of them, each bounded).
 */
final class IdentityClaims {
    /** The longest string claim passed to games, in characters; longer ones are left out. */
    static final int MAX_CLAIM_CHARS = 256;
    /** The longest list claim passed to games; longer ones are left out. */
    static final int MAX_CLAIM_ITEMS = 32;
    private static final String FALLBACK_NAME = "player";

    private final String nameClaim;
    private final List<String> passed;

    IdentityClaims(String nameClaim, List<String> passed) {
        this.nameClaim = nameClaim;
        this.passed = List.copyOf(passed);
    }

    /** The identity of {@code claims}, whose subject {@link ClaimChecks} accepted. */
    Identity identity(JsonObject claims) {
        String subject = claims.getString("sub");
        return new Identity(subject, name(claims, subject), passedClaims(claims));
    }

    private String name(JsonObject claims, String subject) {
        for (Object candidate : new Object[] {claims.getValue(nameClaim), claims.getValue("preferred_username"),
                subject}) {
            String name = candidate instanceof String s ? cut(Trim.trim(s), Protocol.MAX_NAME_BYTES) : "";
            if (!name.isEmpty()) {
                return name;
            }
        }
        return FALLBACK_NAME;
    }

    /** {@code text} cut to {@code maxBytes} UTF-8 bytes on a code point ({@link Trim#cut}), then trimmed again. */
    static String cut(String text, int maxBytes) {
        return Trim.trim(Trim.cut(text, maxBytes));
    }

    private Map<String, Object> passedClaims(JsonObject claims) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : passed) {
            Object value = value(claims.getValue(name));
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }

    /** A claim value games may see, or null to leave it out. */
    private static Object value(Object raw) {
        if (raw instanceof JsonArray list) {
            if (list.size() > MAX_CLAIM_ITEMS) {
                return null;
            }
            List<Object> items = new ArrayList<>();
            for (Object item : list) {
                Object v = scalar(item);
                if (v == null) {
                    return null;
                }
                items.add(v);
            }
            return List.copyOf(items);
        }
        return scalar(raw);
    }

    private static Object scalar(Object raw) {
        if (raw instanceof String s) {
            return s.length() <= MAX_CLAIM_CHARS ? s : null;
        }
        return raw instanceof Number || raw instanceof Boolean ? raw : null;
    }
}
