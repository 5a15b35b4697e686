package dev.tickcast.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.game.rewind.ViewStamp;
import dev.tickcast.games.arena.ArenaSchemas;
import dev.tickcast.state.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every control message round-trips through {@link Messages#newKryo()} with a pinned frame length
 * (type byte included), Kryo's {@code roundTrip(length, value)} style.
 */
class MessagesTest {
    private final Kryo kryo = Messages.newKryo();
    private final Output out = new Output(4096, -1);

    @Test
    void shouldUseTheDocumentedTypeBytes() {
        assertEquals(0x10, Protocol.typeByte(Protocol.JOIN));
        assertEquals(0x11, Protocol.typeByte(Protocol.INPUT));
        assertEquals(0x12, Protocol.typeByte(Protocol.PING));
        assertEquals(0x13, Protocol.typeByte(Protocol.CHAT_SEND));
        assertEquals(0x20, Protocol.typeByte(Protocol.WELCOME));
        assertEquals(0x21, Protocol.typeByte(Protocol.SCHEMA));
        assertEquals(0x22, Protocol.typeByte(Protocol.SNAPSHOT));
        assertEquals(0x23, Protocol.typeByte(Protocol.PONG));
        assertEquals(0x24, Protocol.typeByte(Protocol.CHAT));
        assertEquals(0x14, Protocol.typeByte(Protocol.GAME_SEND));
        assertEquals(0x25, Protocol.typeByte(Protocol.GAME_MESSAGE));
        assertEquals(0x10, frame(new JoinMessage(1, ""))[0]);
        assertEquals(0x24, frame(new ChatMessage(0, "", ""))[0]);
    }

    @Test
    void shouldRoundTripJoin() {
        roundTrip(6, new JoinMessage(1, "tok"));
        roundTrip(3, new JoinMessage(1, ""));
        roundTrip(5 + 128, new JoinMessage(300, "t".repeat(Protocol.MAX_TOKEN_BYTES)));
        assertArrayEquals(new byte[] {0x10, 0x01, 0x03, 't', 'o', 'k'}, frame(new JoinMessage(1, "tok")));
    }

    @Test
    void shouldRoundTripInput() {
        roundTrip(4, new InputMessage(1, 0, new byte[] {0x05}));
        roundTrip(4, new InputMessage(300, 0, new byte[0]));
        roundTrip(8, new InputMessage(Integer.MAX_VALUE, 0, new byte[] {0x15}));
        roundTrip(3 + 256, new InputMessage(0, 0, new byte[Protocol.MAX_INPUT_PAYLOAD_BYTES]));
        roundTrip(6, new InputMessage(1, ViewStamp.MAX, new byte[] {0x05}));
        assertArrayEquals(new byte[] {0x11, (byte) 0xAC, 0x02, 0x00, 0x15}, frame(new InputMessage(300, 0, new byte[] {0x15})));
        assertArrayEquals(new byte[] {0x11, 0x01, (byte) 0x92, (byte) 0x7A, 0x15},
                frame(new InputMessage(1, ViewStamp.of(1000, 17), new byte[] {0x15})));
    }

    @Test
    void shouldRefuseAViewAboveTheLargestStamp() {
        assertNull(readBody(frame(new InputMessage(1, ViewStamp.MAX + 1, new byte[] {0x05}))), "INPUT view 16385");
        assertNull(readBody(frame(new GameSendMessage(1, ViewStamp.MAX + 1, new byte[0]))), "GAME_SEND view 16385");
        assertNull(readBody(new byte[] {0x11, 0x01}), "INPUT without a view");
        assertNull(readBody(new byte[] {0x14, 0x01}), "GAME_SEND without a view");
        assertNull(readBody(new byte[] {0x12, 0x05}), "PING without a view delay");
    }

    @Test
    void shouldRoundTripGameMessagesUpToTheirLimits() {
        GameSendMessage up = (GameSendMessage) read(frame(new GameSendMessage(255, 77, new byte[Protocol.MAX_GAME_PAYLOAD_BYTES])));
        assertEquals(255, up.type());
        assertEquals(77, up.view());
        assertEquals(Protocol.MAX_GAME_PAYLOAD_BYTES, up.payload().length);
        GameMessage down = (GameMessage) read(frame(new GameMessage(7, new byte[] {1, 2})));
        assertEquals(7, down.type());
        assertArrayEquals(new byte[] {1, 2}, down.payload());
        assertArrayEquals(new byte[] {0x14, 0x07, 0x00}, frame(new GameSendMessage(7, 0, new byte[0])));
        assertNull(readBody(frame(new GameSendMessage(256, 0, new byte[0]))), "type over 255");
        assertNull(readBody(frame(new GameMessage(256, new byte[0]))), "type over 255");
        assertNull(readBody(frame(new GameSendMessage(1, 0, new byte[Protocol.MAX_GAME_PAYLOAD_BYTES + 1]))), "payload over 1024");
        assertNull(readBody(new byte[] {0x14}), "no type");
    }

    @Test
    void shouldRoundTripPing() {
        roundTrip(3, new PingMessage(0, 0));
        roundTrip(3, new PingMessage(127, 0));
        roundTrip(4, new PingMessage(128, 0));
        roundTrip(5, new PingMessage(123456, 0));
        roundTrip(7, new PingMessage(Integer.MAX_VALUE, 0));
        roundTrip(4, new PingMessage(5, 150));
        assertArrayEquals(new byte[] {0x12, 0x05, (byte) 0x96, 0x01}, frame(new PingMessage(5, 150)));
    }

    @Test
    void shouldRoundTripPong() {
        roundTrip(6, new PongMessage(123456, 600));
        roundTrip(3, new PongMessage(0, 0));
        assertArrayEquals(new byte[] {0x23, 0x05, (byte) 0xD8, 0x04}, frame(new PongMessage(5, 600)));
    }

    @Test
    void shouldRoundTripChatSend() {
        roundTrip(4, new ChatSendMessage("hi"));
        roundTrip(8, new ChatSendMessage("héllo"));
        roundTrip(2, new ChatSendMessage(""));
        roundTrip(9, new ChatSendMessage("gg 🎮"));
        roundTrip(3 + 200, new ChatSendMessage("x".repeat(Protocol.MAX_CHAT_BYTES)));
    }

    @Test
    void shouldRoundTripChat() {
        roundTrip(9, new ChatMessage(3, "ann", "gg"));
        roundTrip(15, new ChatMessage(1000, "Zoë", "日本"));
        assertFalse(new ChatMessage(3, "ann", "gg").isSystem());
    }

    @Test
    void shouldRoundTripASystemChatLineWithAnEmptyName() {
        ChatMessage line = ChatMessage.system("slow down");
        assertEquals(new ChatMessage(0, "", "slow down"), line);
        assertTrue(line.isSystem());
        roundTrip(1 + 1 + 1 + 1 + 9, line);
        assertArrayEquals(new byte[] {0x24, 0, 0, 2, 'h', 'i'}, frame(ChatMessage.system("hi")));
        assertTrue(((ChatMessage) read(frame(ChatMessage.system("")))).isSystem(), "an empty text too");
    }

    @Test
    void shouldWriteAnUnpairedSurrogateAsAQuestionMark() {
        // UTF-8 cannot represent it; what is written stays valid UTF-8, so it reads back
        assertEquals(new ChatSendMessage("a?"), read(frame(new ChatSendMessage("a\uD800"))));
    }

    @Test
    void shouldRoundTripWelcome() {
        roundTrip(15, new WelcomeMessage(1, "r1", "arena", 0, 5, 60, 3));
        roundTrip(15, new WelcomeMessage(1, "r1", "arena", 0, -1, 60, 3));
        assertArrayEquals(new byte[] {0x20, 1, 2, 'r', '1', 5, 'a', 'r', 'e', 'n', 'a', 0, 0, 60, 3},
                frame(new WelcomeMessage(1, "r1", "arena", 0, -1, 60, 3)));
    }

    @Test
    void shouldRoundTripTheArenaSchema() {
        SchemaMessage m = new SchemaMessage(List.of(ArenaSchemas.ORB, ArenaSchemas.NPC, ArenaSchemas.PLAYER));
        byte[] bytes = frame(m);
        assertEquals(125, bytes.length);
        SchemaMessage back = (SchemaMessage) read(bytes);
        assertEquals(3, back.schemas().size());
        for (int i = 0; i < 3; i++) {
            assertTrue(back.schemas().get(i).sameLayout(m.schemas().get(i)), m.schemas().get(i).name());
        }
    }

    @Test
    void shouldRoundTripASchemaOfEveryFieldTypeAndAnEmptyOne() {
        Schema all = new Schema("all");
        all.intField("i", true);
        all.boolField("b");
        all.stringField("s");
        all.qfloat("q", 0.001f, false);
        Schema none = new Schema("none");
        // 0x21, count 2 | "all" 4, count 1, i (2+2), b (2+2), s (2+2), q (2+2+2) | "none" 5, count 1
        byte[] bytes = frame(new SchemaMessage(List.of(all, none)));
        assertEquals(1 + 1 + 4 + 1 + 4 + 4 + 4 + 6 + 5 + 1, bytes.length);
        SchemaMessage back = (SchemaMessage) read(bytes);
        assertTrue(back.schemas().get(0).sameLayout(all));
        assertTrue(back.schemas().get(1).sameLayout(none));
        assertEquals(1000, back.schemas().get(0).field(3).scale());
    }

    @Test
    void shouldRefuseTrailingBytesAndOverlongStrings() {
        byte[] ping = frame(new PingMessage(5, 0));
        byte[] padded = {ping[0], ping[1], ping[2], 0};
        assertNull(readBody(padded));
        assertNull(readBody(frame(new ChatSendMessage("x".repeat(Protocol.MAX_CHAT_BYTES + 1)))));
        assertNull(readBody(frame(new JoinMessage(1, "t".repeat(Protocol.MAX_TOKEN_BYTES + 1)))));
        assertNull(readBody(frame(new InputMessage(1, 0, new byte[Protocol.MAX_INPUT_PAYLOAD_BYTES + 1]))));
    }

    private byte[] frame(Object message) {
        out.reset();
        Messages.write(kryo, out, message);
        return out.toBytes();
    }

    private Object read(byte[] bytes) {
        Object o = readBody(bytes);
        if (o == null) {
            throw new AssertionError("did not decode");
        }
        return o;
    }

    /** Reads a frame the way a server does: the type byte, then the registered class's serializer. */
    private Object readBody(byte[] bytes) {
        Input in = new Input(bytes);
        int id = in.readVarInt(true) - 2;
        return kryo.readObject(in, kryo.getRegistration(id).getType());
    }

    private void roundTrip(int length, Object message) {
        byte[] bytes = frame(message);
        assertEquals(length, bytes.length, "frame length of " + message);
        Object back = read(bytes);
        if (message instanceof InputMessage m) {
            InputMessage b = (InputMessage) back;
            assertEquals(m.seq(), b.seq());
            assertEquals(m.view(), b.view());
            assertArrayEquals(m.payload(), b.payload());
        } else {
            assertEquals(message, back);
        }
    }
}
