package dev.tickcast.server.internal.session;

import dev.tickcast.server.internal.room.RoomEntry;
import com.esotericsoftware.kryo.Kryo;
import dev.tickcast.server.internal.net.TokenBucket;
import dev.tickcast.server.internal.room.Session;
import dev.tickcast.wire.ClientMessages;
import dev.tickcast.wire.Protocol;
import io.vertx.core.buffer.Buffer;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One client's protocol, whatever transport carries it (docs/PROTOCOL.md 2, 4 and 12): the JOIN,
 * the rate limits, the keep-alive and the dispatch of its messages to its room. The transport calls
 * it with every frame it reads ({@link #onFrame}), every whole message ({@link #onMessage}), on
 * its timers ({@link #checkDeadlines}, {@link #ping}) and once when it has closed
 * ({@link #onClosed}); the session answers through its {@link ClientTransport}.
 *
 * <p>Before the join it accepts only JOIN ({@link ClientMessages}: 4000 for an unknown type, 4001
 * for another), within the join deadline. After it, every message goes to the room session's
 * inbox: INPUTs wait there for the room's next step, any other message asks the room to drain the
 * inbox at once, so the room sees every message in order. A spectator's messages other than PING
 * are ignored. Every message counts against the message limit, CHAT_SEND and GAME_SEND against
 * their own too. Once the session or the room has closed the connection, further frames are ignored.
 *
 * <p><b>Threading.</b> The transport's thread only (for a WebSocket, the event loop that accepted
 * it); the room is reached through {@link RoomEntry#execute}.
 */
public final class ClientSession {
    /** Kinds of frame a transport reads; all but {@link #DATA} count against the message limit (a PONG unless owed). */
    public enum Frame {
        /** A frame of a message, binary or text, or a close frame: a binary message is counted by {@link ClientSession#onMessage}. */
        DATA,
        /** A transport-level ping from the client. */
        PING,
        /** A transport-level pong from the client. */
        PONG,
        /** A continuation frame of a message split into several. */
        CONTINUATION,
        /** A message the carrier already delivered, sent again (an HTTP record of a retried {@code send}). */
        DUPLICATE
    }

    private final ClientTransport transport;
    private final JoinClaims joins;
    private final JoinClaims.Refusal refusal = this::close;
    private final LongSupplier nanoClock;
    private final KeepAlive keepAlive;
    private final TokenBucket messages;
    private final ChatLimit chat;
    private final TokenBucket gameMessages;
    private RoomEntry room;
    private Session session;
    private Runnable drain;
    private boolean spectator;

    /**
     * A session opened now on {@code transport}; JOIN tokens are claimed from {@code seats} and
     * decoded with {@code kryo}, which belongs to the transport's thread.
     */
    public ClientSession(ClientTransport transport, SeatClaims seats, Kryo kryo, SessionLimits limits,
                         LongSupplier nanoClock) {
        this.transport = transport;
        this.joins = new JoinClaims(seats, kryo);
        this.nanoClock = nanoClock;
        long now = nanoClock.getAsLong();
        this.keepAlive = new KeepAlive(limits, now);
        this.messages = new TokenBucket(limits.messagesPerSecond(), limits.messageBurst(), now);
        this.chat = new ChatLimit(limits.chatPerSecond(), limits.chatBurst(), now);
        this.gameMessages = new TokenBucket(limits.gameMessagesPerSecond(), limits.gameMessageBurst(), now);
    }

    /**
     * Every frame the transport reads: the client was heard from. A ping, a pong nobody asked for,
     * each continuation frame and each message sent again take a token from the message limit
     * (4010 past it), like a message, so a client cannot make the server work at any rate by
     * splitting messages, repeating them or sending frames that are not messages.
     */
    public void onFrame(Frame frame) {
        long now = nanoClock.getAsLong();
        keepAlive.heard(now);
        if (closed()) {
            return;
        }
        boolean counted = frame == Frame.PING || frame == Frame.CONTINUATION || frame == Frame.DUPLICATE
                || frame == Frame.PONG && !answersPing(now);
        if (counted && !messages.take(now)) {
            close(Protocol.CLOSE_RATE_LIMITED, frame.name().toLowerCase(Locale.ROOT) + " frame rate limit");
        }
    }

    /** True if a pong arriving now answers a keep-alive ping: a round-trip sample, handed to the transport. */
    private boolean answersPing(long now) {
        if (!keepAlive.takeOwedPong(now)) {
            return false;
        }
        transport.roundTrip(keepAlive.rttMs());
        return true;
    }

    /** One whole binary message from the client; it may keep {@code message} (it goes to the room). */
    public void onMessage(Buffer message) {
        if (closed()) {
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
        ClientMessages.Kind kind = ClientMessages.byTypeByte(type);
        if (kind != null && !takeBucket(kind.bucket(), now)) {
            return;
        }
        if (spectator && (kind == null || !kind.spectators())) {
            return; // after its JOIN a spectator is answered PING only (PROTOCOL.md 4.2); the limits still apply
        }
        if (room != null) {
            toRoom(kind, message);
        } else if (kind == null) {
            close(Protocol.CLOSE_UNKNOWN_TYPE, "unknown message type " + type);
        } else if (!kind.beforeJoin()) {
            close(Protocol.CLOSE_NOT_JOINED, "join first");
        } else {
            Admission admission = joins.claim(message, refusal);
            if (admission != null) {
                enter(admission);
            }
        }
    }

    /** True if the message may go on past its second limit (if any); a message over it is dropped or closes. */
    private boolean takeBucket(ClientMessages.Bucket bucket, long now) {
        switch (bucket) {
            case CHAT -> {
                return chat(now);
            }
            case GAME -> {
                if (!gameMessages.take(now)) {
                    close(Protocol.CLOSE_RATE_LIMITED, "game message rate limit");
                    return false;
                }
                return true;
            }
            default -> {
                return true;
            }
        }
    }

    /** True if the chat line may go on; a line over the rate is dropped with a notice, a flood closes. */
    private boolean chat(long now) {
        switch (chat.take(now)) {
            case SEND -> {
                return true;
            }
            case DROP -> {
                if (chat.noticeDue(now)) {
                    transport.link().send(ChatLimit.NOTICE);
                }
                return false;
            }
            default -> {
                close(Protocol.CLOSE_RATE_LIMITED, "chat flood");
                return false;
            }
        }
    }

    /** Unknown types go to the room too, which answers them in order (4000); JOIN again is its 4003. */
    private void toRoom(ClientMessages.Kind kind, Buffer message) {
        if (!session.offer(message)) {
            close(Protocol.CLOSE_RATE_LIMITED, "messages faster than the room takes them");
        } else if (kind != ClientMessages.INPUT) {
            room.execute(drain);
        }
    }

    private void enter(Admission admission) {
        RoomEntry r = admission.room();
        Session s = new Session(transport.link(), admission.identity(), admission.reconnectToken());
        room = r;
        session = s;
        drain = () -> r.drain(s);
        int seat = admission.seat();
        spectator = seat == Admission.SPECTATOR;
        if (transport.measuresRoundTrip()) {
            // The periodic ping comes every ping interval (5 s): without this one a player's first
            // shots would be judged with no round trip to check their view stamps against.
            ping();
        }
        r.execute(() -> {
            if (seat == Admission.SPECTATOR) {
                r.watch(s);
            } else if (seat >= 0) {
                r.resume(s, seat);
            } else {
                r.join(s);
            }
        });
    }

    /**
     * The deadlines, checked on the transport's timer ({@link SessionLimits#deadlineCheckMs}):
     * closes with 4011 past the join deadline or with 4009 past the idle timeout.
     */
    public void checkDeadlines(long nowNs) {
        if (closed()) {
            return;
        }
        short due = keepAlive.due(nowNs, room != null);
        if (due == Protocol.CLOSE_JOIN_TIMEOUT) {
            close(due, "no JOIN within the join deadline");
        } else if (due == Protocol.CLOSE_TIMEOUT) {
            close(due, "no traffic within the idle timeout");
        }
    }

    /** The keep-alive ping, every ping interval; the first pong after it is free of the message limit. */
    public void ping() {
        if (!closed()) {
            keepAlive.pinged(nanoClock.getAsLong());
            transport.ping();
        }
    }

    /** Closes the connection with {@code code}, logged as a violation (also the server's shutdown: 1001). */
    public void close(short code, String reason) {
        if (closed()) {
            return;
        }
        transport.logViolation(code, reason);
        transport.close(code, reason);
    }

    /**
     * The transport has closed: a joined player leaves its room for good or drops from it, keeping
     * its seat for a reconnection ({@link #leftForGood}).
     */
    public void onClosed() {
        if (room == null) {
            return;
        }
        RoomEntry r = room;
        Session s = session;
        if (leftForGood()) {
            r.execute(() -> r.leave(s));
        } else {
            r.execute(() -> r.drop(s));
        }
    }

    /**
     * True if the player left on purpose (it closed with 1000) or was closed for breaking the
     * protocol; false for a dropped connection (no close frame, network error, the client going
     * away, or the server closing it for silence, slowness or its own shutdown), whose seat is kept
     * for a reconnection (docs/PROTOCOL.md 4.1).
     */
    private boolean leftForGood() {
        short server = transport.serverCloseCode();
        if (server != 0) {
            return server != Protocol.CLOSE_TIMEOUT && server != Protocol.CLOSE_SLOW_CONSUMER
                    && server != Protocol.CLOSE_GOING_AWAY;
        }
        return transport.clientCloseCode() == Protocol.CLOSE_NORMAL;
    }

    /** True once a JOIN has been accepted (the room may not have seated the client yet). */
    public boolean joined() {
        return room != null;
    }

    private boolean closed() {
        return transport.link().closed();
    }
}
