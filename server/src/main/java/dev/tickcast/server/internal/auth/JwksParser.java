package dev.tickcast.server.internal.auth;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * The signing keys of a JWKS document (RFC 7517): RSA keys for RS256 and EC P-256 keys for ES256,
 * each with its {@code kid}; keys for encryption ({@code use} other than {@code sig}), of another
 * algorithm or incomplete are left out, and so is anything past {@link #MAX_KEYS}.
 */
final class JwksParser {
    /** The largest JWKS body read. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    /** The most keys taken from one JWKS. */
    static final int MAX_KEYS = 32;

    private JwksParser() {
    }

    /** The usable keys of {@code body}; empty if it is not a JWKS. */
    static List<VerifyKey> parse(Vertx vertx, Buffer body) {
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            return List.of();
        }
        List<VerifyKey> out = new ArrayList<>();
        if (json.getValue("keys") instanceof JsonArray keys) {
            for (Object item : keys) {
                if (item instanceof JsonObject jwk && out.size() < MAX_KEYS) {
                    VerifyKey key = key(vertx, jwk);
                    if (key != null) {
                        out.add(key);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    private static VerifyKey key(Vertx vertx, JsonObject jwk) {
        Object use = jwk.getValue("use");
        Object kid = jwk.getValue("kid");
        String alg = algorithm(jwk);
        if (use != null && !"sig".equals(use) || kid != null && !(kid instanceof String) || alg == null) {
            return null;
        }
        try {
            return VerifyKey.jwk(vertx, (String) kid, alg, jwk);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** RS256 or ES256 if the JWK is a complete key for it (its alg absent or that one), else null. */
    private static String algorithm(JsonObject jwk) {
        Object alg = jwk.getValue("alg");
        Object kty = jwk.getValue("kty");
        if ("RSA".equals(kty) && (alg == null || VerifyKey.RS256.equals(alg)) && strings(jwk, "n", "e")) {
            return VerifyKey.RS256;
        }
        if ("EC".equals(kty) && "P-256".equals(jwk.getValue("crv")) && (alg == null || VerifyKey.ES256.equals(alg))
                && strings(jwk, "x", "y")) {
            return VerifyKey.ES256;
        }
        return null;
    }

    private static boolean strings(JsonObject jwk, String... members) {
        for (String m : members) {
            if (!(jwk.getValue(m) instanceof String s) || s.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
