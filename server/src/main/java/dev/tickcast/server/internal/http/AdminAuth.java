package dev.tickcast.server.internal.http;

import dev.tickcast.server.internal.net.ClientAddress;
import dev.tickcast.server.internal.net.RefusalLog;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Lets a request through to the admin routes only if it carries the admin token: as
 * {@code Authorization: Bearer <token>}, or as HTTP Basic with the token as the password (what a
 * browser sends after its login prompt, and on every later request of the page). Anything else is
 * answered 401 with a Basic challenge and no other content. The comparison is of SHA-256 digests
 * with {@link MessageDigest#isEqual}, so its time depends neither on where the strings differ nor
 * on the token's length.
 *
 * <p>Guessing is bounded per client address: each wrong token takes one of {@link #FAILURES}
 * chances, given back one per {@link #REFILL_NS 10 s}; an address without a chance left gets 429
 * for every {@code /admin} request, a right token included, without the token even being compared.
 * A request without any {@code Authorization} (a browser's first, before its login prompt) is no
 * guess. Wrong tokens and 429s are logged through the {@link RefusalLog}, once per address a period.
 * Shared by every event loop; thread-safe.
 */
final class AdminAuth implements Handler<RoutingContext> {
    /** Wrong tokens an address may present before it is refused (429). */
    static final int FAILURES = 10;
    /** One more chance every 10 s. */
    static final long REFILL_NS = 10_000_000_000L;
    /** Addresses tracked at most; past it, new ones share one record (a bound on memory, not on guessing). */
    static final int MAX_TRACKED = 50_000;
    private static final String OVERFLOW = "(other addresses)";
    private static final String BEARER = "Bearer ";
    private static final String BASIC = "Basic ";
    /** The routing-context key that marks a request this check let through (see {@link #admitted}). */
    private static final String ADMITTED = "tickcast.admin.admitted";

    private final byte[] tokenDigest;
    private final ClientAddress clients;
    private final RefusalLog refusals;
    private final Map<String, Chances> failures = new HashMap<>();

    AdminAuth(String token, ClientAddress clients, RefusalLog refusals) {
        this.tokenDigest = digest(token);
        this.clients = clients;
        this.refusals = refusals;
    }

    /** The client address the limits count {@code req} under. */
    String address(HttpServerRequest req) {
        return clients.of(req.remoteAddress(), req.headers());
    }

    @Override
    public void handle(RoutingContext ctx) {
        String address = address(ctx.request());
        int status = admit(address, ctx.request().getHeader("Authorization"), System.nanoTime());
        if (status == 0) {
            ctx.put(ADMITTED, Boolean.TRUE);
            ctx.next();
            return;
        }
        if (status == 429) {
            ctx.response().setStatusCode(429).putHeader("Retry-After", Long.toString(REFILL_NS / 1_000_000_000L))
                    .putHeader("content-type", "application/json")
                    .end(new JsonObject().put("error", "too many wrong admin tokens from this address; wait").encode());
            return;
        }
        ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Basic realm=\"Tickcast admin\", charset=\"UTF-8\"")
                .putHeader("content-type", "application/json")
                .end(new JsonObject().put("error", "admin token required").encode());
    }

    /** True if this check let the request of {@code ctx} through: a route under /admin needs no check of its own. */
    static boolean admitted(RoutingContext ctx) {
        return Boolean.TRUE.equals(ctx.get(ADMITTED));
    }

    /** 0 to let a request of {@code address} with this {@code Authorization} header through, else 401 or 429. */
    int admit(String address, String header, long nowNs) {
        synchronized (failures) {
            Chances chances = failures.get(key(address));
            if (chances != null && chances.left(nowNs) < 1) {
                refusals.refused(address, "admin request refused: too many wrong tokens (429)");
                return 429;
            }
        }
        if (authorized(header)) {
            return 0;
        }
        if (header != null) {
            synchronized (failures) {
                failures.computeIfAbsent(key(address), a -> new Chances(nowNs)).take(nowNs);
            }
            refusals.refused(address, "admin request refused: wrong token (401)");
        }
        return 401;
    }

    private String key(String address) {
        return failures.size() < MAX_TRACKED || failures.containsKey(address) ? address : OVERFLOW;
    }

    /** Forgets the addresses whose chances are all back. */
    void sweep(long nowNs) {
        synchronized (failures) {
            Iterator<Chances> it = failures.values().iterator();
            while (it.hasNext()) {
                if (it.next().left(nowNs) >= FAILURES) {
                    it.remove();
                }
            }
        }
    }

    /** Addresses with a wrong token on record (for tests). */
    int tracked() {
        synchronized (failures) {
            return failures.size();
        }
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

    /** An address's chances left: {@link #FAILURES} at most, one back per {@link #REFILL_NS}. */
    private static final class Chances {
        private double left = FAILURES;
        private long lastNs;

        Chances(long nowNs) {
            lastNs = nowNs;
        }

        double left(long nowNs) {
            if (nowNs > lastNs) { // another loop's earlier clock reading may come second
                left = Math.min(FAILURES, left + (double) (nowNs - lastNs) / REFILL_NS);
                lastNs = nowNs;
            }
            return left;
        }

        void take(long nowNs) {
            left = Math.max(0, left(nowNs) - 1);
        }
    }
}
