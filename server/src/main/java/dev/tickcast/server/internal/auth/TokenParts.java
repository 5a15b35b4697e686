package dev.tickcast.server.internal.auth;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A bearer token taken apart before any signature check: the length bound, three base64url parts,
 * a JSON header with a string {@code alg} and an optional string {@code kid}, and a JSON payload.
 * Only the header's {@code alg} and {@code kid} are used before the signature is verified (to pick
 * the key); the payload is read only after.
 *
 * @param token   the compact JWS
 * @param alg     the header's algorithm
 * @param kid     the header's key id, or null
 * @param payload the decoded claims, not verified yet
 */
record TokenParts(String token, String alg, String kid, JsonObject payload) {
    /** The longest token accepted: real tokens are well under 2 KiB. */
    static final int MAX_TOKEN_CHARS = 8 * 1024;
    private static final String BEARER = "bearer ";
    private static final Pattern COMPACT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

    /**
     * The token of an {@code Authorization} header value: a {@link TokenParts}, or the {@link Reason}
     * (missing_token, malformed_token) when there is none or it cannot be read.
     */
    static Object parse(String authorization) {
        if (authorization == null || authorization.length() < BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Reason.MISSING_TOKEN;
        }
        String token = authorization.substring(BEARER.length()).strip();
        if (token.isEmpty()) {
            return Reason.MISSING_TOKEN;
        }
        if (token.length() > MAX_TOKEN_CHARS || !COMPACT.matcher(token).matches()) {
            return Reason.MALFORMED_TOKEN;
        }
        String[] parts = token.split("\\.", -1);
        JsonObject header = json(parts[0]);
        JsonObject payload = json(parts[1]);
        if (header == null || payload == null || !(header.getValue("alg") instanceof String alg)) {
            return Reason.MALFORMED_TOKEN;
        }
        Object kid = header.getValue("kid");
        if (kid != null && !(kid instanceof String)) {
            return Reason.MALFORMED_TOKEN;
        }
        if (header.containsKey("crit")) {
            // RFC 7515 4.1.11: a token whose critical extensions are not understood must be refused
            return Reason.MALFORMED_TOKEN;
        }
        return new TokenParts(token, alg, (String) kid, payload);
    }

    /** True if the signature part is empty (an unsecured JWS). */
    boolean unsigned() {
        return token.endsWith(".");
    }

    private static JsonObject json(String part) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
            return new JsonObject(text);
        } catch (IllegalArgumentException | DecodeException | ClassCastException e) {
            return null;
        }
    }
}
