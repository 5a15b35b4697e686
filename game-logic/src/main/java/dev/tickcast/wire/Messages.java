package dev.tickcast.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.game.rewind.ViewStamp;

import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The Kryo registry of the wire: each control message class with its explicit id
 * ({@link Protocol}) and hand-written serializer. {@code kryo.writeClassAndObject(out, msg)} writes
 * a whole frame; a reader takes the type byte, then {@code kryo.readObject(in, type)}. The
 * serializers never throw on malformed input: they return null. SNAPSHOT is encoded by
 * {@link dev.tickcast.delta.DeltaEncoder}, because it needs the client's baseline.
 *
 * <p>Kryo is not thread-safe: one instance per thread.
 */
public final class Messages {
    private Messages() {
    }

    /** A Kryo instance with every wire message registered; registration required, no references. */
    public static Kryo newKryo() {
        Kryo kryo = new Kryo();
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        kryo.register(JoinMessage.class, new JoinSerializer(), Protocol.JOIN);
        kryo.register(InputMessage.class, new InputSerializer(), Protocol.INPUT);
        kryo.register(PingMessage.class, new PingSerializer(), Protocol.PING);
        kryo.register(ChatSendMessage.class, new ChatSendSerializer(), Protocol.CHAT_SEND);
        kryo.register(WelcomeMessage.class, new WelcomeSerializer(), Protocol.WELCOME);
        kryo.register(SchemaMessage.class, new SchemaSerializer(), Protocol.SCHEMA);
        kryo.register(PongMessage.class, new PongSerializer(), Protocol.PONG);
        kryo.register(ChatMessage.class, new ChatSerializer(), Protocol.CHAT);
        kryo.register(GameSendMessage.class, new GameSendSerializer(), Protocol.GAME_SEND);
        kryo.register(GameMessage.class, new GamePayloadSerializer<>(GameMessage::new, GameMessage::type,
                GameMessage::payload), Protocol.GAME_MESSAGE);
        return kryo;
    }

    /** Writes one whole frame (type byte and body) for {@code message}. */
    public static void write(Kryo kryo, Output out, Object message) {
        kryo.writeClassAndObject(out, message);
    }

    static final class JoinSerializer extends Serializer<JoinMessage> {
        @Override
        public void write(Kryo kryo, Output out, JoinMessage m) {
            Wire.writeVarUInt(out, m.version());
            Wire.writeString(out, m.token());
        }

        @Override
        public JoinMessage read(Kryo kryo, Input in, Class<? extends JoinMessage> type) {
            int version = Wire.readVarUInt(in);
            String token = Wire.readString(in, Protocol.MAX_TOKEN_BYTES);
            return version < 0 || token == null || !Wire.fullyRead(in) ? null : new JoinMessage(version, token);
        }
    }

    static final class InputSerializer extends Serializer<InputMessage> {
        @Override
        public void write(Kryo kryo, Output out, InputMessage m) {
            Wire.writeVarUInt(out, m.seq());
            Wire.writeVarUInt(out, m.view());
            out.writeBytes(m.payload());
        }

        @Override
        public InputMessage read(Kryo kryo, Input in, Class<? extends InputMessage> type) {
            int seq = Wire.readVarUInt(in);
            int view = seq < 0 ? -1 : readView(in);
            int len = in.limit() - in.position();
            if (view < 0 || len > Protocol.MAX_INPUT_PAYLOAD_BYTES) {
                return null;
            }
            byte[] payload = Arrays.copyOfRange(in.getBuffer(), in.position(), in.limit());
            in.setPosition(in.limit());
            return new InputMessage(seq, view, payload);
        }
    }

    /** Reads a view stamp: -1 if truncated, a bad varint, or above {@link ViewStamp#MAX} (malformed). */
    static int readView(Input in) {
        int view = Wire.readVarUInt(in);
        return ViewStamp.valid(view) ? view : -1;
    }

    static final class GameSendSerializer extends Serializer<GameSendMessage> {
        @Override
        public void write(Kryo kryo, Output out, GameSendMessage m) {
            Wire.writeVarUInt(out, m.type());
            Wire.writeVarUInt(out, m.view());
            out.writeBytes(m.payload());
        }

        @Override
        public GameSendMessage read(Kryo kryo, Input in, Class<? extends GameSendMessage> cls) {
            int t = Wire.readVarUInt(in);
            int view = t < 0 ? -1 : readView(in);
            byte[] bytes = view < 0 ? null : readGamePayload(in, t);
            return bytes == null ? null : new GameSendMessage(t, view, bytes);
        }
    }

    /** Reads a game message body: a type, then the rest of the frame as the payload; null if malformed. */
    static byte[] readGamePayload(Input in, int type) {
        int len = in.limit() - in.position();
        if (type < 0 || type > Protocol.MAX_GAME_MESSAGE_TYPE || len > Protocol.MAX_GAME_PAYLOAD_BYTES) {
            return null;
        }
        byte[] payload = Arrays.copyOfRange(in.getBuffer(), in.position(), in.limit());
        in.setPosition(in.limit());
        return payload;
    }

    /** GAME_MESSAGE: a type and the rest of the frame as the payload. */
    static final class GamePayloadSerializer<T> extends Serializer<T> {
        private final BiFunction<Integer, byte[], T> create;
        private final ToIntFunction<T> type;
        private final Function<T, byte[]> payload;

        GamePayloadSerializer(BiFunction<Integer, byte[], T> create, ToIntFunction<T> type, Function<T, byte[]> payload) {
            this.create = create;
            this.type = type;
            this.payload = payload;
        }

        @Override
        public void write(Kryo kryo, Output out, T m) {
            Wire.writeVarUInt(out, type.applyAsInt(m));
            out.writeBytes(payload.apply(m));
        }

        @Override
        public T read(Kryo kryo, Input in, Class<? extends T> cls) {
            int t = Wire.readVarUInt(in);
            byte[] bytes = readGamePayload(in, t);
            return bytes == null ? null : create.apply(t, bytes);
        }
    }

    static final class PingSerializer extends Serializer<PingMessage> {
        @Override
        public void write(Kryo kryo, Output out, PingMessage m) {
            Wire.writeVarUInt(out, m.clientTime());
            Wire.writeVarUInt(out, m.viewDelayMs());
        }

        @Override
        public PingMessage read(Kryo kryo, Input in, Class<? extends PingMessage> type) {
            int time = Wire.readVarUInt(in);
            int delay = time < 0 ? -1 : Wire.readVarUInt(in);
            return delay < 0 || !Wire.fullyRead(in) ? null : new PingMessage(time, delay);
        }
    }

    static final class PongSerializer extends Serializer<PongMessage> {
        @Override
        public void write(Kryo kryo, Output out, PongMessage m) {
            Wire.writeVarUInt(out, m.clientTime());
            Wire.writeVarUInt(out, m.serverTick());
        }

        @Override
        public PongMessage read(Kryo kryo, Input in, Class<? extends PongMessage> type) {
            int time = Wire.readVarUInt(in);
            int tick = Wire.readVarUInt(in);
            return time < 0 || tick < 0 || !Wire.fullyRead(in) ? null : new PongMessage(time, tick);
        }
    }

    static final class ChatSendSerializer extends Serializer<ChatSendMessage> {
        @Override
        public void write(Kryo kryo, Output out, ChatSendMessage m) {
            Wire.writeString(out, m.text());
        }

        @Override
        public ChatSendMessage read(Kryo kryo, Input in, Class<? extends ChatSendMessage> type) {
            String text = Wire.readString(in, Protocol.MAX_CHAT_BYTES);
            return text == null || !Wire.fullyRead(in) ? null : new ChatSendMessage(text);
        }
    }

    static final class ChatSerializer extends Serializer<ChatMessage> {
        @Override
        public void write(Kryo kryo, Output out, ChatMessage m) {
            Wire.writeVarUInt(out, m.playerId());
            Wire.writeString(out, m.name());
            Wire.writeString(out, m.text());
        }

        @Override
        public ChatMessage read(Kryo kryo, Input in, Class<? extends ChatMessage> type) {
            int player = Wire.readVarUInt(in);
            String name = Wire.readString(in, Protocol.MAX_NAME_BYTES);
            String text = Wire.readString(in, Protocol.MAX_CHAT_BYTES);
            return player < 0 || name == null || text == null || !Wire.fullyRead(in)
                    ? null : new ChatMessage(player, name, text);
        }
    }

    static final class WelcomeSerializer extends Serializer<WelcomeMessage> {
        @Override
        public void write(Kryo kryo, Output out, WelcomeMessage m) {
            Wire.writeVarUInt(out, m.version());
            Wire.writeString(out, m.roomId());
            Wire.writeString(out, m.game());
            Wire.writeVarUInt(out, m.playerId());
            Wire.writeVarUInt(out, m.entityId() + 1);
            Wire.writeVarUInt(out, m.tickHz());
            Wire.writeVarUInt(out, m.snapshotEveryTicks());
        }

        @Override
        public WelcomeMessage read(Kryo kryo, Input in, Class<? extends WelcomeMessage> type) {
            int version = Wire.readVarUInt(in);
            String room = Wire.readString(in, Protocol.MAX_STRING_BYTES);
            String game = Wire.readString(in, Protocol.MAX_STRING_BYTES);
            int player = Wire.readVarUInt(in);
            int entity = Wire.readVarUInt(in) - 1;
            int tickHz = Wire.readVarUInt(in);
            int every = Wire.readVarUInt(in);
            if (version < 0 || room == null || game == null || player < 0 || entity < -1 || tickHz < 1 || every < 1
                    || !Wire.fullyRead(in)) {
                return null;
            }
            return new WelcomeMessage(version, room, game, player, entity, tickHz, every);
        }
    }
}
