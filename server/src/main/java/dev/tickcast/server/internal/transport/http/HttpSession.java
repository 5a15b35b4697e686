package dev.tickcast.server.internal.transport.http;

import dev.tickcast.server.internal.metrics.TransportMeters;
import dev.tickcast.server.internal.net.TokenBucket;
import dev.tickcast.server.internal.session.ClientSession;
import dev.tickcast.server.internal.transport.ConnectionLedger;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.Records;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * One HTTP session as the carrier of a {@link ClientSession} (docs/PROTOCOL.md 2.1), on its home
 * loop, the loop of its {@code open}: every request for it is handed over there after its body is
 * read, so the client session is only ever called on one thread, as a WebSocket's is. It keeps the
 * downstream records until they are acknowledged ({@link Outbox}), holds at most one {@code recv}
 * response ({@link Downstream}), reads upstream bodies ({@link Upstream}), and ends with a CLOSE
 * record that its tombstone answers for a while ({@link HttpSessions}).
 */
final class HttpSession implements Upstream.Sink {
    private final String id;
    private final String address;
    private final HttpLoop home;
    private final HttpSessions registry;
    private final HttpCarrierSettings settings;
    private final HttpLink link;
    private final Outbox outbox = new Outbox();
    private final Upstream upstream = new Upstream();
    private final Carriers carriers = new Carriers();
    private final TokenBucket requests;
    private final HttpTransport transport;
    private final ClientSession session;
    /** The response a {@code recv} holds; read by the room's thread through {@link #streamFull()}. */
    private volatile Downstream held;
    private TransportMeters meters;
    /** Bytes received before the first {@code recv} named the carrier. */
    private long unlabelledBytes;
    private boolean flushScheduled;
    private boolean ended;

    HttpSession(String id, String address, HttpLoop home, HttpSessions registry) {
        this.id = id;
        this.address = address;
        this.home = home;
        this.registry = registry;
        this.settings = registry.settings();
        this.link = new HttpLink(this, home.writer(), address);
        this.requests = new TokenBucket(settings.requestsPerSecond(), settings.requestBurst(), now());
        this.transport = new HttpTransport(link, this, registry.guard().violations(), address);
        this.session = new ClientSession(transport, registry.seats(), home.kryo(), registry.limits(), registry.clock());
    }

    String id() {
        return id;
    }

    HttpLoop home() {
        return home;
    }

    /** The messages of the {@code open} body, checked already, which came on {@code connection}. */
    void opened(byte[] body, ConnectionLedger.Entry connection) {
        carriers.carry(connection);
        received(body.length);
        upstream.read(body, this);
    }

    /**
     * {@code GET /http/recv}: the acknowledgement, then a response that takes the place of the one
     * held before (which ends with what it carried).
     */
    void recv(HttpServerResponse response, boolean stream, int ack, ConnectionLedger.Entry connection) {
        if (!request(connection)) {
            answerClosed(response, 200);
            return;
        }
        if (meters == null) {
            meters = registry.metrics().transport(stream ? TransportMeters.HTTP_STREAM : TransportMeters.HTTP_POLL);
            meters.opened();
            meters.received().add(unlabelledBytes);
        }
        outbox.ack(ack);
        long now = now();
        Downstream before = held;
        if (before != null) {
            before.end(null, outbox, now);
        }
        Downstream d = new Downstream(response, stream, settings, meters.sent(), now);
        response.closeHandler(v -> home.execute(() -> responseClosed(d)));
        held = d.begin(outbox, now) ? null : d;
        publish();
    }

    /** {@code POST /http/send}: the acknowledgement and an upstream body; answers 204, or 410 once the session ended. */
    void send(HttpServerResponse response, byte[] body, int ack, ConnectionLedger.Entry connection) {
        if (!request(connection)) {
            answerClosed(response, 410);
            return;
        }
        received(body.length);
        outbox.ack(ack);
        publish();
        int result = upstream.read(body, this);
        if (result == Records.TOO_BIG) {
            session.close(Protocol.CLOSE_TOO_BIG, "a MESSAGE record over " + Records.MAX_UPSTREAM_MESSAGE_BYTES + " bytes");
        } else if (result != Upstream.OK) {
            session.close(Protocol.CLOSE_INVALID_PAYLOAD, "malformed records");
        }
        if (ended && !link.closedByClient()) {
            answerClosed(response, 410);
        } else {
            response.setStatusCode(204).putHeader("Cache-Control", "no-store").end();
        }
    }

    /** Every request: the client was heard from, and it takes a token of the request bucket (4010 past it). */
    private boolean request(ConnectionLedger.Entry connection) {
        if (ended) {
            return false;
        }
        carriers.carry(connection);
        long now = now();
        session.onFrame(ClientSession.Frame.DATA);
        if (!requests.take(now)) {
            session.close(Protocol.CLOSE_RATE_LIMITED, "request rate limit");
        }
        return !ended;
    }

    @Override
    public void message(Buffer message) {
        session.onMessage(message);
    }

    @Override
    public void clientClose(int code, String reason) {
        link.clientClosed(code);
        finish(Records.close(code, reason));
    }

    @Override
    public boolean ended() {
        return ended;
    }

    /** A message from the room, on the home loop: kept until acknowledged, and written to the held response. */
    void enqueue(Buffer message) {
        if (ended) {
            return;
        }
        Outbox.Entry e = outbox.add(message);
        Downstream d = held;
        if (d != null && d.stream()) {
            if (d.offer(outbox, e, now())) {
                held = null;
            }
        } else if (d != null && !flushScheduled) {
            // a poll ends after the room's writes of this task, so WELCOME, SCHEMA and a SNAPSHOT travel together
            flushScheduled = true;
            home.execute(this::flushPoll);
        }
        if (outbox.bytes() > 4L * settings.writeQueueMaxBytes()) {
            link.close(Protocol.CLOSE_SLOW_CONSUMER, "too many bytes not acknowledged");
            return;
        }
        publish();
    }

    private void flushPoll() {
        flushScheduled = false;
        Downstream d = held;
        if (!ended && d != null && !d.stream() && !outbox.isEmpty()) {
            d.endPoll(outbox, now());
            held = null;
            publish();
        }
    }

    /** The join deadline, the idle timeout and the held response's timers. */
    void checkDeadlines(long nowNs) {
        session.checkDeadlines(nowNs);
        Downstream d = held;
        if (!ended && d != null && d.check(outbox, nowNs)) {
            held = null;
            publish();
        }
    }

    /** The session's keep-alive: a KEEPALIVE record on a held stream. */
    void ping() {
        session.ping();
    }

    /** The keep-alive of {@link HttpTransport#ping()}. */
    void keepAlive() {
        Downstream d = held;
        if (d != null && d.stream()) {
            d.keepAlive(outbox, now());
        }
    }

    /** Closes the session with {@code code} (the server's shutdown: 1001). */
    void close(short code, String reason) {
        session.close(code, reason);
    }

    /** True while the held stream's connection cannot take more; any thread. */
    boolean streamFull() {
        Downstream d = held;
        return d != null && d.queueFull();
    }

    /** The server closed the session ({@link HttpLink#close}), on the home loop. */
    void end(short code, String reason) {
        finish(Records.close(code, reason));
    }

    private void finish(byte[] closeRecord) {
        if (ended) {
            return;
        }
        ended = true;
        long now = now();
        Downstream d = held;
        held = null;
        if (d != null) {
            d.end(closeRecord, outbox, now);
        }
        byte[] seq = Records.seq(outbox.next());
        byte[] body = new byte[seq.length + closeRecord.length];
        System.arraycopy(seq, 0, body, 0, seq.length);
        System.arraycopy(closeRecord, 0, body, seq.length, closeRecord.length);
        outbox.clear();
        registry.ended(this, body);
        home.remove(this);
        carriers.releaseAll();
        registry.guard().closed(address);
        transport.logSuppressed();
        if (meters != null) {
            meters.closed();
        }
        int client = link.clientCloseCode();
        registry.metrics().connectionClosed(link.serverCloseCode(), client < 0 ? null : (short) client);
        home.execute(session::onClosed); // later, as a WebSocket's close handler: the room drops or releases the seat
    }

    /** An answer for a session that ended meanwhile: its CLOSE record after a SEQ, with {@code status}. */
    private void answerClosed(HttpServerResponse response, int status) {
        HttpSessions.Tombstone t = registry.closed(id);
        HttpAnswers.records(response, status, t == null ? null : t.body());
    }

    private void responseClosed(Downstream d) {
        if (held == d) {
            held = null;
            publish();
        }
    }

    /** Publishes to the room whether it may send a snapshot now. */
    private void publish() {
        link.backlogged(outbox.unwrittenSnapshots() > 0 || outbox.bytes() >= settings.writeQueueMaxBytes());
    }

    private void received(int bytes) {
        if (meters == null) {
            unlabelledBytes += bytes;
        } else {
            meters.received().add(bytes);
        }
    }

    private long now() {
        return registry.clock().getAsLong();
    }
}
