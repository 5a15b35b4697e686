package dev.tickcast.server.internal.transport.http;

import com.esotericsoftware.kryo.Kryo;
import dev.tickcast.server.internal.metrics.ServerMetrics;
import dev.tickcast.server.internal.session.SeatClaims;
import dev.tickcast.server.internal.session.SessionLimits;
import dev.tickcast.server.internal.transport.HandshakeGuard;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;

import java.security.SecureRandom;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The HTTP sessions of this process, shared by every event loop: live sessions by id, and the
 * sessions closed in the last {@link HttpCarrierSettings#tombstoneMs} as tombstones that still
 * answer their CLOSE record, then forgotten by {@link #sweep} (nothing grows with the sessions
 * opened and closed). Ids are 128 bits of {@link SecureRandom}, as 32 lowercase hexadecimal digits.
 * Thread-safe.
 */
public final class HttpSessions {
    /** What a closed session still answers, and since when. */
    record Tombstone(byte[] body, long closedAtNs) {
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Map<String, HttpSession> live = new ConcurrentHashMap<>();
    private final Map<String, Tombstone> closed = new ConcurrentHashMap<>();
    private final Map<Context, HttpLoop> loops = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final SeatClaims seats;
    private final SessionLimits limits;
    private final HttpCarrierSettings settings;
    private final HandshakeGuard guard;
    private final ServerMetrics metrics;
    private final LongSupplier nanoClock;

    /**
     * The sessions of a server whose JOINs claim seats from {@code seats}, under {@code limits} and
     * {@code settings}; {@code guard} holds the connection caps they share with WebSockets.
     */
    public HttpSessions(SeatClaims seats, SessionLimits limits, HttpCarrierSettings settings, HandshakeGuard guard,
                        ServerMetrics metrics, LongSupplier nanoClock) {
        this.seats = seats;
        this.limits = limits;
        this.settings = settings;
        this.guard = guard;
        this.metrics = metrics;
        this.nanoClock = nanoClock;
    }

    /** Makes {@code context} (an event loop's, with its {@code kryo}) a home for sessions; its server verticle keeps it. */
    public HttpLoop addLoop(Context context, Kryo kryo) {
        HttpLoop loop = new HttpLoop(context, kryo);
        loops.put(context, loop);
        return loop;
    }

    /** The home of the loop that runs {@code context} (a request's, possibly duplicated), or null. */
    HttpLoop loop(Context context) {
        if (context == null) {
            return null;
        }
        return loops.get(((ContextInternal) context).unwrap());
    }

    /** A new session of the client {@code address} (whose connection slot is taken) at home on {@code loop}. */
    HttpSession open(String address, HttpLoop loop) {
        while (true) {
            String id = newId();
            if (live.containsKey(id) || closed.containsKey(id)) {
                continue; // 2^-128: never, but an id is never given twice
            }
            HttpSession s = new HttpSession(id, address, loop, this);
            live.put(id, s);
            loop.add(s);
            return s;
        }
    }

    /** The live session {@code id}, or null. */
    HttpSession live(String id) {
        return live.get(id);
    }

    /** The tombstone of the closed session {@code id}, or null. */
    Tombstone closed(String id) {
        return closed.get(id);
    }

    /** {@code s} ended: it answers {@code closeBody} (a SEQ and its CLOSE record) until the sweep forgets it. */
    void ended(HttpSession s, byte[] closeBody) {
        closed.put(s.id(), new Tombstone(closeBody, nanoClock.getAsLong()));
        live.remove(s.id(), s);
    }

    /** Forgets the tombstones older than the tombstone period. */
    public void sweep(long nowNs) {
        long keepNs = settings.tombstoneMs() * 1_000_000L;
        Iterator<Tombstone> it = closed.values().iterator();
        while (it.hasNext()) {
            if (nowNs - it.next().closedAtNs() > keepNs) {
                it.remove();
            }
        }
    }

    /** Live sessions. */
    public int liveCount() {
        return live.size();
    }

    /** Closed sessions still remembered. */
    public int tombstoneCount() {
        return closed.size();
    }

    SeatClaims seats() {
        return seats;
    }

    SessionLimits limits() {
        return limits;
    }

    HttpCarrierSettings settings() {
        return settings;
    }

    HandshakeGuard guard() {
        return guard;
    }

    ServerMetrics metrics() {
        return metrics;
    }

    LongSupplier clock() {
        return nanoClock;
    }

    private String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        char[] out = new char[32];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }
}
