package dev.tickcast.server.internal.transport;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import dev.tickcast.server.internal.match.Claim;
import dev.tickcast.server.internal.match.Matchmaker;
import dev.tickcast.server.internal.room.Room;
import dev.tickcast.server.internal.room.Session;
import dev.tickcast.wire.JoinMessage;
import dev.tickcast.wire.Messages;
import dev.tickcast.wire.Protocol;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.internal.http.WebSocketInternal;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import dev.tickcast.server.TickcastOptions;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted WebSocket, on the event loop that accepted it. Before the join it accepts only JOIN
 * (a seat token); after it, every binary message goes to the room ({@link Room#execute}). Text
 * frames close with 1003; frames over the size limit are closed with 1009 by Vert.x itself.
 */
public final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final ServerWebSocket ws;
    private final WebSocketLink link;
    private final Matchmaker matchmaker;
    private final Kryo kryo;
    private final Input input = new Input();
    private final LongSupplier nanoClock;
    private final TokenBucket messages;
    private final TokenBucket chat;
    private final TokenBucket gameMessages;
    private final long idleTimeoutNs;
    private final Runnable onClosed;
    private long lastHeardNs;
    private Room room;
    private Session session;

    /**
     * Handles {@code ws}; {@code kryo} belongs to the accepting event loop; {@code onClosed} runs
     * once when the socket closes.
     */
    public Connection(ServerWebSocket ws, Matchmaker matchmaker, Kryo kryo, TickcastOptions config,
                      LongSupplier nanoClock, Runnable onClosed) {
        this.ws = ws;
        this.link = new WebSocketLink(ws, config.writeQueueMaxBytes());
        this.matchmaker = matchmaker;
        this.kryo = kryo;
        this.nanoClock = nanoClock;
        this.onClosed = onClosed;
        long now = nanoClock.getAsLong();
        this.lastHeardNs = now;
        this.idleTimeoutNs = config.idleTimeoutMs() * 1_000_000L;
        this.messages = new TokenBucket(config.messagesPerSecond(), config.messageBurst(), now);
        this.chat = new TokenBucket(config.chatPerSecond(), config.chatBurst(), now);
        this.gameMessages = new TokenBucket(config.gameMessagesPerSecond(), config.gameMessageBurst(), now);
        ChannelHandlerContext netty = ((WebSocketInternal) ws).channelHandlerContext();
        netty.pipeline().addBefore(netty.name(), "tickcast-violation-guard", new ViolationGuard(link));
        ws.frameHandler(this::onFrame);
        ws.binaryMessageHandler(this::onBinary);
        ws.textMessageHandler(text -> close(Protocol.CLOSE_UNSUPPORTED_DATA, "binary frames only"));
        ws.closeHandler(v -> onClosed());
        ws.exceptionHandler(this::onError);
    }

    /** Pings the client, or closes it with 4009 if it has been silent past the idle timeout. */
    public void keepAlive() {
        if (link.closed()) {
            return;
        }
        if (nanoClock.getAsLong() - lastHeardNs > idleTimeoutNs) {
            close(Protocol.CLOSE_TIMEOUT, "no traffic within the idle timeout");
        } else {
            ws.writePing(Buffer.buffer());
        }
    }

    private void onFrame(WebSocketFrame frame) {
        long now = nanoClock.getAsLong();
        lastHeardNs = now;
        if (frame.isPing() && !messages.take(now)) {
            close(Protocol.CLOSE_RATE_LIMITED, "ping rate limit");
        }
    }

    private void onBinary(Buffer message) {
        if (link.closed()) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (!messages.take(now)) {
            close(Protocol.CLOSE_RATE_LIMITED, "message rate limit");
            return;
        }
        int type = message.length() == 0 ? -1 : message.getUnsignedByte(0);
        if (type == Protocol.typeByte(Protocol.CHAT_SEND) && !chat.take(now)) {
            close(Protocol.CLOSE_RATE_LIMITED, "chat rate limit");
            return;
        }
        if (type == Protocol.typeByte(Protocol.GAME_SEND) && !gameMessages.take(now)) {
            close(Protocol.CLOSE_RATE_LIMITED, "game message rate limit");
            return;
        }
        if (room != null) {
            Room r = room;
            Session s = session;
            r.execute(() -> r.onMessage(s, message));
            return;
        }
        onJoin(message);
    }

    private void onJoin(Buffer message) {
        byte[] bytes = message.getBytes();
        input.setBuffer(bytes);
        int type = bytes.length == 0 ? -1 : bytes[0] & 0xFF;
        if (type != Protocol.typeByte(Protocol.JOIN)) {
            boolean known = type == Protocol.typeByte(Protocol.INPUT) || type == Protocol.typeByte(Protocol.PING)
                    || type == Protocol.typeByte(Protocol.CHAT_SEND) || type == Protocol.typeByte(Protocol.GAME_SEND);
            close(known ? Protocol.CLOSE_NOT_JOINED : Protocol.CLOSE_UNKNOWN_TYPE,
                    known ? "join first" : "unknown message type " + type);
            return;
        }
        input.setPosition(1);
        JoinMessage join = kryo.readObject(input, JoinMessage.class);
        if (join == null) {
            close(Protocol.CLOSE_INVALID_PAYLOAD, "malformed join");
            return;
        }
        if (join.version() != Protocol.VERSION) {
            close(Protocol.CLOSE_BAD_VERSION, "protocol version " + join.version() + " not supported");
            return;
        }
        Claim claim = matchmaker.claim(join.token());
        if (!claim.ok()) {
            refuse(claim.status());
            return;
        }
        room = claim.room();
        session = new Session(link, claim.name(), claim.reconnectToken());
        Room r = room;
        Session s = session;
        int resumed = claim.playerId();
        r.execute(() -> {
            if (resumed >= 0) {
                r.resume(s, resumed);
            } else {
                r.join(s);
            }
        });
    }

    private void onError(Throwable e) {
        if (e instanceof IllegalStateException && String.valueOf(e.getMessage()).contains("max message size")) {
            close(Protocol.CLOSE_TOO_BIG, "message too big");
        } else {
            LOG.debug("connection {}: {}", link.remote(), e.toString());
        }
    }

    private void refuse(Claim.Status status) {
        switch (status) {
            case EXPIRED -> close(Protocol.CLOSE_SEAT_EXPIRED, "seat token expired");
            case USED -> close(Protocol.CLOSE_SEAT_USED, "seat token already used");
            case ROOM_CLOSED -> close(Protocol.CLOSE_ROOM_CLOSED, "room closed");
            default -> close(Protocol.CLOSE_BAD_SEAT, "invalid seat token");
        }
    }

    private void onClosed() {
        onClosed.run();
        if (room != null) {
            Room r = room;
            Session s = session;
            if (leftForGood()) {
                r.execute(() -> r.leave(s));
            } else {
                r.execute(() -> r.drop(s));
            }
        }
    }

    /**
     * True if the player left on purpose (it closed with 1000) or was closed for breaking the
     * protocol; false for a dropped connection (no close frame, network error, the client going
     * away, or the server closing it for silence or slowness), whose seat is kept for a reconnection.
     */
    private boolean leftForGood() {
        Short clientCode = ws.closeStatusCode();
        if (link.serverCloseCode() != 0) {
            short code = link.serverCloseCode();
            return code != Protocol.CLOSE_TIMEOUT && code != Protocol.CLOSE_SLOW_CONSUMER;
        }
        return clientCode != null && clientCode == Protocol.CLOSE_NORMAL;
    }

    private void close(short code, String reason) {
        LOG.info("connection {}: closing with {}: {}", link.remote(), code, reason);
        link.close(code, reason);
    }
}
