package dev.tickcast.server.internal.room;

import com.esotericsoftware.kryo.io.Input;
import dev.tickcast.game.driver.GameDriver;
import dev.tickcast.game.driver.Verdict;
import dev.tickcast.game.rewind.ViewStamp;
import dev.tickcast.wire.ChatSendMessage;
import dev.tickcast.wire.PingMessage;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.Wire;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client messages waiting in the sessions' inboxes, taken in order ({@link #drain}) and
 * dispatched by type byte through a table of handlers: a seated player's INPUT and GAME_SEND to
 * the game's driver (which checks them and answers with a verdict), PING answered with PONG,
 * CHAT_SEND relayed (when the game has chat on); a spectator's PING only. A violation closes the
 * sender. Frames are copied into one reused array and read in place: nothing is allocated per
 * INPUT or GAME_SEND. Made with the game (the first JOIN). The room's thread only.
 */
final class Inbound {
    private static final Logger LOG = LoggerFactory.getLogger(Inbound.class);

    /** Handles one frame of a type, {@code frame[0, length)} with the type byte at 0. */
    @FunctionalInterface
    interface Handler {
        void handle(Session s, byte[] frame, int length);
    }

    private static final int TYPES = 128;

    private final ControlFrames frames;
    private final GameHost game;
    private final Seats seats;
    private final Spectators spectators;
    private final RoomRecorder recorder;
    private final Handler[] handlers = new Handler[TYPES];
    private final byte[] frame = new byte[Protocol.MAX_CLIENT_MESSAGE_BYTES];

    /** The inbound side of {@code game}'s room. */
    Inbound(ControlFrames frames, GameHost game, Seats seats, Spectators spectators, RoomRecorder recorder) {
        this.frames = frames;
        this.recorder = recorder;
        this.game = game;
        this.seats = seats;
        this.spectators = spectators;
        on(Protocol.INPUT, this::input);
        on(Protocol.GAME_SEND, this::gameMessage);
        on(Protocol.PING, this::ping);
        on(Protocol.CHAT_SEND, game.spec().chat() ? this::chat : this::chatOff);
        on(Protocol.JOIN, (s, f, n) -> reject(s, Protocol.CLOSE_ALREADY_JOINED, "already joined"));
    }

    /**
     * Handles the messages waiting in {@code session}'s inbox, in order, if it is seated or a
     * spectator (a session not yet seated keeps them); what follows a message that closed it is
     * dropped.
     */
    void drain(Session session) {
        boolean seated = seats.holds(session);
        if (!seated && !spectators.contains(session)) {
            return;
        }
        Buffer message;
        while ((message = session.inbox.poll()) != null) {
            if (session.link.closed()) {
                session.inbox.clear();
                return;
            }
            if (seated) {
                dispatch(session, message);
            } else {
                dispatchSpectator(session, message);
            }
        }
    }

    /** Drains every seated player that has messages waiting (a step takes its INPUTs so). */
    void drainSeated() {
        Session[] sessions = seats.sessions();
        for (int i = 0; i < sessions.length; i++) {
            Session s = sessions[i];
            if (s != null && !s.inbox.isEmpty()) {
                drain(s);
            }
        }
    }

    private void on(int id, Handler handler) {
        handlers[Protocol.typeByte(id)] = handler;
    }

    /** Handles one client message of a joined session (anything but its JOIN). */
    private void dispatch(Session s, Buffer message) {
        int length = message.length();
        if (length == 0 || length > frame.length) {
            reject(s, Protocol.CLOSE_INVALID_PAYLOAD, "empty or oversized message");
            return;
        }
        message.getBytes(0, length, frame, 0);
        int type = frame[0] & 0xFF;
        Handler h = type < TYPES ? handlers[type] : null; // a handler for each ClientMessages type, none else
        if (h == null) {
            reject(s, Protocol.CLOSE_UNKNOWN_TYPE, "unknown message type " + type);
            return;
        }
        h.handle(s, frame, length);
    }

    /** Handles one message of a spectator: a PING is answered, anything else is ignored (PROTOCOL.md 4.2). */
    private void dispatchSpectator(Session s, Buffer message) {
        int length = message.length();
        if (length == 0 || length > frame.length || message.getUnsignedByte(0) != Protocol.typeByte(Protocol.PING)) {
            return;
        }
        message.getBytes(0, length, frame, 0);
        ping(s, frame, length);
    }

    private void input(Session s, byte[] f, int length) {
        Input in = frames.body(f, length);
        int seq = Wire.readVarUInt(in);
        int view = seq < 0 ? -1 : Wire.readVarUInt(in);
        if (badView(s, view)) {
            return;
        }
        GameDriver driver = latency(s);
        verdict(s, driver.input(s.playerId, view < 0 ? -1 : seq, view, f, in.position(), length - in.position()));
    }

    private void gameMessage(Session s, byte[] f, int length) {
        Input in = frames.body(f, length);
        int type = Wire.readVarUInt(in);
        int view = type < 0 ? -1 : Wire.readVarUInt(in);
        if (badView(s, view)) {
            return;
        }
        GameDriver driver = latency(s);
        verdict(s, driver.message(s.playerId, view < 0 ? -1 : type, view, f, in.position(), length - in.position()));
    }

    /** A view stamp above the largest one is malformed (1007); an unreadable one (-1) is the driver's to refuse. */
    private boolean badView(Session s, int view) {
        if (view <= ViewStamp.MAX) {
            return false;
        }
        reject(s, Protocol.CLOSE_INVALID_PAYLOAD, "malformed view stamp " + view);
        return true;
    }

    /** The driver, told the sender's round trip and declared delay: the view stamp is judged with them. */
    private GameDriver latency(Session s) {
        GameDriver driver = game.driver();
        driver.latency(s.playerId, s.link.rttMs(), s.viewDelayMs);
        return driver;
    }

    /** Closes the sender of a refused INPUT or GAME_SEND; a failed game has closed the whole room already. */
    private void verdict(Session s, Verdict verdict) {
        if (!verdict.accepted() && verdict != Verdict.FAILED) {
            reject(s, verdict.closeCode(), game.driver().reason());
        }
    }

    private void ping(Session s, byte[] f, int length) {
        PingMessage ping = frames.read(f, length, PingMessage.class);
        if (ping == null) {
            reject(s, Protocol.CLOSE_INVALID_PAYLOAD, "malformed ping");
            return;
        }
        s.viewDelayMs = ping.viewDelayMs();
        s.link.send(frames.pong(ping.clientTime(), game.tick()));
    }

    private void chat(Session s, byte[] f, int length) {
        ChatSendMessage chat = frames.read(f, length, ChatSendMessage.class);
        if (chat == null) {
            reject(s, Protocol.CLOSE_INVALID_PAYLOAD, "malformed chat");
            return;
        }
        String text = Trim.trim(chat.text());
        if (!text.isEmpty()) {
            Buffer line = frames.chat(s.playerId, s.name, text);
            seats.sendToAll(line);
            recorder.chat(line);
        }
    }

    private void chatOff(Session s, byte[] f, int length) {
        reject(s, Protocol.CLOSE_POLICY, "chat is off in this game");
    }

    private void reject(Session session, short code, String reason) {
        if (session.link.closed()) {
            return;
        }
        LOG.info("room {} player {} ({}): closing with {}: {}", game.roomId(), session.playerId, session.link.remote(),
                code, reason);
        session.link.close(code, reason);
    }
}
