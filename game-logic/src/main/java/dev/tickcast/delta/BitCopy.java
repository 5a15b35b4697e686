package dev.tickcast.delta;

/**
 * Appends bit strings to a byte array, in the bit order of {@link BitWriter} (the first bit of a byte
 * is its least significant): how a SNAPSHOT_CELLS message is put together from parts encoded once
 * (docs/PROTOCOL.md 10.10: the parts follow each other with no padding between them).
 */
final class BitCopy {
    private BitCopy() {
    }

    /**
     * Appends the first {@code bits} bits of {@code src} from byte {@code from} (bits beyond them in
     * the last byte must be zero, as {@link BitWriter#end()} pads) to {@code dst} at bit {@code at} of a
     * zeroed tail; returns the bit after the last one written.
     */
    static long append(byte[] src, int from, long bits, byte[] dst, long at) {
        if (bits == 0) {
            return at;
        }
        int bytes = (int) ((bits + 7) >>> 3);
        int shift = (int) (at & 7);
        int d = (int) (at >>> 3);
        if (shift == 0) {
            System.arraycopy(src, from, dst, d, bytes);
            return at + bits;
        }
        int last = bytes - 1;
        for (int i = 0; i < last; i++) { // the next byte of dst exists: more bits follow
            int b = src[from + i] & 0xFF;
            dst[d + i] |= (byte) (b << shift);
            dst[d + i + 1] = (byte) (b >>> (8 - shift));
        }
        int b = src[from + last] & 0xFF;
        dst[d + last] |= (byte) (b << shift);
        int spill = b >>> (8 - shift);
        if (spill != 0) {
            dst[d + last + 1] = (byte) spill;
        }
        return at + bits;
    }
}
