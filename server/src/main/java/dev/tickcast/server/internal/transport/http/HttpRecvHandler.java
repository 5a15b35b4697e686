package dev.tickcast.server.internal.transport.http;

import dev.tickcast.server.internal.transport.ConnectionLedger;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /http/recv?mode=stream|poll} (docs/PROTOCOL.md 2.1): 400 for no or a malformed
 * {@code Tickcast-Session} or {@code Tickcast-Ack} or another mode, 404 for no such session here,
 * the tombstone's CLOSE record for a closed one; else the request goes to the session's home loop,
 * which answers it with the records not acknowledged and then holds it.
 */
final class HttpRecvHandler {
    private final HttpSessions sessions;

    HttpRecvHandler(HttpSessions sessions) {
        this.sessions = sessions;
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String id = HttpAnswers.session(request);
        int ack = HttpAnswers.ack(request);
        String mode = request.getParam("mode");
        boolean stream = "stream".equals(mode);
        if (id == null || ack == HttpAnswers.BAD_ACK || !stream && !"poll".equals(mode)) {
            HttpCarrier.refuse(ctx, sessions.guard(), 400, "recv needs " + HttpAnswers.SESSION
                    + ", a decimal " + HttpAnswers.ACK + " and mode=stream or mode=poll");
            return;
        }
        HttpSession s = sessions.live(id);
        if (s == null) {
            HttpCarrier.notLive(ctx, sessions, id, 200);
            return;
        }
        ConnectionLedger.Entry connection = HttpAnswers.connection(request);
        s.home().execute(() -> s.recv(ctx.response(), stream, ack, connection));
    }
}
