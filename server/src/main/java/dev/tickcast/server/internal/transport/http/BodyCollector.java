package dev.tickcast.server.internal.transport.http;

import io.vertx.core.buffer.Buffer;

/** The chunks of one request body, up to a limit; the request's event loop only. */
final class BodyCollector {
    private final int limit;
    private Buffer body;
    private boolean failed;

    BodyCollector(int limit) {
        this.limit = limit;
    }

    /** Adds {@code chunk}; false (once) when the body passes the limit, and from then on it is not ok. */
    boolean add(Buffer chunk) {
        if (failed) {
            return true;
        }
        int size = (body == null ? 0 : body.length()) + chunk.length();
        if (size > limit) {
            failed = true;
            body = null;
            return false;
        }
        if (body == null) {
            body = Buffer.buffer(size);
        }
        body.appendBuffer(chunk);
        return true;
    }

    /** The request failed (its connection closed before the end). */
    void fail() {
        failed = true;
    }

    /** True unless the body passed the limit or the request failed. */
    boolean ok() {
        return !failed;
    }

    /** The body read, empty if none. */
    byte[] bytes() {
        return body == null ? new byte[0] : body.getBytes();
    }
}
