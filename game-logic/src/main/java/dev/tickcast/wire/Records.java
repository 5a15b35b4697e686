package dev.tickcast.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The records of the HTTP binding (docs/PROTOCOL.md 2.1): a body is a sequence of records, each a
 * kind byte, a varuint payload length and the payload.
 *
 * <pre>
 * +--------------+----------------------+----------------------------- ...
 * | kind (1 byte)| length n (varuint)   |  n bytes of payload          ...
 * +--------------+----------------------+----------------------------- ...
 * </pre>
 *
 * <p>Writers build the small parts (a header, a SEQ, a KEEPALIVE, a CLOSE); a MESSAGE payload is
 * the message's own bytes, written after its header by the caller, never copied here.
 * {@link #parse} reads a body without allocating per record and returns an error result for bad
 * input, never an exception. Stateless and thread-safe.
 */
public final class Records {
    /** SEQ: a varuint, the number of the first MESSAGE record that follows in the body. */
    public static final int SEQ = 0x01;
    /** MESSAGE: one message, its type byte first. */
    public static final int MESSAGE = 0x02;
    /** KEEPALIVE: no payload (downstream). */
    public static final int KEEPALIVE = 0x03;
    /** CLOSE: a varuint close code and a string reason; the last record of a body. */
    public static final int CLOSE = 0x04;

    /** The largest record header: a kind byte and a five-byte varuint. */
    public static final int MAX_HEADER_BYTES = 6;
    /** The largest upstream body ({@code open}, {@code send}), in bytes. */
    public static final int MAX_UPSTREAM_BODY_BYTES = 16_384;
    /** The largest upstream MESSAGE payload, in bytes: a WebSocket client frame's limit. */
    public static final int MAX_UPSTREAM_MESSAGE_BYTES = Protocol.MAX_CLIENT_MESSAGE_BYTES;
    /** The longest CLOSE reason, in UTF-8 bytes (a WebSocket close frame's limit). */
    public static final int MAX_CLOSE_REASON_BYTES = 123;
    /** The largest number a MESSAGE record or an acknowledgement can have. */
    public static final int MAX_NUMBER = Integer.MAX_VALUE;

    /** {@link #parse} result: the body breaks a rule of the record layout. */
    public static final int MALFORMED = -1;
    /** {@link #parse} result: a MESSAGE record is longer than the given limit. */
    public static final int TOO_BIG = -2;

    /** What {@link #parse} found, record by record, in body order. Every method does nothing by default. */
    public interface Visitor {
        /** The SEQ record: the number of the first MESSAGE that follows. */
        default void onSeq(int first) {
        }

        /** A MESSAGE record numbered {@code number}: its payload is {@code body[offset, offset + length)}. */
        default void onMessage(int number, byte[] body, int offset, int length) {
        }

        /** A KEEPALIVE record. */
        default void onKeepAlive() {
        }

        /** The CLOSE record: a close code and its reason. */
        default void onClose(int code, String reason) {
        }
    }

    private static final byte[] KEEPALIVE_RECORD = {KEEPALIVE, 0};
    /** {@link #readVarUInt}: the varuint is cut by the end of the body. */
    private static final long CUT = -2;

    private Records() {
    }

    /** The bytes a varuint of {@code value} (non-negative) takes. */
    public static int varUIntSize(int value) {
        int size = 1;
        while ((value >>>= 7) != 0) {
            size++;
        }
        return size;
    }

    /**
     * Writes a record header (the kind, then the payload length as a varuint) at {@code offset};
     * returns the number of bytes written (2 to {@link #MAX_HEADER_BYTES}).
     */
    public static int writeHeader(byte[] dst, int offset, int kind, int length) {
        dst[offset] = (byte) kind;
        return 1 + writeVarUInt(dst, offset + 1, length);
    }

    /** A record header alone, in an array of its exact size. */
    public static byte[] header(int kind, int length) {
        byte[] out = new byte[1 + varUIntSize(length)];
        writeHeader(out, 0, kind, length);
        return out;
    }

    /** A whole SEQ record numbering the next MESSAGE {@code first}. */
    public static byte[] seq(int first) {
        int size = varUIntSize(first);
        byte[] out = new byte[2 + size];
        writeHeader(out, 0, SEQ, size);
        writeVarUInt(out, 2, first);
        return out;
    }

    /** A whole KEEPALIVE record ({@code 03 00}); a fresh array. */
    public static byte[] keepAlive() {
        return KEEPALIVE_RECORD.clone();
    }

    /**
     * A whole CLOSE record. The reason is cut to {@link #MAX_CLOSE_REASON_BYTES} UTF-8 bytes at a
     * character boundary; an unpaired surrogate is written as {@code ?}.
     */
    public static byte[] close(int code, String reason) {
        byte[] text = utf8Prefix(reason == null ? "" : reason, MAX_CLOSE_REASON_BYTES);
        int codeSize = varUIntSize(code);
        int payload = codeSize + varUIntSize(text.length) + text.length;
        byte[] out = new byte[1 + varUIntSize(payload) + payload];
        int p = writeHeader(out, 0, CLOSE, payload);
        p += writeVarUInt(out, p, code);
        p += writeVarUInt(out, p, text.length);
        System.arraycopy(text, 0, out, p, text.length);
        return out;
    }

    /**
     * Reads the records of {@code body[offset, offset + length)} in order, calling the visitor for
     * each (null: only check). Returns the number of bytes the whole records take (so {@code length}
     * for a whole body; less for a body cut in the middle of its last record, which a receiver of a
     * downstream body drops and a receiver of an upstream body treats as malformed), or
     * {@link #MALFORMED}, or {@link #TOO_BIG} for a MESSAGE over {@code maxMessageBytes}. An empty
     * body is valid. On an error the visitor may have seen the records before the bad one: a
     * receiver that must not act on part of a body checks it first with a null visitor.
     */
    public static int parse(byte[] body, int offset, int length, int maxMessageBytes, Visitor visitor) {
        int end = offset + length;
        int p = offset;
        long next = -1;
        boolean closed = false;
        while (p < end) {
            int kind = body[p] & 0xFF;
            long header = readVarUInt(body, p + 1, end);
            if (header == CUT) {
                return p - offset;
            }
            if (header < 0 || closed || (next < 0) != (kind == SEQ) || kind > CLOSE || kind < SEQ) {
                return MALFORMED;
            }
            int n = (int) header;
            if (!lengthFits(kind, n)) {
                return MALFORMED;
            }
            if (kind == MESSAGE && n > maxMessageBytes) {
                return TOO_BIG;
            }
            int start = p + 1 + (int) (header >>> 32);
            if (n > end - start) {
                return p - offset;
            }
            if (kind == MESSAGE && next > MAX_NUMBER) {
                return MALFORMED;
            }
            long result = record(kind, body, start, n, (int) next, visitor);
            if (result == MALFORMED) {
                return MALFORMED;
            }
            next = kind == SEQ ? result : kind == MESSAGE ? next + 1 : next;
            closed = kind == CLOSE;
            p = start + n;
        }
        return length;
    }

    private static boolean lengthFits(int kind, int n) {
        return switch (kind) {
            case SEQ -> n >= 1 && n <= 5;
            case MESSAGE -> n >= 1;
            case KEEPALIVE -> n == 0;
            default -> n >= 2;
        };
    }

    /** Visits one whole record of a known kind and a fitting length; for a SEQ returns its number, else 0, or MALFORMED. */
    private static long record(int kind, byte[] body, int start, int n, int next, Visitor visitor) {
        switch (kind) {
            case SEQ -> {
                long v = readVarUInt(body, start, start + n);
                if (v < 0 || (v >>> 32) != n || (int) v < 1) {
                    return MALFORMED;
                }
                if (visitor != null) {
                    visitor.onSeq((int) v);
                }
                return (int) v;
            }
            case MESSAGE -> {
                if (visitor != null) {
                    visitor.onMessage(next, body, start, n);
                }
                return 0;
            }
            case KEEPALIVE -> {
                if (visitor != null) {
                    visitor.onKeepAlive();
                }
                return 0;
            }
            default -> {
                return close(body, start, start + n, visitor);
            }
        }
    }

    private static int close(byte[] body, int start, int end, Visitor visitor) {
        long code = readVarUInt(body, start, end);
        if (code < 0) {
            return MALFORMED;
        }
        int p = start + (int) (code >>> 32);
        long len = readVarUInt(body, p, end);
        if (len < 0) {
            return MALFORMED;
        }
        p += (int) (len >>> 32);
        int n = (int) len;
        if (n > MAX_CLOSE_REASON_BYTES || n != end - p) {
            return MALFORMED;
        }
        String reason = new Utf8Decoder().decode(body, p, n);
        if (reason == null) {
            return MALFORMED;
        }
        if (visitor != null) {
            visitor.onClose((int) code, reason);
        }
        return 0;
    }

    /**
     * Reads a varuint of {@code 0..2^31-1}: the value in the low 32 bits and its byte count in the
     * high ones; {@link #CUT} if {@code end} comes first, -1 if it is longer than 5 bytes or too large.
     */
    private static long readVarUInt(byte[] b, int p, int end) {
        long value = 0;
        for (int i = 0; i < 5; i++) {
            if (p + i >= end) {
                return CUT;
            }
            int x = b[p + i] & 0xFF;
            value |= (long) (x & 0x7F) << (7 * i);
            if ((x & 0x80) == 0) {
                return value > Integer.MAX_VALUE ? -1 : value | ((long) (i + 1) << 32);
            }
        }
        return -1;
    }

    private static int writeVarUInt(byte[] dst, int offset, int value) {
        int p = offset;
        while ((value & ~0x7F) != 0) {
            dst[p++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        dst[p++] = (byte) value;
        return p - offset;
    }

    private static byte[] utf8Prefix(String s, int maxBytes) {
        byte[] all = s.getBytes(StandardCharsets.UTF_8);
        if (all.length <= maxBytes) {
            return all;
        }
        int cut = maxBytes;
        while (cut > 0 && (all[cut] & 0xC0) == 0x80) {
            cut--;
        }
        return Arrays.copyOf(all, cut);
    }
}
