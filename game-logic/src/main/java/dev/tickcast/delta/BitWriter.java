package dev.tickcast.delta;

import com.esotericsoftware.kryo.io.Output;

/**
 * Writes the bit-packed body of a snapshot into a Kryo {@link Output}, least significant bit
 * first (bit 0 of the first byte is the first bit written). Three codes, mirrored by
 * {@link BitReader} and sdk/bits.js; docs/PROTOCOL.md, "Bit codes", is the definition:
 *
 * <pre>{@code
 * U(v), v >= 0      Exp-Golomb order 0: n = floor(log2(v + 1)); n one-bits, a zero-bit,
 *                   then v + 1 - 2^n in n bits.            0 -> 1 bit, 1..2 -> 3 bits, 3..6 -> 5 bits
 * S(v), any int     z = zigzag(v), then a prefix picks the width:
 *                   0 + 3 bits (z < 8), 10 + 6 (z < 64), 110 + 10 (z < 1024),
 *                   1110 + 16 (z < 65536), 1111 + 32.      4 / 8 / 13 / 20 / 36 bits
 * STR(s)            U(UTF-8 byte length), then each byte in 8 bits.
 * }</pre>
 */
public final class BitWriter {
    private Output out;
    private long acc;
    private int bits;
    private int start;

    /** Starts writing at the current position of {@code output}. */
    public void begin(Output output) {
        out = output;
        acc = 0;
        bits = 0;
        start = output.position();
    }

    /** The bits written since {@link #begin}, before any padding. */
    public long length() {
        return (long) (out.position() - start) * 8 + bits;
    }

    /** Writes the low {@code n} bits of {@code value}, {@code 0 <= n <= 56}. */
    public void write(long value, int n) {
        if (n == 0) {
            return;
        }
        acc |= (value & ((1L << n) - 1)) << bits;
        bits += n;
        while (bits >= 8) {
            out.writeByte((byte) acc);
            acc >>>= 8;
            bits -= 8;
        }
    }

    /** Writes one bit. */
    public void writeBit(boolean bit) {
        write(bit ? 1 : 0, 1);
    }

    /** Writes {@code v >= 0} in the U code. */
    public void writeU(int v) {
        long x = (long) v + 1;
        int n = 63 - Long.numberOfLeadingZeros(x);
        write((1L << n) - 1, n + 1);
        write(x - (1L << n), n);
    }

    /** Writes any int in the S code. */
    public void writeS(int v) {
        long z = ((v << 1) ^ (v >> 31)) & 0xFFFF_FFFFL;
        if (z < 8) {
            write(0, 1);
            write(z, 3);
        } else if (z < 64) {
            write(0b01, 2);
            write(z, 6);
        } else if (z < 1024) {
            write(0b011, 3);
            write(z, 10);
        } else if (z < 65536) {
            write(0b0111, 4);
            write(z, 16);
        } else {
            write(0b1111, 4);
            write(z, 32);
        }
    }

    /**
     * Writes a string in the STR code: the bytes of {@code s.getBytes(UTF_8)} (an unpaired surrogate
     * is {@code '?'}), encoded on the fly: a keyframe chunk carries names, and a broadcast allocates nothing.
     */
    public void writeString(String s) {
        writeU(utf8Length(s));
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                write(c, 8);
            } else if (c < 0x800) {
                write(0xC0 | c >> 6, 8);
                write(0x80 | c & 0x3F, 8);
            } else if (!Character.isSurrogate(c)) {
                write(0xE0 | c >> 12, 8);
                write(0x80 | c >> 6 & 0x3F, 8);
                write(0x80 | c & 0x3F, 8);
            } else if (paired(s, i)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                write(0xF0 | cp >> 18, 8);
                write(0x80 | cp >> 12 & 0x3F, 8);
                write(0x80 | cp >> 6 & 0x3F, 8);
                write(0x80 | cp & 0x3F, 8);
            } else {
                write('?', 8);
            }
        }
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80 || Character.isSurrogate(c) && !paired(s, i)) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (!Character.isSurrogate(c)) {
                n += 3;
            } else {
                n += 4;
                i++;
            }
        }
        return n;
    }

    /** True if {@code s} has a high surrogate at {@code i} followed by a low one. */
    private static boolean paired(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }

    /** Pads the last byte with zero bits and writes it. */
    public void end() {
        if (bits > 0) {
            out.writeByte((byte) acc);
        }
        acc = 0;
        bits = 0;
        out = null;
    }
}
