package dev.tickcast.server.internal.transport.http;

import dev.tickcast.server.internal.http.RequestBodies;
import dev.tickcast.server.internal.transport.HandshakeGuard;
import dev.tickcast.wire.Records;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.util.function.Consumer;

/**
 * The HTTP binding's endpoints (docs/PROTOCOL.md 2.1), served in front of the shared router:
 * {@code POST /http/open} ({@link HttpOpenHandler}), {@code GET /http/recv}
 * ({@link HttpRecvHandler}) and {@code POST /http/send} ({@link HttpSendHandler}); every other
 * request goes on to the router. A player's every input and poll is one of these requests, so they
 * skip the router's route matching, routing context and body handler, and their answers carry
 * only the headers the binding needs ({@code X-Content-Type-Options: nosniff},
 * {@code Cache-Control: no-store}): they are binary records, never documents. Every endpoint
 * refuses a foreign browser origin with 403 first; bodies are read in memory up to 16,384 bytes
 * (413 past it); refusals are logged through the handshake guard's refusal log.
 */
public final class HttpCarrier implements Handler<HttpServerRequest> {
    private static final String OPEN = "/http/open";
    private static final String RECV = "/http/recv";
    private static final String SEND = "/http/send";

    private final HandshakeGuard guard;
    private final HttpOpenHandler open;
    private final HttpRecvHandler recv;
    private final HttpSendHandler send;
    private final Handler<HttpServerRequest> next;

    /** The binding over {@code sessions}, handing every other request to {@code next} (the router). */
    public HttpCarrier(HttpSessions sessions, Handler<HttpServerRequest> next) {
        this.guard = sessions.guard();
        this.open = new HttpOpenHandler(sessions);
        this.recv = new HttpRecvHandler(sessions);
        this.send = new HttpSendHandler(sessions);
        this.next = next;
    }

    @Override
    public void handle(HttpServerRequest request) {
        String path = request.path();
        HttpMethod method = request.method();
        if (SEND.equals(path) && method == HttpMethod.POST) {
            served(request, send::handle);
        } else if (RECV.equals(path) && method == HttpMethod.GET) {
            served(request, recv::handle);
        } else if (OPEN.equals(path) && method == HttpMethod.POST) {
            served(request, open::handle);
        } else {
            next.handle(request);
        }
    }

    /** A foreign browser origin gets 403 on every endpoint, as at the WebSocket handshake. */
    private void served(HttpServerRequest request, Consumer<HttpServerRequest> endpoint) {
        request.response().putHeader("X-Content-Type-Options", "nosniff");
        if (guard.checkOrigin(request.getHeader("Origin"), request.getHeader("Host"), request.scheme(),
                address(request, guard), "HTTP binding request") != 0) {
            HttpAnswers.error(request.response(), 403, "this origin may not connect here");
        } else {
            endpoint.accept(request);
        }
    }

    /** The client address of the request (X-Forwarded-For only from a trusted proxy). */
    static String address(HttpServerRequest request, HandshakeGuard guard) {
        return guard.address(request.remoteAddress(), request.headers());
    }

    /** True if the request has no body or one of Content-Type application/vnd.tickcast.records. */
    static boolean recordsOrNoBody(HttpServerRequest request) {
        return !RequestBodies.announcesBody(request)
                || RequestBodies.hasMediaType(request.getHeader("Content-Type"), Downstream.MEDIA_TYPE);
    }

    /**
     * Reads the body of {@code request} (at most {@link Records#MAX_UPSTREAM_BODY_BYTES}) and hands
     * it to {@code body}; a larger one (announced or sent) is refused with 413, once.
     */
    static void readBody(HttpServerRequest request, HandshakeGuard guard, Consumer<byte[]> body) {
        int limit = Records.MAX_UPSTREAM_BODY_BYTES;
        String length = request.getHeader("Content-Length");
        if (length != null && announcedOver(length, limit)) {
            refuse(request, guard, 413, "request body too large");
            return;
        }
        BodyCollector collector = new BodyCollector(limit);
        request.handler(chunk -> {
            if (!collector.add(chunk)) {
                refuse(request, guard, 413, "request body too large");
            }
        });
        request.exceptionHandler(e -> collector.fail());
        request.endHandler(v -> {
            if (collector.ok()) {
                body.accept(collector.bytes());
            }
        });
    }

    private static boolean announcedOver(String length, int limit) {
        try {
            return Long.parseLong(length.strip()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x's codec refuses a malformed Content-Length before this
        }
    }

    /** Refuses the request with {@code status}, logged once per address and period. */
    static void refuse(HttpServerRequest request, HandshakeGuard guard, int status, String message) {
        guard.refused(address(request, guard), "HTTP binding request refused: " + message + " (" + status + ")");
        HttpAnswers.error(request.response(), status, message);
    }

    /** A session that is not live here: its tombstone's CLOSE record with {@code closedStatus}, or 404. */
    static void notLive(HttpServerRequest request, HttpSessions sessions, String id, int closedStatus) {
        HttpSessions.Tombstone t = sessions.closed(id);
        if (t != null) {
            HttpAnswers.records(request.response(), closedStatus, t.body());
        } else {
            HttpAnswers.error(request.response(), 404, "no such session here");
        }
    }
}
