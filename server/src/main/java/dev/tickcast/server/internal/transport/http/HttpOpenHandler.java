package dev.tickcast.server.internal.transport.http;

import dev.tickcast.server.internal.transport.HandshakeGuard;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /http/open} (docs/PROTOCOL.md 2.1): after the origin check ({@link HttpCarrier}),
 * 415 for a body that is not records, 429 past the address's handshake rate (shared with WebSocket
 * handshakes), 413 past 16,384 bytes (the body handler), 400 for a malformed body, 429 or 503 at
 * the connection caps (shared with WebSockets); else a session at home on this loop, whose body's
 * messages it takes as a new WebSocket's first messages, answered 200 with {@code Tickcast-Session}.
 */
final class HttpOpenHandler {
    private static final String WHAT = "HTTP session";

    private final HttpSessions sessions;
    private final HandshakeGuard guard;

    HttpOpenHandler(HttpSessions sessions) {
        this.sessions = sessions;
        this.guard = sessions.guard();
    }

    /** Before the body is read: its type and the handshake rate. */
    void before(RoutingContext ctx) {
        if (!HttpCarrier.recordsOrNoBody(ctx)) {
            HttpCarrier.refuse(ctx, guard, 415, "a body must be Content-Type: " + Downstream.MEDIA_TYPE);
            return;
        }
        String address = HttpCarrier.address(ctx, guard);
        if (guard.takeHandshake(address, sessions.clock().getAsLong(), WHAT) != 0) {
            HttpAnswers.error(ctx.response(), 429, "too many sessions opened from this address; slow down");
            return;
        }
        ctx.next();
    }

    /** The body read: a session, or a refusal. */
    void handle(RoutingContext ctx) {
        byte[] body = HttpCarrier.body(ctx);
        if (new Upstream().check(body) != Upstream.OK) {
            HttpCarrier.refuse(ctx, guard, 400, "a malformed body of records");
            return;
        }
        HttpLoop home = sessions.loop(Vertx.currentContext());
        if (home == null) {
            HttpAnswers.error(ctx.response(), 503, "this port carries no sessions");
            return;
        }
        String address = HttpCarrier.address(ctx, guard);
        int refusal = guard.takeConnection(address, WHAT);
        if (refusal != 0) {
            HttpAnswers.error(ctx.response(), refusal, refusal == 429
                    ? "this address holds too many sessions" : "the server is at its connection cap");
            return;
        }
        HttpSession s = sessions.open(address, home);
        s.opened(body, HttpAnswers.connection(ctx.request()));
        HttpAnswers.opened(ctx.response(), s.id());
    }
}
