package dev.tickcast.server.internal.transport.http;

import dev.tickcast.server.internal.http.RequestBodies;
import dev.tickcast.server.internal.transport.HandshakeGuard;
import dev.tickcast.wire.Records;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The HTTP binding's routes on the shared router (docs/PROTOCOL.md 2.1), before the API's and the
 * game authors' routes: {@code POST /http/open} ({@link HttpOpenHandler}), {@code GET /http/recv}
 * ({@link HttpRecvHandler}) and {@code POST /http/send} ({@link HttpSendHandler}). Every endpoint
 * refuses a foreign browser origin with 403 first; bodies are read in memory up to 16,384 bytes
 * (413 past it, no file upload); refusals are logged through the handshake guard's refusal log.
 */
public final class HttpCarrier {
    /** Route order of the binding's routes: after the security headers, before the API (-1,000,000). */
    private static final int ORDER = -2_000_000;
    private static final String PATHS = "/http/*";

    private HttpCarrier() {
    }

    /** Adds the routes of the binding over {@code sessions} to {@code router} (shared by every loop). */
    public static void mount(Router router, HttpSessions sessions) {
        HandshakeGuard guard = sessions.guard();
        HttpOpenHandler open = new HttpOpenHandler(sessions);
        HttpRecvHandler recv = new HttpRecvHandler(sessions);
        HttpSendHandler send = new HttpSendHandler(sessions);
        int order = ORDER;
        router.route(PATHS).order(order++).handler(ctx -> sameOrigin(ctx, guard));
        router.post("/http/open").order(order++).handler(open::before);
        router.post("/http/open").order(order++).handler(body());
        router.post("/http/open").order(order++).handler(open::handle);
        router.get("/http/recv").order(order++).handler(recv::handle);
        router.post("/http/send").order(order++).handler(send::before);
        router.post("/http/send").order(order++).handler(body());
        router.post("/http/send").order(order++).handler(send::handle);
        router.route(PATHS).order(order).failureHandler(ctx -> failure(ctx, guard));
    }

    private static BodyHandler body() {
        return BodyHandler.create(false).setBodyLimit(Records.MAX_UPSTREAM_BODY_BYTES);
    }

    /** A foreign browser origin gets 403 on every endpoint, as at the WebSocket handshake. */
    private static void sameOrigin(RoutingContext ctx, HandshakeGuard guard) {
        HttpServerRequest request = ctx.request();
        if (guard.checkOrigin(request.getHeader("Origin"), request.getHeader("Host"), request.scheme(),
                address(ctx, guard), "HTTP binding request") != 0) {
            HttpAnswers.error(ctx.response(), 403, "this origin may not connect here");
        } else {
            ctx.next();
        }
    }

    /** A body over the limit (413) or a failed handler: a JSON error, logged once per address and period. */
    private static void failure(RoutingContext ctx, HandshakeGuard guard) {
        int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        guard.refused(address(ctx, guard), "HTTP binding request answered " + status);
        if (!ctx.response().ended() && !ctx.response().headWritten()) {
            HttpAnswers.error(ctx.response(), status, status == 413 ? "request body too large" : "request failed");
        }
    }

    /** The client address of the request (X-Forwarded-For only from a trusted proxy). */
    static String address(RoutingContext ctx, HandshakeGuard guard) {
        return guard.address(ctx.request().remoteAddress(), ctx.request().headers());
    }

    /** True if the request has no body or one of Content-Type application/vnd.tickcast.records. */
    static boolean recordsOrNoBody(RoutingContext ctx) {
        return !RequestBodies.announcesBody(ctx)
                || RequestBodies.hasMediaType(ctx.request().getHeader("Content-Type"), Downstream.MEDIA_TYPE);
    }

    /** The body read by the body handler (empty if none). */
    static byte[] body(RoutingContext ctx) {
        Buffer body = ctx.body().buffer();
        return body == null ? new byte[0] : body.getBytes();
    }

    /** Refuses the request with {@code status}, logged once per address and period. */
    static void refuse(RoutingContext ctx, HandshakeGuard guard, int status, String message) {
        guard.refused(address(ctx, guard), "HTTP binding request refused: " + message + " (" + status + ")");
        HttpAnswers.error(ctx.response(), status, message);
    }

    /** A session that is not live here: its tombstone's CLOSE record with {@code closedStatus}, or 404. */
    static void notLive(RoutingContext ctx, HttpSessions sessions, String id, int closedStatus) {
        HttpSessions.Tombstone t = sessions.closed(id);
        if (t != null) {
            HttpAnswers.records(ctx.response(), closedStatus, t.body());
        } else {
            HttpAnswers.error(ctx.response(), 404, "no such session here");
        }
    }
}
