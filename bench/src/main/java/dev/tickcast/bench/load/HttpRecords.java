package dev.tickcast.bench.load;

import dev.tickcast.wire.Records;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * The records of the HTTP binding (docs/PROTOCOL.md section 2.1): {@code kind (1 byte), length
 * (varuint), payload}. Writers append to a Netty buffer; {@link #readVarUInt} reads in place and
 * tells a truncated varuint from a malformed one. The incremental reader is {@link RecordReader}; the
 * kinds and limits are the reference codec's ({@link Records}), whose parser reads whole bodies only.
 */
final class HttpRecords {
    /** SEQ: the number of the first MESSAGE record that follows. */
    static final int SEQ = Records.SEQ;
    /** MESSAGE: one protocol message, its type byte first. */
    static final int MESSAGE = Records.MESSAGE;
    /** KEEPALIVE: no payload. */
    static final int KEEPALIVE = Records.KEEPALIVE;
    /** CLOSE: a varuint close code and a string reason; the last record of a body. */
    static final int CLOSE = Records.CLOSE;
    /** The longest close reason, in UTF-8 bytes. */
    static final int MAX_REASON_BYTES = Records.MAX_CLOSE_REASON_BYTES;
    /** {@link #readVarUInt}: the buffer ends inside the varuint. */
    static final long TRUNCATED = -1;
    /** {@link #readVarUInt}: more than five bytes, or past 2^31-1. */
    static final long MALFORMED = -2;

    private HttpRecords() {
    }

    /** Appends a SEQ record numbering the next MESSAGE {@code first}. */
    static void writeSeq(ByteBuf out, int first) {
        out.writeByte(SEQ);
        writeVarUInt(out, varUIntSize(first));
        writeVarUInt(out, first);
    }

    /** Appends a MESSAGE record holding {@code length} bytes of {@code message} from {@code offset}. */
    static void writeMessage(ByteBuf out, byte[] message, int offset, int length) {
        out.writeByte(MESSAGE);
        writeVarUInt(out, length);
        out.writeBytes(message, offset, length);
    }

    /** Appends a CLOSE record with {@code code} and {@code reason} (at most 123 UTF-8 bytes). */
    static void writeClose(ByteBuf out, int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        if (text.length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("close reason over " + MAX_REASON_BYTES + " bytes");
        }
        out.writeByte(CLOSE);
        writeVarUInt(out, varUIntSize(code) + varUIntSize(text.length) + text.length);
        writeVarUInt(out, code);
        writeVarUInt(out, text.length);
        out.writeBytes(text);
    }

    /** Appends {@code v} (non-negative) as an unsigned LEB128 varint. */
    static void writeVarUInt(ByteBuf out, int v) {
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    /** The bytes {@code v} takes as a varuint. */
    static int varUIntSize(int v) {
        int n = 1;
        while ((v >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    /**
     * The varuint at {@code at} (reading no further than {@code end}) in the low 32 bits and its size
     * in bytes in the high 32; {@link #TRUNCATED} or {@link #MALFORMED}.
     */
    static long readVarUInt(ByteBuf in, int at, int end) {
        long value = 0;
        for (int i = 0; i < 5; i++) {
            if (at + i >= end) {
                return TRUNCATED;
            }
            int b = in.getUnsignedByte(at + i);
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value > Integer.MAX_VALUE ? MALFORMED : value | ((long) (i + 1) << 32);
            }
        }
        return MALFORMED;
    }

    /** The value half of a {@link #readVarUInt} result. */
    static int value(long varUInt) {
        return (int) varUInt;
    }

    /** The size half of a {@link #readVarUInt} result. */
    static int size(long varUInt) {
        return (int) (varUInt >>> 32);
    }
}
