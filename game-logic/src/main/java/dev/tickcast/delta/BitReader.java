package dev.tickcast.delta;

import dev.tickcast.wire.Utf8Decoder;

/**
 * Reads what {@link BitWriter} wrote, from a byte range that may be hostile or truncated. It never
 * throws on bad data: reading past the end, an over-long code, a string over the limit or one that is
 * not valid UTF-8 sets
 * {@link #failed()} and returns 0 or "", and the caller checks the flag at safe points.
 */
public final class BitReader {
    private static final int MAX_U_PREFIX = 31;

    private byte[] buf;
    private int pos;
    private int limit;
    private long acc;
    private int bits;
    private boolean failed;
    private final Utf8Decoder utf8 = new Utf8Decoder();
    private byte[] scratch = new byte[64];

    /** Starts reading {@code buf[offset, offset + length)}. */
    public void begin(byte[] data, int offset, int length) {
        buf = data;
        pos = offset;
        limit = offset + length;
        acc = 0;
        bits = 0;
        failed = false;
    }

    /** True once any read went wrong; every later read returns 0. */
    public boolean failed() {
        return failed;
    }

    /** Marks the stream as malformed (used by callers that find a semantic error). */
    public void fail() {
        failed = true;
    }

    /** True if only zero padding bits of the last byte are left. */
    public boolean atEnd() {
        return pos == limit && (acc == 0);
    }

    /**
     * Skips the padding up to the next byte boundary (SNAPSHOT_CELLS parts end on one). Returns false,
     * and fails, if a padding bit is not zero.
     */
    public boolean align() {
        // After any read fewer than 8 bits are buffered: exactly the rest of the current byte.
        if (acc != 0) {
            failed = true;
        }
        acc = 0;
        bits = 0;
        return !failed;
    }

    /** Reads {@code n <= 32} bits, first-written bit as the least significant. */
    public long read(int n) {
        while (bits < n) {
            if (pos == limit) {
                failed = true;
                return 0;
            }
            acc |= (buf[pos++] & 0xFFL) << bits;
            bits += 8;
        }
        long v = acc & ((1L << n) - 1);
        acc >>>= n;
        bits -= n;
        return failed ? 0 : v;
    }

    /** Reads one bit. */
    public boolean readBit() {
        return read(1) != 0;
    }

    /** Reads a U-coded value; fails (returning 0) if it does not fit a non-negative int. */
    public int readU() {
        int n = 0;
        while (read(1) == 1) {
            if (++n > MAX_U_PREFIX) {
                failed = true;
                return 0;
            }
        }
        long x = (1L << n) + read(n);
        long v = x - 1;
        if (v > Integer.MAX_VALUE) {
            failed = true;
            return 0;
        }
        return failed ? 0 : (int) v;
    }

    /** Reads an S-coded int. */
    public int readS() {
        int width;
        if (read(1) == 0) {
            width = 3;
        } else if (read(1) == 0) {
            width = 6;
        } else if (read(1) == 0) {
            width = 10;
        } else if (read(1) == 0) {
            width = 16;
        } else {
            width = 32;
        }
        int z = (int) read(width);
        return (z >>> 1) ^ -(z & 1);
    }

    /** Reads a STR-coded string of at most {@code maxBytes} bytes of valid UTF-8; "" and failed if not. */
    public String readString(int maxBytes) {
        int len = readU();
        if (len > maxBytes || failed) {
            failed = true;
            return "";
        }
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        for (int i = 0; i < len; i++) {
            scratch[i] = (byte) read(8);
        }
        String s = failed ? null : utf8.decode(scratch, 0, len);
        if (s == null) {
            failed = true;
            return "";
        }
        return s;
    }
}
