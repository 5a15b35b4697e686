package dev.tickcast.delta;

import com.esotericsoftware.kryo.io.Output;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the size of every bit code (docs/PROTOCOL.md, "Bit codes"). Each value is written eight
 * times in a row, so the byte count of the output equals the bit count of one code: the pinned
 * number is the code's width in bits, Kryo's {@code roundTrip(length, value)} at bit resolution.
 */
class BitCodesTest {
    private static final int REPEAT = 8;

    private final BitWriter writer = new BitWriter();
    private final BitReader reader = new BitReader();
    private final Output out = new Output(1024, -1);

    @Test
    void shouldPinUnsignedCodeWidths() {
        roundTripU(1, 0);
        roundTripU(3, 1);
        roundTripU(3, 2);
        roundTripU(5, 3);
        roundTripU(5, 6);
        roundTripU(7, 7);
        roundTripU(7, 8);
        roundTripU(13, 63);
        roundTripU(13, 64);
        roundTripU(21, 1023);
        roundTripU(21, 1024);
        roundTripU(33, 65535);
        roundTripU(33, 65536);
        roundTripU(63, Integer.MAX_VALUE);
    }

    @Test
    void shouldPinSignedCodeWidthsAtValueBoundaries() {
        roundTripS(4, 0);
        roundTripS(8, 7);
        roundTripS(8, 8);
        roundTripS(13, 63);
        roundTripS(13, 64);
        roundTripS(20, 1023);
        roundTripS(20, 1024);
        roundTripS(36, 65535);
        roundTripS(36, 65536);
        roundTripS(36, Integer.MIN_VALUE);
        roundTripS(36, Integer.MAX_VALUE);
    }

    @Test
    void shouldPinSignedCodeWidthsAtZigZagBoundaries() {
        roundTripS(4, -1);
        roundTripS(4, 3);
        roundTripS(4, -4);      // z = 7: last 3-bit value
        roundTripS(8, 4);       // z = 8
        roundTripS(8, -32);     // z = 63
        roundTripS(13, 32);     // z = 64
        roundTripS(13, -512);   // z = 1023
        roundTripS(20, 512);    // z = 1024
        roundTripS(20, -32768); // z = 65535
        roundTripS(36, 32768);  // z = 65536
    }

    @Test
    void shouldPinStringCodeWidths() {
        roundTripString(1, "");
        roundTripString(3 + 8, "a");
        roundTripString(3 + 16, "é");
        roundTripString(5 + 24, "日");
        roundTripString(5 + 32, "🎮");
        roundTripString(7 + 56, "héllo!");
        roundTripString(19 + 1000 * 8, "x".repeat(1000));
    }

    @Test
    void shouldWriteTheBytesOfJavasUtf8EncoderUnpairedSurrogatesIncluded() {
        for (String s : new String[] {"", "bot-17", "é", "日本", "🎮x", "a\uD800", "\uD800b", "\uDC00", "\uDC00\uD800", "ÿ߿ࠀ\uFFFF"}) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.reset();
            writer.begin(out);
            writer.writeU(utf8.length);
            for (byte b : utf8) {
                writer.write(b, 8);
            }
            writer.end();
            byte[] expected = out.toBytes();
            out.reset();
            writer.begin(out);
            writer.writeString(s);
            writer.end();
            assertArrayEquals(expected, out.toBytes(), "STR of " + s.codePoints().boxed().toList());
        }
    }

    @Test
    void shouldWriteLeastSignificantBitFirst() {
        assertArrayEquals(new byte[] {0x00}, bytesOfU(0));
        assertArrayEquals(new byte[] {0x01}, bytesOfU(1));      // 1 0 | 0
        assertArrayEquals(new byte[] {0x05}, bytesOfU(2));      // 1 0 | 1
        assertArrayEquals(new byte[] {0x03}, bytesOfU(3));      // 1 1 0 | 0 0
        assertArrayEquals(new byte[] {0x37}, bytesOfU(10));      // 1 1 1 0 | 1 1 0
        assertArrayEquals(new byte[] {0x02}, bytesOfS(-1));     // 0 | 1 0 0
        assertArrayEquals(new byte[] {0x0A}, bytesOfS(-3));     // 0 | 1 0 1
        assertArrayEquals(new byte[] {0x21}, bytesOfS(4));      // 1 0 | 0 0 0 1 0 0
        out.reset();
        writer.begin(out);
        writer.write(0b101, 3);
        writer.write(0b11, 2);
        writer.end();
        assertArrayEquals(new byte[] {0x1D}, out.toBytes());
    }

    @Test
    void shouldPadTheLastByteWithZeroBitsAndDetectTheEnd() {
        out.reset();
        writer.begin(out);
        writer.writeU(1);
        writer.end();
        byte[] bytes = out.toBytes();
        reader.begin(bytes, 0, bytes.length);
        assertFalse(reader.atEnd());
        assertEquals(1, reader.readU());
        assertTrue(reader.atEnd());
        assertFalse(reader.failed());
    }

    @Test
    void shouldFailWhenReadingPastTheEnd() {
        reader.begin(new byte[] {(byte) 0xFF}, 0, 1);
        assertEquals(0, reader.readU());
        assertTrue(reader.failed());
        assertEquals(0, reader.read(8));
    }

    @Test
    void shouldRefuseStringsOverTheLimit() {
        out.reset();
        writer.begin(out);
        writer.writeString("abcdef");
        writer.end();
        byte[] bytes = out.toBytes();
        reader.begin(bytes, 0, bytes.length);
        assertEquals("", reader.readString(5));
        assertTrue(reader.failed());
    }

    @Test
    void shouldReadFromAnOffset() {
        out.reset();
        writer.begin(out);
        out.writeByte(0x7F);
        writer.begin(out);
        writer.writeS(-12345);
        writer.writeString("ok");
        writer.end();
        byte[] bytes = out.toBytes();
        reader.begin(bytes, 1, bytes.length - 1);
        assertEquals(-12345, reader.readS());
        assertEquals("ok", reader.readString(10));
        assertTrue(reader.atEnd());
    }

    private void roundTripU(int expectedBits, int value) {
        out.reset();
        writer.begin(out);
        for (int i = 0; i < REPEAT; i++) {
            writer.writeU(value);
        }
        writer.end();
        byte[] bytes = out.toBytes();
        assertEquals(expectedBits, bytes.length, "bits of U(" + value + ")");
        reader.begin(bytes, 0, bytes.length);
        for (int i = 0; i < REPEAT; i++) {
            assertEquals(value, reader.readU(), "U(" + value + ")");
        }
        assertTrue(reader.atEnd() && !reader.failed(), "U(" + value + ") read to the end");
    }

    private void roundTripS(int expectedBits, int value) {
        out.reset();
        writer.begin(out);
        for (int i = 0; i < REPEAT; i++) {
            writer.writeS(value);
        }
        writer.end();
        byte[] bytes = out.toBytes();
        assertEquals(expectedBits, bytes.length, "bits of S(" + value + ")");
        reader.begin(bytes, 0, bytes.length);
        for (int i = 0; i < REPEAT; i++) {
            assertEquals(value, reader.readS(), "S(" + value + ")");
        }
        assertTrue(reader.atEnd() && !reader.failed(), "S(" + value + ") read to the end");
    }

    private void roundTripString(int expectedBits, String value) {
        out.reset();
        writer.begin(out);
        for (int i = 0; i < REPEAT; i++) {
            writer.writeString(value);
        }
        writer.end();
        byte[] bytes = out.toBytes();
        assertEquals(expectedBits, bytes.length, "bits of STR(" + value + ")");
        reader.begin(bytes, 0, bytes.length);
        for (int i = 0; i < REPEAT; i++) {
            assertEquals(value, reader.readString(DeltaDecoder.MAX_STRING_BYTES));
        }
        assertTrue(reader.atEnd() && !reader.failed(), "STR read to the end");
    }

    private byte[] bytesOfU(int v) {
        out.reset();
        writer.begin(out);
        writer.writeU(v);
        writer.end();
        return out.toBytes();
    }

    private byte[] bytesOfS(int v) {
        out.reset();
        writer.begin(out);
        writer.writeS(v);
        writer.end();
        return out.toBytes();
    }
}
