package dev.tickcast.server.internal.transport;

import dev.tickcast.server.internal.net.TokenBucket;
import dev.tickcast.server.internal.net.RefusalLog;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import dev.tickcast.server.TickcastOptions;
import dev.tickcast.server.internal.match.Claim;
import dev.tickcast.server.internal.match.Matchmaker;
import dev.tickcast.server.internal.room.Room;
import dev.tickcast.server.internal.room.Session;
import dev.tickcast.wire.JoinMessage;
import dev.tickcast.wire.Messages;
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

import java.util.function.LongSupplier;

/**
 * One accepted WebSocket, on the event loop that accepted it. Before the join it accepts only JOIN
 * (a seat token), within the join deadline; after it, every binary message goes to the session's
 * inbox: INPUTs wait there for the room's next step, any other message asks the room to drain the
 * inbox at once ({@link Room#drain}), so the room sees every message in order. Text frames close with 1003; frames over the size limit are closed with
 * 1009 by Vert.x itself. Once the server has decided to close it, further frames are ignored, and
 * only the first violation is logged ({@link WebSocketLink#logViolation}).
 */
public final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    /** The name of the HTTP idle-timeout handler Vert.x puts in the pipeline; WebSockets have their own keep-alive. */
    private static final String HTTP_IDLE_HANDLER = "idle";
    private static final int INPUT_TYPE = Protocol.typeByte(Protocol.INPUT);
    private static final int PING_TYPE = Protocol.typeByte(Protocol.PING);

    private final ServerWebSocket ws;
    private final WebSocketLink link;
    private final Matchmaker matchmaker;
    private final Kryo kryo;
    private final Input input = new Input();
    private final LongSupplier nanoClock;
    private final TokenBucket messages;
    private final ChatLimit chat;
    private final TokenBucket gameMessages;
    private final long idleTimeoutNs;
    private final long joinDeadlineNs;
    private final long openedNs;
    private final Runnable onClosed;
    private final Runnable release;
    private boolean released;
    private long lastHeardNs;
    private Room room;
    private Session session;
    private Runnable drain;
    private boolean spectator;
    private boolean pongOwed;

    /**
     * Handles {@code ws}; {@code kryo} belongs to the accepting event loop; {@code release} runs once,
     * as soon as the server decides to close the connection or the socket closes (it frees the
     * connection's slot at once, without waiting for the client's close frame), and {@code onClosed}
     * once when the socket has closed. Its violations are logged through {@code violations} under
     * the client address {@code client}.
     */
    public Connection(ServerWebSocket ws, Matchmaker matchmaker, Kryo kryo, TickcastOptions config,
                      LongSupplier nanoClock, Runnable release, Runnable onClosed, RefusalLog violations,
                      String client) {
        this.release = release;
        this.ws = ws;
        this.link = new WebSocketLink(ws, config.writeQueueMaxBytes(), violations, client);
        this.matchmaker = matchmaker;
        this.kryo = kryo;
        this.nanoClock = nanoClock;
        this.onClosed = onClosed;
        long now = nanoClock.getAsLong();
        this.openedNs = now;
        this.lastHeardNs = now;
        this.idleTimeoutNs = config.idleTimeoutMs() * 1_000_000L;
        this.joinDeadlineNs = config.joinDeadlineMs() * 1_000_000L;
        this.messages = new TokenBucket(config.messagesPerSecond(), config.messageBurst(), now);
        this.chat = new ChatLimit(config, now);
        this.gameMessages = new TokenBucket(config.gameMessagesPerSecond(), config.gameMessageBurst(), now);
        ChannelHandlerContext netty = ((WebSocketInternal) ws).channelHandlerContext();
        ChannelPipeline pipeline = netty.pipeline();
        pipeline.addBefore(netty.name(), "tickcast-violation-guard", new ViolationGuard(link));
        if (pipeline.get(HTTP_IDLE_HANDLER) != null) {
            pipeline.remove(HTTP_IDLE_HANDLER);
        }
        ws.frameHandler(this::onFrame);
        ws.binaryMessageHandler(this::onBinary);
        ws.textMessageHandler(text -> close(Protocol.CLOSE_UNSUPPORTED_DATA, "binary frames only"));
        ws.closeHandler(v -> onClosed());
        ws.exceptionHandler(this::onError);
    }

    /**
     * The connection's deadlines, called every tick: closes it with 4011 past the join deadline or
     * with 4009 past the idle timeout.
     */
    public void tick(long nowNs) {
        if (link.closed()) {
            return;
        }
        if (room == null && nowNs - openedNs > joinDeadlineNs) {
            close(Protocol.CLOSE_JOIN_TIMEOUT, "no JOIN within the join deadline");
        } else if (nowNs - lastHeardNs > idleTimeoutNs) {
            close(Protocol.CLOSE_TIMEOUT, "no traffic within the idle timeout");
        }
    }

    /** The keep-alive ping, every ping interval; the first PONG after it is free of the message limit. */
    public void ping() {
        if (!link.closed()) {
            pongOwed = true;
            ws.writePing(Buffer.buffer());
        }
    }

    /**
     * Control and continuation frames: a PING, a PONG nobody asked for and each continuation frame
     * take a token from the message bucket (4010 past it), like a message; so a client cannot make
     * the server work at any rate by splitting messages or sending frames that are not messages.
     */
    private void onFrame(WebSocketFrame frame) {
        long now = nanoClock.getAsLong();
        lastHeardNs = now;
        if (link.closed()) {
            return;
        }
        boolean counted = frame.isPing() || frame.isContinuation()
                || frame.type() == WebSocketFrameType.PONG && !takeOwedPong();
        if (counted && !messages.take(now)) {
            close(Protocol.CLOSE_RATE_LIMITED,
                    frame.type().name().toLowerCase(java.util.Locale.ROOT) + " frame rate limit");
        }
    }

    private boolean takeOwedPong() {
        boolean owed = pongOwed;
        pongOwed = false;
        return owed;
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
        if (message.length() == 0) {
            close(Protocol.CLOSE_INVALID_PAYLOAD, "empty message");
            return;
        }
        int type = message.getUnsignedByte(0);
        if (type == Protocol.typeByte(Protocol.CHAT_SEND) && !chat(now)) {
            return;
        }
        if (type == Protocol.typeByte(Protocol.GAME_SEND) && !gameMessages.take(now)) {
            close(Protocol.CLOSE_RATE_LIMITED, "game message rate limit");
            return;
        }
        if (spectator && type != PING_TYPE) {
            return; // after its JOIN a spectator is answered PING only (PROTOCOL.md 4.2); the limits still apply
        }
        if (room != null) {
            if (!session.offer(message)) {
                close(Protocol.CLOSE_RATE_LIMITED, "messages faster than the room takes them");
            } else if (type != INPUT_TYPE) {
                room.execute(drain);
            }
            return;
        }
        onJoin(message);
    }

    /** True if the chat line may go on; a line over the rate is dropped with a notice, a flood closes. */
    private boolean chat(long now) {
        switch (chat.take(now)) {
            case SEND -> {
                return true;
            }
            case DROP -> {
                if (chat.noticeDue(now)) {
                    link.send(ChatLimit.NOTICE);
                }
                return false;
            }
            default -> {
                close(Protocol.CLOSE_RATE_LIMITED, "chat flood");
                return false;
            }
        }
    }

    private void onJoin(Buffer message) {
        byte[] bytes = message.getBytes();
        input.setBuffer(bytes);
        int type = bytes[0] & 0xFF;
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
        drain = () -> r.drain(s);
        int resumed = claim.playerId();
        spectator = resumed == Claim.SPECTATOR;
        r.execute(() -> {
            if (resumed == Claim.SPECTATOR) {
                r.watch(s);
            } else if (resumed >= 0) {
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
     * away, or the server closing it for silence, slowness or its own shutdown), whose seat is kept
     * for a reconnection.
     */
    private boolean leftForGood() {
        Short clientCode = ws.closeStatusCode();
        if (link.serverCloseCode() != 0) {
            short code = link.serverCloseCode();
            return code != Protocol.CLOSE_TIMEOUT && code != Protocol.CLOSE_SLOW_CONSUMER && code != Protocol.CLOSE_GOING_AWAY;
        }
        return clientCode != null && clientCode == Protocol.CLOSE_NORMAL;
    }

    /** The close code the server sent on this connection, or 0 if it did not close it (for the metrics). */
    public short serverCloseCode() {
        return link.serverCloseCode();
    }

    /** Closes the connection with {@code code} (server shutdown: 1001). */
    public void close(short code, String reason) {
        if (link.closed()) {
            return;
        }
        link.logViolation(code, reason);
        link.close(code, reason);
        release();
    }
}
