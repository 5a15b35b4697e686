package dev.tickcast.server.internal.http;

import dev.tickcast.server.internal.net.ClientAddress;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.function.BiConsumer;

/**
 * What every answer of a Tickcast router goes through, whoever's route serves it:
 * <ul>
 *   <li>the first route sets the security headers: {@code X-Content-Type-Options: nosniff}, a
 *       Content-Security-Policy that lets the served pages load only their own scripts, styles and
 *       images and open WebSockets (to any node of a cluster), and no framing by any page
 *       ({@code frame-ancestors 'none'}, {@code X-Frame-Options: DENY});</li>
 *   <li>a request whose URI vertx-web cannot decode (a malformed percent escape, as in
 *       {@code GET /%}) gets 400 and one refusal line per address and period, instead of vertx-web's
 *       ERROR line and stack trace per request.</li>
 * </ul>
 * A route may replace a header for its own answers (the admin page sets its own).
 */
public final class HttpFront {
    /**
     * The pages Tickcast serves (the lobby, the arena, the tanks example, the admin page) use module
     * scripts and style sheets of their own origin, no inline script or style, and canvases; the
     * WebSocket URL of a seat may name another node of the cluster.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    /** Route order of the headers: before every other route. */
    private static final int ORDER = Integer.MIN_VALUE;

    private HttpFront() {
    }

    /**
     * Adds the headers route and the 400 answer to {@code router}; {@code refused} logs a refusal
     * as (client address as {@code clients} resolves it, what), once per address and period (a
     * {@link dev.tickcast.server.internal.net.RefusalLog}).
     */
    public static void mount(Router router, ClientAddress clients, BiConsumer<String, String> refused) {
        router.route().order(ORDER).handler(HttpFront::headers);
        router.errorHandler(400, ctx -> malformed(ctx, clients, refused));
    }

    private static void headers(RoutingContext ctx) {
        secure(ctx.response());
        ctx.next();
    }

    private static void secure(HttpServerResponse response) {
        response.putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Frame-Options", "DENY");
    }

    /** vertx-web could not decode the URI while matching routes (or a handler failed with 400 unhandled). */
    private static void malformed(RoutingContext ctx, ClientAddress clients, BiConsumer<String, String> refused) {
        refused.accept(clients.of(ctx.request().remoteAddress(), ctx.request().headers()),
                "HTTP request refused: a URI that cannot be decoded (400)");
        if (!ctx.response().ended() && !ctx.response().closed() && !ctx.response().headWritten()) {
            secure(ctx.response());
            HttpApi.error(ctx, 400, "malformed request URI");
        }
    }
}
