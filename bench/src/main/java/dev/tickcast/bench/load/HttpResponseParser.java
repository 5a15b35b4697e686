package dev.tickcast.bench.load;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads HTTP/1.1 responses from a connection's bytes as they arrive: the status line and the
 * headers the bots need, then the body by {@code Content-Length}, by chunks (the body is handed on
 * without the chunk framing, as each piece arrives) or, with neither, up to the end of the
 * connection. Bounded: 16 KiB of headers, chunk-size lines of 64 bytes. One thread.
 */
final class HttpResponseParser {
    private static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final int MAX_LINE_BYTES = 64;

    /** What a response carries. */
    interface Listener {
        /** The status line and headers arrived. {@code session} is the Tickcast-Session header or null. */
        void head(int status, String session, boolean connectionClose);

        /** {@code length} body bytes of {@code in} from {@code index} (valid during the call only). */
        void body(ByteBuf in, int index, int length);

        /** The response ended whole. */
        void end();
    }

    private enum State { HEAD, LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, UNTIL_CLOSE }

    private final Listener listener;
    private State state = State.HEAD;
    private long remaining;
    private String error;

    HttpResponseParser(Listener listener) {
        this.listener = listener;
    }

    /** Consumes what it can of {@code in}; false once the response is malformed (see {@link #error()}). */
    boolean parse(ByteBuf in) {
        boolean progress = true;
        while (progress && error == null && in.isReadable()) {
            progress = switch (state) {
                case HEAD -> head(in);
                case LENGTH, CHUNK_DATA, UNTIL_CLOSE -> body(in);
                case CHUNK_SIZE -> chunkSize(in);
                case CHUNK_END -> chunkEnd(in);
                case TRAILER -> trailer(in);
            };
        }
        return error == null;
    }

    /** True while a body read up to the end of the connection is in progress (its end is the close). */
    boolean untilClose() {
        return state == State.UNTIL_CLOSE;
    }

    /** True between responses. */
    boolean idle() {
        return state == State.HEAD;
    }

    /** Why the response is malformed, or null. */
    String error() {
        return error;
    }

    private boolean head(ByteBuf in) {
        int end = indexOf(in, in.readerIndex(), "\r\n\r\n");
        if (end < 0) {
            if (in.readableBytes() > MAX_HEAD_BYTES) {
                error = "headers over " + MAX_HEAD_BYTES + " bytes";
            }
            return false;
        }
        String head = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.ISO_8859_1);
        in.readerIndex(end + 4);
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            error = "not an HTTP/1.x status line";
            return false;
        }
        int code = parseInt(status[1], 10);
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        String session = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = parseInt(value, 10) < 0 ? -2 : parseInt(value, 10);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                case "tickcast-session" -> session = value;
                default -> { }
            }
        }
        if (code < 100 || length == -2) {
            error = code < 100 ? "bad status " + status[1] : "bad Content-Length";
            return false;
        }
        listener.head(code, session, close);
        if (code == 204 || code == 304 || (!chunked && length == 0)) {
            finish();
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (length > 0) {
            state = State.LENGTH;
            remaining = length;
        } else {
            state = State.UNTIL_CLOSE;
        }
        return true;
    }

    private boolean body(ByteBuf in) {
        int n = state == State.UNTIL_CLOSE ? in.readableBytes() : (int) Math.min(remaining, in.readableBytes());
        listener.body(in, in.readerIndex(), n);
        in.skipBytes(n);
        remaining -= n;
        if (remaining == 0 && state == State.LENGTH) {
            finish();
        } else if (remaining == 0 && state == State.CHUNK_DATA) {
            state = State.CHUNK_END;
        }
        return true;
    }

    private boolean chunkSize(ByteBuf in) {
        String line = line(in);
        if (line == null) {
            return false;
        }
        int semi = line.indexOf(';');
        long size = parseInt((semi < 0 ? line : line.substring(0, semi)).trim(), 16);
        if (size < 0) {
            error = "bad chunk size";
            return false;
        }
        if (size == 0) {
            state = State.TRAILER;
        } else {
            state = State.CHUNK_DATA;
            remaining = size;
        }
        return true;
    }

    private boolean chunkEnd(ByteBuf in) {
        String line = line(in);
        if (line == null) {
            return false;
        }
        if (!line.isEmpty()) {
            error = "no CRLF after a chunk";
            return false;
        }
        state = State.CHUNK_SIZE;
        return true;
    }

    private boolean trailer(ByteBuf in) {
        String line = line(in);
        if (line != null && line.isEmpty()) {
            finish();
        }
        return line != null;
    }

    private void finish() {
        state = State.HEAD;
        remaining = 0;
        listener.end();
    }

    /** One CRLF-ended line (consumed), or null if it has not arrived whole. */
    private String line(ByteBuf in) {
        int end = indexOf(in, in.readerIndex(), "\r\n");
        if (end < 0) {
            if (in.readableBytes() > MAX_LINE_BYTES) {
                error = "a chunk line over " + MAX_LINE_BYTES + " bytes";
            }
            return null;
        }
        if (end - in.readerIndex() > MAX_LINE_BYTES) {
            error = "a chunk line over " + MAX_LINE_BYTES + " bytes";
            return null;
        }
        String line = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.US_ASCII);
        in.readerIndex(end + 2);
        return line;
    }

    private static int indexOf(ByteBuf in, int from, String needle) {
        int last = in.writerIndex() - needle.length();
        for (int i = from; i <= last; i++) {
            int j = 0;
            while (j < needle.length() && in.getByte(i + j) == needle.charAt(j)) {
                j++;
            }
            if (j == needle.length()) {
                return i;
            }
        }
        return -1;
    }

    /** A non-negative int in {@code radix}, or -1. */
    private static int parseInt(String s, int radix) {
        try {
            int v = Integer.parseInt(s, radix);
            return v < 0 ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
