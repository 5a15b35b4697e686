package dev.tickcast.server.internal.room;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.game.GameSpec;
import dev.tickcast.state.Schema;
import dev.tickcast.wire.ChatMessage;
import dev.tickcast.wire.Messages;
import dev.tickcast.wire.PongMessage;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.SchemaMessage;
import dev.tickcast.wire.WelcomeMessage;
import io.vertx.core.buffer.Buffer;

import java.util.List;

/**
 * Encodes and decodes a room's control frames (everything but SNAPSHOT) with the room's own Kryo;
 * one per room, made with its game (the first JOIN), used on the room's thread only.
 */
final class ControlFrames {
    private final Kryo kryo = Messages.newKryo();
    private final Output out = new Output(256, Protocol.MAX_STRING_BYTES * 4);
    private final Input in = new Input();
    private final String roomId;
    private final GameSpec spec;
    private final Buffer schemaFrame;

    /** The frames of room {@code roomId}, whose world has the tables of {@code schemas}. */
    ControlFrames(String roomId, GameSpec spec, List<Schema> schemas) {
        this.roomId = roomId;
        this.spec = spec;
        this.schemaFrame = frame(new SchemaMessage(schemas));
    }

    /** Sends a seated player or a spectator its WELCOME and the room's SCHEMA. */
    void greet(Session session) {
        // a spectator (no seat: playerId -1) is told playerId 0 and no entity (docs/PROTOCOL.md, "Spectators")
        session.link.send(frame(new WelcomeMessage(Protocol.VERSION, roomId, spec.name(), Math.max(0, session.playerId),
                session.entityId, spec.tickHz(), spec.snapshotEveryTicks())));
        session.link.send(schemaFrame);
    }

    /** The room's SCHEMA frame, as every client is sent it. */
    Buffer schemaFrame() {
        return schemaFrame;
    }

    Buffer pong(int clientTime, int tick) {
        return frame(new PongMessage(clientTime, tick));
    }

    Buffer chat(int playerId, String name, String text) {
        return frame(new ChatMessage(playerId, name, text));
    }

    Buffer systemChat(String text) {
        return frame(ChatMessage.system(text));
    }

    /** Reads the body of {@code frame[1, length)} as {@code type}; null if it is malformed. */
    <T> T read(byte[] frame, int length, Class<T> type) {
        in.setBuffer(frame, 1, length - 1);
        return kryo.readObject(in, type);
    }

    /** A reader positioned after the type byte, for bodies read in place (INPUT, GAME_SEND). */
    Input body(byte[] frame, int length) {
        in.setBuffer(frame, 1, length - 1);
        return in;
    }

    /** A copy of {@code frame[0, length)} as a Buffer that may be shared by several links. */
    static Buffer copy(byte[] frame, int length) {
        return Buffer.buffer(length).appendBytes(frame, 0, length);
    }

    private Buffer frame(Object message) {
        out.reset();
        Messages.write(kryo, out, message);
        return copy(out.getBuffer(), out.position());
    }
}
