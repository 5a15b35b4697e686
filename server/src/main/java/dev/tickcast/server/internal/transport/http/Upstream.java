package dev.tickcast.server.internal.transport.http;

import dev.tickcast.wire.Records;
import io.vertx.core.buffer.Buffer;

/**
 * The upstream side of an HTTP session (docs/PROTOCOL.md 2.1): reads the bodies of {@code open}
 * and {@code send} whole before acting on any of their records, and drops the MESSAGE records
 * already delivered, so a {@code send} retried after a lost answer delivers each message once. The
 * session's home loop only.
 */
final class Upstream {
    /** Where the records of a body go, in order. */
    interface Sink {
        /** A message not delivered before (a copy: the sink may keep it). */
        void message(Buffer message);

        /** The client's CLOSE record: {@code code} 1000 leaves for good, any other is a drop. */
        void clientClose(int code, String reason);

        /** True once the session ended: the records that follow are ignored. */
        boolean ended();
    }

    /** {@link #read} result: the body was taken. */
    static final int OK = 0;

    private int next = 1;

    /**
     * Checks {@code body} whole, then hands its new records to {@code sink}: {@link #OK},
     * {@link Records#MALFORMED} (also a SEQ past the next number expected: a gap) or
     * {@link Records#TOO_BIG} (a MESSAGE over 4096 bytes), when nothing was handed over.
     */
    int read(byte[] body, Sink sink) {
        int checked = check(body);
        if (checked != OK) {
            return checked;
        }
        Records.parse(body, 0, body.length, Records.MAX_UPSTREAM_MESSAGE_BYTES, new Records.Visitor() {
            @Override
            public void onMessage(int number, byte[] bytes, int offset, int length) {
                if (number >= next && !sink.ended()) {
                    next = number + 1;
                    sink.message(Buffer.buffer(length).appendBytes(bytes, offset, length));
                }
            }

            @Override
            public void onClose(int code, String reason) {
                if (!sink.ended()) {
                    sink.clientClose(code, reason);
                }
            }
        });
        return OK;
    }

    /** The whole body's verdict before any record is delivered: its layout, its sizes and no gap. */
    int check(byte[] body) {
        int whole = Records.parse(body, 0, body.length, Records.MAX_UPSTREAM_MESSAGE_BYTES, null);
        if (whole == Records.TOO_BIG) {
            return Records.TOO_BIG;
        }
        if (whole != body.length) {
            return Records.MALFORMED;
        }
        if (body.length > 0 && firstNumber(body) > next) {
            return Records.MALFORMED;
        }
        return OK;
    }

    private static int firstNumber(byte[] body) {
        int[] first = new int[1];
        Records.parse(body, 0, body.length, Records.MAX_UPSTREAM_MESSAGE_BYTES, new Records.Visitor() {
            @Override
            public void onSeq(int seq) {
                first[0] = seq;
            }
        });
        return first[0];
    }
}
