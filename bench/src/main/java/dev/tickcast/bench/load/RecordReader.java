package dev.tickcast.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;

/**
 * Reads the records of one downstream body as its bytes arrive (docs/PROTOCOL.md section 2.1): whole
 * records are handed on at once, in place when they lie in one piece of input; a record cut between
 * two pieces waits in a buffer of its own; a partial record left at the end of the body is dropped.
 * Numbers each MESSAGE from the body's SEQ and checks the rules a receiver must: SEQ first and once,
 * nothing after CLOSE, sizes of SEQ and KEEPALIVE, no empty MESSAGE, no unknown kind. One thread.
 */
final class RecordReader {
    /** The longest record accepted: a stream response carries at most 4 MiB. */
    static final int MAX_RECORD_BYTES = 8 << 20;

    /** What a body carries. */
    interface Handler {
        /** MESSAGE record {@code number}: {@code length} bytes of {@code buf} from {@code index}. */
        void message(int number, ByteBuf buf, int index, int length);

        /** A CLOSE record: the session ended with {@code code}. */
        void close(int code, String reason);
    }

    private final Handler handler;
    private final ByteBuf carry = Unpooled.buffer(0);
    private boolean seqSeen;
    private boolean closed;
    private int next;
    private String error;

    RecordReader(Handler handler) {
        this.handler = handler;
    }

    /** A new body begins. */
    void begin() {
        carry.clear();
        seqSeen = false;
        closed = false;
        error = null;
    }

    /** Takes {@code length} more bytes of the body; false once the body is malformed (see {@link #error()}). */
    boolean feed(ByteBuf in, int index, int length) {
        if (error != null) {
            return false;
        }
        if (carry.isReadable()) {
            carry.writeBytes(in, index, length);
            int used = parse(carry, carry.readerIndex(), carry.writerIndex());
            carry.readerIndex(used);
            carry.discardReadBytes();
        } else {
            int used = parse(in, index, index + length);
            carry.writeBytes(in, used, index + length - used);
        }
        return error == null;
    }

    /** The body ended: a partial last record is dropped. */
    void end() {
        carry.clear();
    }

    /** Why the body is malformed, or null. */
    String error() {
        return error;
    }

    /** Parses the whole records in [from, to); returns where the first incomplete one starts. */
    private int parse(ByteBuf buf, int from, int to) {
        int at = from;
        while (at < to && error == null) {
            long len = HttpRecords.readVarUInt(buf, at + 1, to);
            if (len == HttpRecords.TRUNCATED) {
                return at;
            }
            if (len == HttpRecords.MALFORMED || HttpRecords.value(len) > MAX_RECORD_BYTES) {
                error = "bad record length";
                return at;
            }
            int start = at + 1 + HttpRecords.size(len);
            int n = HttpRecords.value(len);
            if (to - start < n) {
                return at;
            }
            record(buf.getUnsignedByte(at), buf, start, n);
            at = start + n;
        }
        return at;
    }

    private void record(int kind, ByteBuf buf, int start, int n) {
        if (closed) {
            error = "a record after CLOSE";
        } else if (!seqSeen && kind != HttpRecords.SEQ) {
            error = "the first record is not SEQ";
        } else if (kind == HttpRecords.SEQ) {
            long v = HttpRecords.readVarUInt(buf, start, start + n);
            if (seqSeen || v < 0 || HttpRecords.size(v) != n) {
                error = seqSeen ? "a second SEQ" : "bad SEQ payload";
            } else {
                seqSeen = true;
                next = HttpRecords.value(v);
            }
        } else if (kind == HttpRecords.MESSAGE) {
            if (n == 0) {
                error = "an empty MESSAGE";
            } else {
                handler.message(next++, buf, start, n);
            }
        } else if (kind == HttpRecords.KEEPALIVE) {
            if (n != 0) {
                error = "a KEEPALIVE with a payload";
            }
        } else if (kind == HttpRecords.CLOSE) {
            closed = true;
            close(buf, start, n);
        } else {
            error = "unknown record kind " + kind;
        }
    }

    private void close(ByteBuf buf, int start, int n) {
        int end = start + n;
        long code = HttpRecords.readVarUInt(buf, start, end);
        if (code < 0) {
            error = "bad CLOSE code";
            return;
        }
        int at = start + HttpRecords.size(code);
        long len = HttpRecords.readVarUInt(buf, at, end);
        if (len < 0 || HttpRecords.value(len) > HttpRecords.MAX_REASON_BYTES
                || at + HttpRecords.size(len) + HttpRecords.value(len) != end) {
            error = "bad CLOSE reason";
            return;
        }
        String reason = buf.toString(at + HttpRecords.size(len), HttpRecords.value(len), StandardCharsets.UTF_8);
        handler.close(HttpRecords.value(code), reason);
    }
}
