package dev.tickcast.server.internal.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Lets a request through to the admin routes only if it carries the admin token: as
 * {@code Authorization: Bearer <token>}, or as HTTP Basic with the token as the password (what a
 * browser sends after its login prompt, and on every later request of the page). Anything else is
 * answered 401 with a Basic challenge and no other content. The comparison is of SHA-256 digests
 * with {@link MessageDigest#isEqual}, so its time depends neither on where the strings differ nor
 * on the token's length.
 */
final class AdminAuth implements Handler<RoutingContext> {
    private static final String BEARER = "Bearer ";
    private static final String BASIC = "Basic ";

    private final byte[] tokenDigest;

    AdminAuth(String token) {
        this.tokenDigest = digest(token);
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (authorized(ctx.request().getHeader("Authorization"))) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Basic realm=\"Tickcast admin\", charset=\"UTF-8\"")
                .putHeader("content-type", "application/json")
                .end(new JsonObject().put("error", "admin token required").encode());
    }

    /** True if {@code header} carries the token. */
    boolean authorized(String header) {
        String presented = presented(header);
        return presented != null && MessageDigest.isEqual(digest(presented), tokenDigest);
    }

    private static String presented(String header) {
        if (header == null) {
            return null;
        }
        if (header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return header.substring(BEARER.length()).strip();
        }
        if (header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            try {
                String pair = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).strip()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return colon < 0 ? null : pair.substring(colon + 1);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
