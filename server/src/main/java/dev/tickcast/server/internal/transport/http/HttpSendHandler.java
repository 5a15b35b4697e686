package dev.tickcast.server.internal.transport.http;

import dev.tickcast.server.internal.transport.ConnectionLedger;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /http/send} (docs/PROTOCOL.md 2.1): before the body is read, 415 for a body that is
 * not records, 400 for no or a malformed {@code Tickcast-Session} or {@code Tickcast-Ack}, 404 for
 * no such session here, 410 with the CLOSE record for a closed one; then (413 past 16,384 bytes)
 * the body goes to the session's home loop, which answers 204 once its messages are in the session.
 */
final class HttpSendHandler {
    private final HttpSessions sessions;

    HttpSendHandler(HttpSessions sessions) {
        this.sessions = sessions;
    }

    /** Before the body is read. */
    void before(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!HttpCarrier.recordsOrNoBody(ctx)) {
            HttpCarrier.refuse(ctx, sessions.guard(), 415, "a body must be Content-Type: " + Downstream.MEDIA_TYPE);
            return;
        }
        String id = HttpAnswers.session(request);
        if (id == null || HttpAnswers.ack(request) == HttpAnswers.BAD_ACK) {
            HttpCarrier.refuse(ctx, sessions.guard(), 400, "send needs " + HttpAnswers.SESSION + " and a decimal "
                    + HttpAnswers.ACK);
            return;
        }
        if (sessions.live(id) == null) {
            HttpCarrier.notLive(ctx, sessions, id, 410);
            return;
        }
        ctx.next();
    }

    /** The body read: to the session's home loop. */
    void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String id = HttpAnswers.session(request);
        HttpSession s = sessions.live(id);
        if (s == null) {
            HttpCarrier.notLive(ctx, sessions, id, 410);
            return;
        }
        byte[] body = HttpCarrier.body(ctx);
        int ack = HttpAnswers.ack(request);
        ConnectionLedger.Entry connection = HttpAnswers.connection(request);
        s.home().execute(() -> s.send(ctx.response(), body, ack, connection));
    }
}
