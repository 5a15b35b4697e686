package dev.tickcast.record;

import dev.tickcast.wire.Utf8Decoder;

/**
 * Reads the byte-level fields of a block body. A field that runs past the end, a varuint that
 * does not fit 0..2^31-1 or a string that is not UTF-8 sets {@link #failed} and reads as -1 or
 * null: malformed input is a value here, never an exception.
 */
final class Cursor {
    private static final ThreadLocal<Utf8Decoder> UTF8 = ThreadLocal.withInitial(Utf8Decoder::new);

    final byte[] data;
    int pos;
    final int end;
    boolean failed;

    Cursor(byte[] data, int pos, int end) {
        this.data = data;
        this.pos = pos;
        this.end = end;
    }

    boolean atEnd() {
        return pos == end;
    }

    int u8() {
        if (pos >= end) {
            failed = true;
            return -1;
        }
        return data[pos++] & 0xFF;
    }

    int varuint() {
        long v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = u8();
            if (b < 0) {
                return -1;
            }
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (v > Integer.MAX_VALUE) {
                    break;
                }
                return (int) v;
            }
        }
        failed = true;
        return -1;
    }

    long u64() {
        if (end - pos < 8) {
            failed = true;
            pos = end;
            return -1;
        }
        long v = Blocks.u64(data, pos);
        pos += 8;
        return v;
    }

    /** A byte length (varuint) of at most {@code max} that fits what is left; -1 if not. */
    int length(int max) {
        int n = varuint();
        if (n < 0 || n > max || n > end - pos) {
            failed = true;
            return -1;
        }
        return n;
    }

    String string(int maxBytes) {
        int n = length(maxBytes);
        if (n < 0) {
            return null;
        }
        String s = UTF8.get().decode(data, pos, n);
        if (s == null) {
            failed = true;
            return null;
        }
        pos += n;
        return s;
    }

    /** Reads exactly {@code n} bytes. */
    boolean bytes(byte[] into, int n) {
        if (end - pos < n) {
            failed = true;
            return false;
        }
        System.arraycopy(data, pos, into, 0, n);
        pos += n;
        return true;
    }
}
