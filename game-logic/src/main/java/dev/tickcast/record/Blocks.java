package dev.tickcast.record;

import java.util.zip.CRC32C;

/**
 * Block framing of an archive (docs/PROTOCOL.md 14.2): {@code kind (u8) | length (u32 LE) | body |
 * crc32c (u32 LE)}, the CRC32C (Castagnoli) taken over kind, length and body. Every other block
 * part of the format sits inside a body.
 */
public final class Blocks {
    /** The head block: {@link RecordingHead}. Always the first block. */
    public static final int HEAD = 1;
    /** A fragment block: {@link FragmentBuilder}. */
    public static final int FRAGMENT = 2;
    /** The index block of a finished archive. */
    public static final int INDEX = 3;
    /** The trailer block: the last {@link #TRAILER_BYTES} bytes of a finished archive. */
    public static final int TRAILER = 4;
    /** Bytes before the body: kind and length. */
    public static final int HEADER_BYTES = 5;
    /** Bytes of the CRC after the body. */
    public static final int CRC_BYTES = 4;
    /** Bytes a block adds to its body. */
    public static final int OVERHEAD = HEADER_BYTES + CRC_BYTES;
    /** The largest body a reader accepts (64 MiB): a longer length is damage, never an allocation. */
    public static final int MAX_BODY_BYTES = 64 << 20;
    /** The whole trailer block: overhead, the index offset (u64 LE) and "TCEND". */
    public static final int TRAILER_BYTES = OVERHEAD + 8 + 5;

    private Blocks() {
    }

    /** A new block of {@code kind} around {@code body[offset, offset + length)}. */
    public static byte[] frame(int kind, byte[] body, int offset, int length) {
        if (length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("a block body of " + length + " bytes is over 64 MiB");
        }
        byte[] block = new byte[length + OVERHEAD];
        System.arraycopy(body, offset, block, HEADER_BYTES, length);
        seal(kind, block, 0, length);
        return block;
    }

    /**
     * Writes the kind, length and CRC of a block whose body is already at
     * {@code buf[at + HEADER_BYTES, at + HEADER_BYTES + bodyLength)}; the buffer holds
     * {@link #OVERHEAD} more bytes than the body. Returns the block's length.
     */
    public static int seal(int kind, byte[] buf, int at, int bodyLength) {
        if (bodyLength > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("a block body of " + bodyLength + " bytes is over 64 MiB");
        }
        buf[at] = (byte) kind;
        putU32(buf, at + 1, bodyLength);
        putU32(buf, at + HEADER_BYTES + bodyLength, crc(buf, at, HEADER_BYTES + bodyLength));
        return bodyLength + OVERHEAD;
    }

    /**
     * Checks the block at {@code data[at, end)}: null if a whole block with a good length and CRC
     * starts there, otherwise why not (the text that follows "damaged at byte N: ").
     */
    public static String check(byte[] data, int at, int end) {
        if (end - at < HEADER_BYTES) {
            return "block header cut short (" + (end - at) + " of 5 bytes)";
        }
        long length = u32(data, at + 1);
        if (length > MAX_BODY_BYTES) {
            return "block length " + length + " is over 64 MiB";
        }
        if (end - at - OVERHEAD < length) {
            return "block cut short (" + (end - at) + " of " + (length + OVERHEAD) + " bytes)";
        }
        int body = (int) length;
        if (crc(data, at, HEADER_BYTES + body) != u32(data, at + HEADER_BYTES + body)) {
            return "CRC32C mismatch in a block of kind " + (data[at] & 0xFF);
        }
        return null;
    }

    /** The kind of the block at {@code at}. */
    public static int kind(byte[] data, int at) {
        return data[at] & 0xFF;
    }

    /** The body length of the block at {@code at} (check it first with {@link #check}). */
    public static int bodyLength(byte[] data, int at) {
        return (int) u32(data, at + 1);
    }

    /** The CRC32C of {@code data[offset, offset + length)}, as an unsigned 32-bit value. */
    public static long crc(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        return crc.getValue();
    }

    static void putU32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    static long u32(byte[] b, int at) {
        long v = 0;
        for (int i = 3; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }

    static void putU64(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    static long u64(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }
}
