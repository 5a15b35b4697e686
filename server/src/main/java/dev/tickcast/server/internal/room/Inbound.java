package dev.tickcast.server.internal.room;

import com.esotericsoftware.kryo.io.Input;
import dev.tickcast.game.InputReader;
import dev.tickcast.wire.ChatSendMessage;
import dev.tickcast.wire.PingMessage;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.Wire;
import io.vertx.core.buffer.Buffer;

/**
 * A joined player's messages to the room, dispatched by type byte through a table of handlers:
 * INPUT and GAME_SEND to the game, PING answered with PONG, CHAT_SEND relayed (when the game has
 * chat on). Frames are copied into one reused array and read in place: nothing is allocated per
 * INPUT or GAME_SEND. Room thread only.
 */
final class Inbound {
    /** Handles one frame of a type, {@code frame[0, length)} with the type byte at 0. */
    @FunctionalInterface
    interface Handler {
        void handle(Session s, byte[] frame, int length);
    }

    private static final int TYPES = 128;

    private final Room room;
    private final Handler[] handlers = new Handler[TYPES];
    private final byte[] frame = new byte[Protocol.MAX_CLIENT_MESSAGE_BYTES];
    private final InputReader reader = new InputReader();

    Inbound(Room room) {
        this.room = room;
        on(Protocol.INPUT, this::input);
        on(Protocol.GAME_SEND, this::gameMessage);
        on(Protocol.PING, this::ping);
        on(Protocol.CHAT_SEND, room.spec().chat() ? this::chat : this::chatOff);
        on(Protocol.JOIN, (s, f, n) -> room.reject(s, Protocol.CLOSE_ALREADY_JOINED, "already joined"));
    }

    private void on(int id, Handler handler) {
        handlers[Protocol.typeByte(id)] = handler;
    }

    /** Handles one client message of a joined session (anything but its JOIN). */
    void dispatch(Session s, Buffer message) {
        int length = message.length();
        if (length == 0 || length > frame.length) {
            room.reject(s, Protocol.CLOSE_INVALID_PAYLOAD, "empty or oversized message");
            return;
        }
        message.getBytes(0, length, frame, 0);
        int type = frame[0] & 0xFF;
        Handler h = dev.tickcast.wire.ClientMessages.byTypeByte(type) != null ? handlers[type] : null;
        if (h == null) {
            room.reject(s, Protocol.CLOSE_UNKNOWN_TYPE, "unknown message type " + type);
            return;
        }
        h.handle(s, frame, length);
    }

    /** Handles one message of a spectator: a PING is answered, anything else is ignored (PROTOCOL.md 4.2). */
    void dispatchSpectator(Session s, Buffer message) {
        int length = message.length();
        if (length == 0 || length > frame.length || message.getUnsignedByte(0) != Protocol.typeByte(Protocol.PING)) {
            return;
        }
        message.getBytes(0, length, frame, 0);
        ping(s, frame, length);
    }

    private void input(Session s, byte[] f, int length) {
        room.counters.inputs++;
        Input in = room.frames.body(f, length);
        int seq = Wire.readVarUInt(in);
        if (seq <= s.lastSeq) {
            room.reject(s, Protocol.CLOSE_INVALID_PAYLOAD, seq < 0 ? "bad input sequence" : "input sequence not increasing");
            return;
        }
        reader.reset(f, in.position(), length - in.position());
        boolean ok;
        try {
            ok = room.game.onInput(s.playerId, seq, reader);
        } catch (RuntimeException e) {
            room.fail(e);
            return;
        }
        if (!ok) {
            room.reject(s, Protocol.CLOSE_INVALID_PAYLOAD, "malformed input payload");
            return;
        }
        s.lastSeq = seq;
        room.counters.inputsAccepted++;
    }

    private void gameMessage(Session s, byte[] f, int length) {
        room.counters.gameMessages++;
        Input in = room.frames.body(f, length);
        int type = Wire.readVarUInt(in);
        if (type < 0 || type > Protocol.MAX_GAME_MESSAGE_TYPE) {
            room.reject(s, Protocol.CLOSE_INVALID_PAYLOAD, "bad game message type");
            return;
        }
        int payload = length - in.position();
        if (payload > Protocol.MAX_GAME_PAYLOAD_BYTES) {
            room.reject(s, Protocol.CLOSE_TOO_BIG, "game message payload over " + Protocol.MAX_GAME_PAYLOAD_BYTES + " bytes");
            return;
        }
        reader.reset(f, in.position(), payload);
        boolean ok;
        try {
            ok = room.game.onMessage(s.playerId, type, reader);
        } catch (RuntimeException e) {
            room.fail(e);
            return;
        }
        if (!ok) {
            room.reject(s, Protocol.CLOSE_INVALID_PAYLOAD, "game message of type " + type + " refused by the game");
            return;
        }
        room.counters.gameMessagesAccepted++;
    }

    private void ping(Session s, byte[] f, int length) {
        PingMessage ping = room.frames.read(f, length, PingMessage.class);
        if (ping == null) {
            room.reject(s, Protocol.CLOSE_INVALID_PAYLOAD, "malformed ping");
            return;
        }
        s.link.send(room.frames.pong(ping.clientTime(), room.tick()));
    }

    private void chat(Session s, byte[] f, int length) {
        ChatSendMessage chat = room.frames.read(f, length, ChatSendMessage.class);
        if (chat == null) {
            room.reject(s, Protocol.CLOSE_INVALID_PAYLOAD, "malformed chat");
            return;
        }
        String text = Trim.trim(chat.text());
        if (!text.isEmpty()) {
            room.seats.sendToAll(room.frames.chat(s.playerId, s.name, text));
        }
    }

    private void chatOff(Session s, byte[] f, int length) {
        room.reject(s, Protocol.CLOSE_POLICY, "chat is off in this game");
    }
}
