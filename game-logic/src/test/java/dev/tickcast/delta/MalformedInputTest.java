package dev.tickcast.delta;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.game.InputReader;
import dev.tickcast.games.arena.ArenaSchemas;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.wire.ChatMessage;
import dev.tickcast.wire.ChatSendMessage;
import dev.tickcast.wire.InputMessage;
import dev.tickcast.wire.JoinMessage;
import dev.tickcast.wire.Messages;
import dev.tickcast.wire.PingMessage;
import dev.tickcast.wire.PongMessage;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.SchemaMessage;
import dev.tickcast.wire.WelcomeMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bytes from the network may be truncated, corrupted or hostile: every reader returns its sentinel
 * (MALFORMED, null, {@code failed()}) and never throws. Seeded: truncations at every length,
 * one to three flipped bits, and random bytes after a valid prefix. Strings that are not valid
 * UTF-8 are malformed wherever they appear (docs/PROTOCOL.md 6.3); the same sequences are refused
 * by the JavaScript reader (client-demo's wire.test.js).
 */
class MalformedInputTest {
    /** Byte sequences that are not UTF-8, each inside an otherwise valid string. */
    static final int[][] NOT_UTF8 = {
        {0xC0, 0x80},                   // overlong U+0000
        {0xC1, 0xBF},                   // overlong U+007F
        {0xE0, 0x80, 0xAF},             // overlong '/'
        {0xE0, 0x9F, 0xBF},             // overlong U+07FF
        {0xF0, 0x8F, 0xBF, 0xBF},       // overlong U+FFFF
        {0xED, 0xA0, 0x80},             // lone high surrogate U+D800
        {0xED, 0xBF, 0xBF},             // lone low surrogate U+DFFF
        {0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80}, // a surrogate pair as CESU-8 (Kryo's form of an emoji)
        {0xC3},                         // truncated 2-byte sequence
        {0xE2, 0x82},                   // truncated 3-byte sequence
        {0xF0, 0x9F, 0x8E},             // truncated 4-byte sequence
        {0x80},                         // a continuation byte alone
        {0xFF},
        {0xFE, 0xFF},
        {0xF4, 0x90, 0x80, 0x80},       // above U+10FFFF
        {0xF5, 0x80, 0x80, 0x80},
    };
    /**
     * Valid multi-byte UTF-8 at the edges of each length, U+FFFD itself included, and a leading
     * byte order mark, which is a character of the string (not stripped).
     */
    static final String[] VALID = {"Zoë", "\uFEFFbom", "\u007F", "\u0080", "\u07FF", "\u0800", "\uD7FF", "\uE000", "\uFFFD",
        "\uFFFF", "\uD800\uDC00", "\uDBFF\uDFFF", "gg 🎮"};

    private static final long SEED = 0x7ac4_ca57L;
    private static final int FLIPS_PER_MESSAGE = 150;
    private static final int RANDOM_CASES = 3000;

    private final SplittableRandom rng = new SplittableRandom(SEED);
    private final DeltaDecoder decoder = new DeltaDecoder();
    private final Kryo kryo = Messages.newKryo();

    @Test
    void shouldNeverThrowOnCorruptSnapshots() {
        List<Case> cases = snapshotCases();
        int decodedOk = 0;
        int total = 0;
        for (Case c : cases) {
            assertEquals(DeltaDecoder.OK, decode(c, c.message), "the uncorrupted message decodes");
            for (int len = 0; len < c.message.length; len += 1 + c.message.length / 64) {
                assertNotEquals(DeltaDecoder.OK, decode(c, Arrays.copyOf(c.message, len)), "truncated to " + len);
                total++;
            }
            for (int i = 0; i < FLIPS_PER_MESSAGE; i++) {
                decodedOk += decode(c, flipBits(c.message)) == DeltaDecoder.OK ? 1 : 0;
                total++;
            }
            for (int i = 0; i < RANDOM_CASES / cases.size(); i++) {
                decode(c, randomTail(c.message, 4));
                total++;
            }
        }
        assertTrue(total > 3000 && decodedOk < total, total + " cases");
    }

    @Test
    void shouldNeverThrowOnRandomBitStreams() {
        BitReader reader = new BitReader();
        for (int i = 0; i < RANDOM_CASES; i++) {
            byte[] bytes = randomBytes(rng.nextInt(12));
            reader.begin(bytes, 0, bytes.length);
            for (int op = 0; op < 40; op++) {
                switch (rng.nextInt(5)) {
                    case 0 -> reader.readU();
                    case 1 -> reader.readS();
                    case 2 -> reader.readString(rng.nextInt(64));
                    case 3 -> reader.read(rng.nextInt(33));
                    default -> reader.atEnd();
                }
            }
            assertTrue(reader.failed() || bytes.length * 8 >= 40, "40 reads of 1 bit or more need 5 bytes");
        }
        reader.begin(new byte[] {-1, -1, -1, -1, -1}, 0, 5);
        assertEquals(0, reader.readU());
        assertTrue(reader.failed(), "a U prefix of more than 31 ones fails");
    }

    @Test
    void shouldNeverThrowOnCorruptControlMessages() {
        int refused = 0;
        int total = 0;
        for (byte[] frame : controlFrames()) {
            for (int len = 0; len < frame.length; len++) {
                refused += readAsEveryType(Arrays.copyOf(frame, len));
                total += 9;
            }
            for (int i = 0; i < FLIPS_PER_MESSAGE; i++) {
                refused += readAsEveryType(flipBits(frame));
                total += 9;
            }
            for (int i = 0; i < 200; i++) {
                refused += readAsEveryType(randomTail(frame, 1));
                total += 9;
            }
        }
        assertTrue(refused > 0 && total > 3000, refused + " of " + total + " refused");
    }

    @Test
    void shouldRefuseStringsThatAreNotUtf8InEveryControlMessage() {
        for (int[] bad : NOT_UTF8) {
            byte[] s = notUtf8(bad);
            String hex = Arrays.toString(s);
            assertNull(readBody(join(s), Protocol.JOIN), "JOIN token " + hex);
            assertNull(readBody(chatSend(s), Protocol.CHAT_SEND), "CHAT_SEND text " + hex);
            assertNull(readBody(chat(s, ascii("gg")), Protocol.CHAT), "CHAT name " + hex);
            assertNull(readBody(chat(ascii("ann"), s), Protocol.CHAT), "CHAT text " + hex);
            assertNull(readBody(welcome(s), Protocol.WELCOME), "WELCOME roomId " + hex);
            assertNull(readBody(schema(s), Protocol.SCHEMA), "SCHEMA table name " + hex);
        }
        for (String ok : VALID) {
            byte[] s = ok.getBytes(StandardCharsets.UTF_8);
            assertEquals(new JoinMessage(1, ok), readBody(join(s), Protocol.JOIN));
            assertEquals(new ChatSendMessage(ok), readBody(chatSend(s), Protocol.CHAT_SEND));
            assertEquals(new ChatMessage(1, ok, ok), readBody(chat(s, s), Protocol.CHAT));
        }
    }

    @Test
    void shouldRefuseSnapshotStringsThatAreNotUtf8() {
        Schema schema = new Schema("t");
        schema.stringField("s");
        List<Schema> schemas = List.of(schema.freeze());
        for (int[] bad : NOT_UTF8) {
            byte[] frame = fullSnapshotWithString(notUtf8(bad));
            assertEquals(DeltaDecoder.MALFORMED, decode(new Case(frame, null, null, schemas), frame),
                    Arrays.toString(notUtf8(bad)));
        }
        for (String ok : VALID) {
            byte[] frame = fullSnapshotWithString(ok.getBytes(StandardCharsets.UTF_8));
            Snapshot target = new Snapshot(schemas);
            assertEquals(DeltaDecoder.OK, decoder.readHeader(frame, 0, frame.length));
            assertEquals(DeltaDecoder.OK, decoder.decodeBody(null, null, target));
            assertEquals(ok, target.table(0).string(0, 0));
        }
    }

    @Test
    void shouldRefuseStringsThatAreNotUtf8InBitStreamsAndInputPayloads() {
        BitReader bits = new BitReader();
        InputReader input = new InputReader();
        for (int[] bad : NOT_UTF8) {
            byte[] s = notUtf8(bad);
            byte[] str = bitString(s);
            bits.begin(str, 0, str.length);
            assertEquals("", bits.readString(64));
            assertTrue(bits.failed(), Arrays.toString(s));
            byte[] payload = concat(new byte[] {(byte) s.length}, s);
            input.reset(payload, 0, payload.length);
            assertEquals("", input.readString(64));
            assertTrue(input.failed(), Arrays.toString(s));
        }
        for (String ok : VALID) {
            byte[] s = ok.getBytes(StandardCharsets.UTF_8);
            byte[] str = bitString(s);
            bits.begin(str, 0, str.length);
            assertEquals(ok, bits.readString(64));
            byte[] payload = concat(new byte[] {(byte) s.length}, s);
            input.reset(payload, 0, payload.length);
            assertEquals(ok, input.readString(64));
            assertTrue(input.complete());
        }
    }

    @Test
    void shouldRefuseSchemaNamesThatAreNotUtf8() {
        // one 0xFF byte would have been one U+FFFD (3 bytes), within the name limit: refused all the same
        assertNull(readBody(schema(new byte[] {(byte) 0xFF}), Protocol.SCHEMA));
        byte[] badTable = new byte[3 + 64 + 1];
        badTable[0] = (byte) Protocol.typeByte(Protocol.SCHEMA);
        badTable[1] = 1;
        badTable[2] = 64;
        Arrays.fill(badTable, 3, 3 + 64, (byte) 0xFF);
        assertNull(readBody(badTable, Protocol.SCHEMA));
        byte[] badField = new byte[6 + 64 + 2];
        badField[0] = (byte) Protocol.typeByte(Protocol.SCHEMA);
        badField[1] = 1;
        badField[2] = 1;
        badField[3] = 't';
        badField[4] = 1;
        badField[5] = 64;
        Arrays.fill(badField, 6, 6 + 64, (byte) 0xFF);
        assertNull(readBody(badField, Protocol.SCHEMA));
    }

    @Test
    void shouldNeverThrowOnCorruptInputPayloads() {
        InputReader reader = new InputReader();
        int failed = 0;
        for (int i = 0; i < RANDOM_CASES; i++) {
            byte[] bytes = randomBytes(rng.nextInt(8));
            int offset = bytes.length == 0 ? 0 : rng.nextInt(bytes.length);
            reader.reset(bytes, offset, bytes.length - offset);
            for (int op = 0; op < 6; op++) {
                switch (rng.nextInt(4)) {
                    case 0 -> reader.readUnsignedByte();
                    case 1 -> reader.readBool();
                    case 2 -> reader.readVarInt();
                    default -> reader.readVarUInt();
                }
            }
            failed += reader.failed() ? 1 : 0;
            assertTrue(reader.remaining() >= 0);
        }
        assertTrue(failed > 0);
        reader.reset(new byte[0], 0, 0);
        assertEquals(0, reader.readUnsignedByte());
        assertTrue(reader.failed());
        assertFalse(reader.complete());
    }

    /** "a", the bad bytes, "z": the bad sequence is inside a string, not at its edges. */
    private static byte[] notUtf8(int[] bad) {
        byte[] s = new byte[bad.length + 2];
        s[0] = 'a';
        for (int i = 0; i < bad.length; i++) {
            s[1 + i] = (byte) bad[i];
        }
        s[s.length - 1] = 'z';
        return s;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        Output out = new Output(256, -1);
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toBytes();
    }

    /** A frame of message {@code id}: the type byte, then the parts. */
    private static byte[] frameOf(int id, byte[]... parts) {
        return concat(new byte[] {(byte) Protocol.typeByte(id)}, concat(parts));
    }

    private static byte[] str(byte[] utf8) {
        return concat(new byte[] {(byte) utf8.length}, utf8);
    }

    private static byte[] join(byte[] token) {
        return frameOf(Protocol.JOIN, new byte[] {1}, str(token));
    }

    private static byte[] chatSend(byte[] text) {
        return frameOf(Protocol.CHAT_SEND, str(text));
    }

    private static byte[] chat(byte[] name, byte[] text) {
        return frameOf(Protocol.CHAT, new byte[] {1}, str(name), str(text));
    }

    private static byte[] welcome(byte[] roomId) {
        return frameOf(Protocol.WELCOME, new byte[] {1}, str(roomId), str(ascii("arena")), new byte[] {0, 0, 60, 3});
    }

    /** A SCHEMA of one table with no field, named {@code name}. */
    private static byte[] schema(byte[] name) {
        return frameOf(Protocol.SCHEMA, new byte[] {1}, str(name), new byte[] {0});
    }

    private static byte[] bitString(byte[] utf8) {
        Output out = new Output(256, -1);
        BitWriter w = new BitWriter();
        w.begin(out);
        w.writeU(utf8.length);
        for (byte b : utf8) {
            w.write(b & 0xFF, 8);
        }
        w.end();
        return out.toBytes();
    }

    /** A full SNAPSHOT at tick 3 of one table with one STRING field: entity 0 with the value {@code utf8}. */
    private static byte[] fullSnapshotWithString(byte[] utf8) {
        Output out = new Output(256, -1);
        out.writeByte(Protocol.typeByte(Protocol.SNAPSHOT));
        out.writeVarInt(3, true);
        out.writeVarInt(0, true);
        out.writeVarInt(0, true);
        BitWriter w = new BitWriter();
        w.begin(out);
        w.writeU(0);        // removed
        w.writeU(0);        // changed
        w.writeU(1);        // added
        w.writeU(0);        // id 0
        w.write(1, 1);      // mask: the string is not ""
        w.writeU(utf8.length);
        for (byte b : utf8) {
            w.write(b & 0xFF, 8);
        }
        w.end();
        return out.toBytes();
    }

    private int decode(Case c, byte[] bytes) {
        try {
            int header = decoder.readHeader(bytes, 0, bytes.length);
            if (header != DeltaDecoder.OK) {
                assertEquals(DeltaDecoder.MALFORMED, header);
                return header;
            }
            Snapshot target = new Snapshot(c.schemas);
            int result = decoder.decodeBody(c.base, c.pred, target);
            assertTrue(result == DeltaDecoder.OK || result == DeltaDecoder.MALFORMED || result == DeltaDecoder.WRONG_BASE);
            return result;
        } catch (RuntimeException e) {
            throw new AssertionError("decoder threw on " + Arrays.toString(bytes), e);
        }
    }

    /** Reads the frame's body with every message serializer; returns how many refused it. */
    private int readAsEveryType(byte[] frame) {
        int refused = 0;
        int[] ids = {Protocol.JOIN, Protocol.INPUT, Protocol.PING, Protocol.CHAT_SEND, Protocol.WELCOME,
            Protocol.SCHEMA, Protocol.PONG, Protocol.CHAT};
        for (int id : ids) {
            refused += readBody(frame, id) == null ? 1 : 0;
        }
        Input in = new Input(frame);
        if (!in.canReadVarInt()) {
            return refused + 1;
        }
        Registration registration = kryo.getClassResolver().getRegistration(in.readVarInt(true) - 2);
        if (registration == null || registration.getId() < Protocol.JOIN) {
            return refused + 1;
        }
        try {
            return refused + (kryo.readObject(in, registration.getType()) == null ? 1 : 0);
        } catch (RuntimeException e) {
            throw new AssertionError("serializer threw on " + Arrays.toString(frame), e);
        }
    }

    private Object readBody(byte[] frame, int id) {
        Input in = new Input(frame, Math.min(1, frame.length), Math.max(0, frame.length - 1));
        try {
            return kryo.readObject(in, kryo.getRegistration(id).getType());
        } catch (RuntimeException e) {
            throw new AssertionError("serializer " + id + " threw on " + Arrays.toString(frame), e);
        }
    }

    private List<Case> snapshotCases() {
        List<Case> cases = new ArrayList<>();
        DeltaEncoder encoder = new DeltaEncoder();
        Output out = new Output(4096, -1);
        for (long seed = 0; seed < 12; seed++) {
            RandomWorld world = new RandomWorld(seed);
            Snapshot pred = new Snapshot(RandomWorld.schemas());
            Snapshot base = new Snapshot(RandomWorld.schemas());
            Snapshot target = new Snapshot(RandomWorld.schemas());
            for (int s = 1; s <= 3; s++) {
                world.step();
                world.step();
                Snapshot next = new Snapshot(RandomWorld.schemas());
                next.capture(world.world, s * 3);
                pred = base;
                base = target;
                target = next;
            }
            out.reset();
            encoder.encode(target, null, null, out);
            cases.add(new Case(out.toBytes(), null, null, RandomWorld.schemas()));
            out.reset();
            encoder.encode(target, base, pred, out);
            cases.add(new Case(out.toBytes(), base, pred, RandomWorld.schemas()));
            out.reset();
            encoder.encode(target, base, null, out);
            cases.add(new Case(out.toBytes(), base, null, RandomWorld.schemas()));
        }
        return cases;
    }

    private List<byte[]> controlFrames() {
        Output out = new Output(1024, -1);
        Object[] messages = {new JoinMessage(Protocol.VERSION, "seat-token"), new InputMessage(42, 15634, new byte[] {0x15}),
            new PingMessage(123456, 100), new ChatSendMessage("héllo 🎮"), new PongMessage(123456, 600),
            new ChatMessage(3, "Zoë", "gg"), new WelcomeMessage(Protocol.VERSION, "room-1", "arena", 2, 345, 60, 3),
            new SchemaMessage(List.of(ArenaSchemas.ORB, ArenaSchemas.NPC, ArenaSchemas.PLAYER, RandomWorld.WIDE))};
        List<byte[]> frames = new ArrayList<>();
        for (Object m : messages) {
            out.reset();
            Messages.write(kryo, out, m);
            frames.add(out.toBytes());
        }
        return frames;
    }

    private byte[] flipBits(byte[] bytes) {
        byte[] copy = bytes.clone();
        int flips = 1 + rng.nextInt(3);
        for (int i = 0; i < flips && copy.length > 0; i++) {
            int bit = rng.nextInt(copy.length * 8);
            copy[bit >> 3] ^= (byte) (1 << (bit & 7));
        }
        return copy;
    }

    private byte[] randomTail(byte[] bytes, int keep) {
        int prefix = Math.min(keep, bytes.length);
        byte[] copy = Arrays.copyOf(bytes, prefix + rng.nextInt(Math.max(2, bytes.length)));
        for (int i = prefix; i < copy.length; i++) {
            copy[i] = (byte) rng.nextInt(256);
        }
        return copy;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (rng.nextInt(4) == 0 ? 0xFF : rng.nextInt(256));
        }
        return b;
    }

    private record Case(byte[] message, Snapshot base, Snapshot pred, List<dev.tickcast.state.Schema> schemas) {
    }
}
