package dev.tickcast.delta;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.game.InputReader;
import dev.tickcast.games.arena.ArenaSchemas;
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
 * one to three flipped bits, and random bytes after a valid prefix.
 */
class MalformedInputTest {
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
    void shouldRefuseSchemaNamesThatAreNotUtf8() {
        // 64 bytes 0xFF decode to 64 U+FFFD, which are 192 bytes of UTF-8: over the name limit
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
        Object[] messages = {new JoinMessage(1, "seat-token"), new InputMessage(42, new byte[] {0x15}),
            new PingMessage(123456), new ChatSendMessage("héllo 🎮"), new PongMessage(123456, 600),
            new ChatMessage(3, "Zoë", "gg"), new WelcomeMessage(1, "room-1", "arena", 2, 345, 60, 3),
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
