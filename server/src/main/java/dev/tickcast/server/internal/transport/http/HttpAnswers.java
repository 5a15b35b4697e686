package dev.tickcast.server.internal.transport.http;

import dev.tickcast.server.internal.transport.ConnectionLedger;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.Records;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * The request headers and the answers of the HTTP binding's endpoints (docs/PROTOCOL.md 2.1):
 * {@code Tickcast-Session} and {@code Tickcast-Ack} read strictly, and every answer with
 * {@code Cache-Control: no-store}. Stateless; any thread.
 */
final class HttpAnswers {
    /** The header naming a session. */
    static final String SESSION = "Tickcast-Session";
    /** The header acknowledging the downstream records. */
    static final String ACK = "Tickcast-Ack";
    /** {@link #ack} of a malformed header. */
    static final int BAD_ACK = -1;

    private static final int ID_CHARS = 32;
    private static final int MAX_ACK_DIGITS = 10;

    private HttpAnswers() {
    }

    /** The session id of {@code request}: 32 lowercase hexadecimal digits, or null. */
    static String session(HttpServerRequest request) {
        String id = request.getHeader(SESSION);
        if (id == null || id.length() != ID_CHARS) {
            return null;
        }
        for (int i = 0; i < ID_CHARS; i++) {
            char c = id.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return null;
            }
        }
        return id;
    }

    /** The acknowledgement of {@code request}: 0 without the header, {@link #BAD_ACK} unless decimal in 0..2^31-1. */
    static int ack(HttpServerRequest request) {
        String ack = request.getHeader(ACK);
        if (ack == null) {
            return 0;
        }
        if (ack.isEmpty() || ack.length() > MAX_ACK_DIGITS) {
            return BAD_ACK;
        }
        long v = 0;
        for (int i = 0; i < ack.length(); i++) {
            char c = ack.charAt(i);
            if (c < '0' || c > '9') {
                return BAD_ACK;
            }
            v = v * 10 + (c - '0');
        }
        return v > Integer.MAX_VALUE ? BAD_ACK : (int) v;
    }

    /** The ledger entry of the TCP connection that carries {@code request}, or null. */
    static ConnectionLedger.Entry connection(HttpServerRequest request) {
        if (request.connection() instanceof io.vertx.core.http.impl.HttpServerConnection http) {
            return http.channelHandlerContext().channel().attr(ConnectionLedger.CHANNEL_ENTRY).get();
        }
        return null;
    }

    /** An error status with a JSON body {"error": ...}. */
    static void error(HttpServerResponse response, int status, String message) {
        response.setStatusCode(status).putHeader("Cache-Control", "no-store").putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", message).encode());
    }

    /**
     * A record body with {@code status}: {@code body} (a SEQ and a CLOSE), or, for a session
     * forgotten meanwhile (null), a CLOSE 1001 as after a drop.
     */
    static void records(HttpServerResponse response, int status, byte[] body) {
        Downstream.headers(response.setStatusCode(status));
        response.end(body != null ? Buffer.buffer(body)
                : Buffer.buffer(Records.seq(1)).appendBytes(Records.close(Protocol.CLOSE_GOING_AWAY, "session gone")));
    }

    /** The answer of {@code open}: 200, the session's id, no body. */
    static void opened(HttpServerResponse response, String id) {
        response.setStatusCode(200).putHeader(SESSION, id).putHeader("Cache-Control", "no-store").end();
    }
}
