package dev.tickcast.server.internal.transport;

import com.esotericsoftware.kryo.Kryo;
import dev.tickcast.server.internal.metrics.TransportMeters;
import dev.tickcast.server.internal.net.RefusalLog;
import dev.tickcast.server.internal.room.ClientLink;
import dev.tickcast.server.internal.session.ClientSession;
import dev.tickcast.server.internal.session.ClientTransport;
import dev.tickcast.server.internal.session.SeatClaims;
import dev.tickcast.server.internal.session.SessionLimits;
import dev.tickcast.wire.Protocol;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.internal.http.WebSocketInternal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * One accepted WebSocket as the carrier of a {@link ClientSession}, on the event loop that
 * accepted it: the session owns the protocol, this adapter turns WebSocket events into session
 * calls. Text frames close with 1003; frames over the size limit close with 1009 (a message that
 * Vert.x finds too big here, a frame that Netty's decoder refuses in {@link ViolationGuard}, which
 * also answers malformed frames with 1002). The HTTP idle handler is removed: a WebSocket follows
 * the session's keep-alive. Only the first violation of a connection is logged
 * ({@link WebSocketLink#logViolation}).
 */
public final class WebSocketConnection {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketConnection.class);
    /** The name of the HTTP idle-timeout handler Vert.x puts in the pipeline; WebSockets have their own keep-alive. */
    private static final String HTTP_IDLE_HANDLER = "idle";

    private final ServerWebSocket ws;
    private final WebSocketLink link;
    private final ClientSession session;
    private final Runnable onClosed;
    private final Runnable release;
    private boolean released;

    /**
     * Carries a session on {@code ws}, whose JOIN tokens are claimed from {@code seats};
     * {@code kryo} belongs to the accepting event loop; {@code release} runs once, as soon as the
     * session decides to close the connection or the socket closes (it frees the connection's slot
     * at once, without waiting for the client's close frame), and {@code onClosed} once when the
     * socket has closed. Its violations are logged through {@code violations} under the client
     * address {@code client}; its bytes are counted in {@code meters}.
     */
    public WebSocketConnection(ServerWebSocket ws, SeatClaims seats, Kryo kryo, SessionLimits limits,
                               LongSupplier nanoClock, Runnable release, Runnable onClosed, RefusalLog violations,
                               String client, TransportMeters meters) {
        this.ws = ws;
        this.release = release;
        this.onClosed = onClosed;
        this.link = new WebSocketLink(ws, limits.writeQueueMaxBytes(), violations, client, meters.sent());
        this.session = new ClientSession(new Transport(), seats, kryo, limits, nanoClock);
        ChannelHandlerContext netty = ((WebSocketInternal) ws).channelHandlerContext();
        ChannelPipeline pipeline = netty.pipeline();
        pipeline.addBefore(netty.name(), "tickcast-violation-guard", new ViolationGuard(link));
        if (pipeline.get(HTTP_IDLE_HANDLER) != null) {
            pipeline.remove(HTTP_IDLE_HANDLER);
        }
        ws.frameHandler(this::onFrame);
        LongAdder received = meters.received();
        ws.binaryMessageHandler(message -> {
            received.add(message.length());
            session.onMessage(message);
        });
        ws.textMessageHandler(text -> session.close(Protocol.CLOSE_UNSUPPORTED_DATA, "binary frames only"));
        ws.closeHandler(v -> onClosed());
        ws.exceptionHandler(this::onError);
    }

    /** The session's join deadline and idle timeout, checked on the loop's timer. */
    public void checkDeadlines(long nowNs) {
        session.checkDeadlines(nowNs);
    }

    /** The keep-alive ping, every ping interval. */
    public void ping() {
        session.ping();
    }

    /** Closes the connection with {@code code} (server shutdown: 1001). */
    public void close(short code, String reason) {
        session.close(code, reason);
    }

    /** The close code the server sent on this connection, or 0 if it did not close it (for the metrics). */
    public short serverCloseCode() {
        return link.serverCloseCode();
    }

    private void onFrame(WebSocketFrame frame) {
        session.onFrame(kind(frame));
    }

    private static ClientSession.Frame kind(WebSocketFrame frame) {
        if (frame.isPing()) {
            return ClientSession.Frame.PING;
        }
        if (frame.isContinuation()) {
            return ClientSession.Frame.CONTINUATION;
        }
        return frame.type() == WebSocketFrameType.PONG ? ClientSession.Frame.PONG : ClientSession.Frame.DATA;
    }

    private void onError(Throwable e) {
        if (e instanceof IllegalStateException && String.valueOf(e.getMessage()).contains("max message size")) {
            session.close(Protocol.CLOSE_TOO_BIG, "message too big");
        } else {
            LOG.debug("connection {}: {}", link.remote(), e.toString());
        }
    }

    private void release() {
        if (!released) {
            released = true;
            release.run();
        }
    }

    private void onClosed() {
        link.logSuppressed();
        release();
        onClosed.run();
        session.onClosed();
    }

    /** The session's view of this WebSocket. */
    private final class Transport implements ClientTransport {
        @Override
        public ClientLink link() {
            return link;
        }

        @Override
        public void ping() {
            ws.writePing(Buffer.buffer());
        }

        @Override
        public boolean measuresRoundTrip() {
            return true;
        }

        @Override
        public void roundTrip(int rttMs) {
            link.roundTrip(rttMs);
        }

        @Override
        public void close(short code, String reason) {
            link.close(code, reason);
            release();
        }

        @Override
        public int clientCloseCode() {
            Short code = ws.closeStatusCode();
            return code == null ? -1 : code;
        }

        @Override
        public short serverCloseCode() {
            return link.serverCloseCode();
        }

        @Override
        public void logViolation(short code, String reason) {
            link.logViolation(code, reason);
        }
    }
}
