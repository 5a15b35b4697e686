package dev.tickcast.server.internal.transport.http;

import dev.tickcast.wire.Records;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * One {@code GET /http/recv} response of a session (docs/PROTOCOL.md 2.1): a <em>stream</em>,
 * chunked, one write per record, or a <em>poll</em>, one body with a Content-Length that ends as
 * soon as it carries a record. Every body starts with a SEQ record. The session's home loop calls
 * it; Vert.x lets a response be written from a thread other than its connection's.
 */
final class Downstream {
    /** The media type of record bodies. */
    static final String MEDIA_TYPE = "application/vnd.tickcast.records";

    private final HttpServerResponse response;
    private final boolean stream;
    private final HttpCarrierSettings settings;
    private final LongAdder sent;
    private final long startNs;
    private long lastWriteNs;
    private long bytes;
    private boolean ended;
    private volatile boolean queueFull;

    Downstream(HttpServerResponse response, boolean stream, HttpCarrierSettings settings, LongAdder sent, long nowNs) {
        this.response = response;
        this.stream = stream;
        this.settings = settings;
        this.sent = sent;
        this.startNs = nowNs;
        this.lastWriteNs = nowNs;
        headers(response.setStatusCode(200));
        if (stream) {
            response.setChunked(true);
            response.drainHandler(v -> queueFull = false);
        }
    }

    /** The headers of every record body ({@code recv}, and the CLOSE answer of {@code send}). */
    static HttpServerResponse headers(HttpServerResponse response) {
        return response.putHeader("Content-Type", MEDIA_TYPE).putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
    }

    boolean stream() {
        return stream;
    }

    HttpServerResponse response() {
        return response;
    }

    boolean ended() {
        return ended;
    }

    /** True while a stream's connection cannot take more (the room then skips snapshots). */
    boolean queueFull() {
        return queueFull;
    }

    /**
     * Starts the body with what {@code outbox} holds: a stream writes it all and stays open, a poll
     * ends with it (up to its byte bound) unless it is empty, then it is held. Returns true if the
     * response ended.
     */
    boolean begin(Outbox outbox, long nowNs) {
        if (stream) {
            List<ByteBuf> parts = new ArrayList<>();
            parts.add(Unpooled.wrappedBuffer(Records.seq(outbox.first())));
            for (Outbox.Entry e : outbox) {
                parts.add(((BufferInternal) e.record).getByteBuf());
                outbox.written(e);
            }
            write(parts, nowNs);
            return endIfFull();
        }
        if (!outbox.isEmpty()) {
            endPoll(outbox, nowNs);
        }
        return ended;
    }

    /** A new record: a stream writes it at once; returns true if the response ended (a stream past its bytes). */
    boolean offer(Outbox outbox, Outbox.Entry e, long nowNs) {
        if (!stream || ended) {
            return ended;
        }
        write(List.of(((BufferInternal) e.record).getByteBuf()), nowNs);
        outbox.written(e);
        return endIfFull();
    }

    /** A held poll ends with every record waiting (up to its byte bound), SEQ first. */
    void endPoll(Outbox outbox, long nowNs) {
        List<ByteBuf> parts = new ArrayList<>();
        parts.add(Unpooled.wrappedBuffer(Records.seq(outbox.first())));
        long size = 0;
        for (Outbox.Entry e : outbox) {
            if (size > 0 && size + e.size() > settings.pollMaxBytes()) {
                break;
            }
            size += e.size();
            parts.add(((BufferInternal) e.record).getByteBuf());
            outbox.written(e);
        }
        end(parts, nowNs);
    }

    /**
     * The timers: a stream writes a KEEPALIVE after its quiet period and ends after its duration; a
     * held poll ends with a KEEPALIVE after its hold. Returns true if the response ended.
     */
    boolean check(Outbox outbox, long nowNs) {
        if (ended || response.closed()) {
            ended = true;
            return true;
        }
        if (stream) {
            if (nowNs - startNs >= settings.streamMs() * 1_000_000L) {
                end(List.of(), nowNs);
            } else if (nowNs - lastWriteNs >= settings.streamKeepAliveMs() * 1_000_000L) {
                keepAlive(outbox, nowNs);
            }
        } else if (nowNs - startNs >= settings.pollHoldMs() * 1_000_000L) {
            keepAlive(outbox, nowNs);
        }
        return ended;
    }

    /** A KEEPALIVE now: a stream goes on, a held poll ends with it. */
    void keepAlive(Outbox outbox, long nowNs) {
        if (ended) {
            return;
        }
        ByteBuf keepAlive = Unpooled.wrappedBuffer(Records.keepAlive());
        if (stream) {
            write(List.of(keepAlive), nowNs);
        } else {
            end(List.of(Unpooled.wrappedBuffer(Records.seq(outbox.next())), keepAlive), nowNs);
        }
    }

    /** Ends the response with what it carried so far, then {@code lastRecord} (a CLOSE) if not null. */
    void end(byte[] lastRecord, Outbox outbox, long nowNs) {
        if (ended) {
            return;
        }
        List<ByteBuf> parts = new ArrayList<>();
        if (!stream) {
            parts.add(Unpooled.wrappedBuffer(Records.seq(outbox.next())));
        }
        if (lastRecord != null) {
            parts.add(Unpooled.wrappedBuffer(lastRecord));
        }
        end(parts, nowNs);
    }

    private boolean endIfFull() {
        if (!ended && bytes >= settings.streamMaxBytes()) {
            end(List.of(), lastWriteNs);
        }
        return ended;
    }

    private void write(List<ByteBuf> parts, long nowNs) {
        if (response.closed()) {
            ended = true; // its connection closed: the records stay unacknowledged for the next recv
            return;
        }
        Buffer chunk = buffer(parts);
        try {
            response.write(chunk);
            queueFull = response.writeQueueFull();
        } catch (IllegalStateException closedMeanwhile) {
            ended = true; // the connection closed on its own loop: the close handler tells the session
            return;
        }
        count(chunk, nowNs);
    }

    private void end(List<ByteBuf> parts, long nowNs) {
        ended = true;
        queueFull = false;
        if (response.closed()) {
            return;
        }
        Buffer last = buffer(parts);
        try {
            response.end(last);
        } catch (IllegalStateException closedMeanwhile) {
            return;
        }
        count(last, nowNs);
    }

    private void count(Buffer chunk, long nowNs) {
        bytes += chunk.length();
        sent.add(chunk.length());
        lastWriteNs = nowNs;
    }

    private static Buffer buffer(List<ByteBuf> parts) {
        if (parts.isEmpty()) {
            return Buffer.buffer();
        }
        return BufferInternal.buffer(parts.size() == 1 ? parts.get(0)
                : Unpooled.wrappedBuffer(parts.size(), parts.toArray(new ByteBuf[0])));
    }
}
