package dev.tickcast.game.rewind;

import dev.tickcast.state.Snapshot;
import dev.tickcast.state.SnapshotRing;

/**
 * Judges a message's view stamp (docs/PROTOCOL.md, "How the server judges a view stamp") and shows
 * the view it earns in one reused {@link RewoundWorld}. With T the room's tick, D the declared
 * interpolation delay (capped), rtt the measured round trip (-1: unknown) and maxAge
 * {@link LagCompensation#maxAgeMs}:
 * <ol>
 * <li>no view: NO_VIEW, the fallback view;</li>
 * <li>a, the newest tick at or before T with the stamp's low part, never sent to that seat on this
 *     connection (or no longer in the ring): REFUSED, the fallback;</li>
 * <li>b, the next tick sent to that seat after a; none: the fraction q must be 0 (b = a), else REFUSED;</li>
 * <li>render = a + (b - a) * q / 32; age = (T - render) in ms;</li>
 * <li>rtt known and |age - (rtt + D)| over the agreement margin: DISAGREES, the fallback;</li>
 * <li>age over maxAge: TOO_OLD, the view maxAge ago;</li>
 * <li>else EXACT: the stamped view.</li>
 * </ol>
 * The fallback is the view {@code min(maxAge, max(rtt, 0) + D)} ago. A view at a time is bracketed by
 * the snapshots sent to that seat (later than the newest sent: the newest; earlier than the oldest
 * still held: that one); nothing sent yet: a view of nothing. So no view is ever older than maxAge.
 * Pure: no clock, no I/O, no allocation; one thread (the room's).
 */
public final class LagCompensator {
    private static final RewoundWorld NOTHING = new RewoundWorld();
    private final double tickMs;
    private final LagCompensation limits;
    private final SnapshotRing ring;
    private final SentSnapshots sent;
    private final CellHistory cells;
    private final RewoundWorld view = new RewoundWorld();
    private final long[] judged = new long[ViewReason.values().length];

    /**
     * Judges stamps against {@code ring} (the room's snapshots, one per broadcast) and {@code sent}
     * (what each seat was sent), at {@code tickHz}, within {@code limits}; {@code cells} is the
     * room's cell history if it has interest management (only what a seat was sent is then in its
     * view), else null.
     */
    public LagCompensator(int tickHz, LagCompensation limits, SnapshotRing ring, SentSnapshots sent, CellHistory cells) {
        if (tickHz < 1) {
            throw new IllegalArgumentException("tickHz must be at least 1: " + tickHz);
        }
        this.tickMs = 1000.0 / tickHz;
        this.limits = limits;
        this.ring = ring;
        this.sent = sent;
        this.cells = cells;
    }

    /** A view of nothing (NO_VIEW, no rows): what a host that keeps no history shows. */
    public static RewoundWorld nothing() {
        return NOTHING;
    }

    /** The record of what each seat was sent, which the host keeps. */
    public SentSnapshots sent() {
        return sent;
    }

    /** The limits stamps are judged against. */
    public LagCompensation limits() {
        return limits;
    }

    /**
     * The view of the player in {@code seat} for a message stamped {@code view}, handled at tick
     * {@code now}, from a client whose measured round trip is {@code rttMs} (-1: unknown) and who
     * declared drawing {@code viewDelayMs} behind. The returned view is reused by the next call.
     */
    public RewoundWorld rewind(int seat, int view, int now, int rttMs, int viewDelayMs) {
        RewoundWorld world = judge(seat, view, now, rttMs, viewDelayMs);
        judged[world.reason().ordinal()]++;
        return world;
    }

    /** Stamps judged so far with {@code reason} (an operator's figure: many REFUSED or DISAGREES is worth a look). */
    public long judged(ViewReason reason) {
        return judged[reason.ordinal()];
    }

    private RewoundWorld judge(int seat, int view, int now, int rttMs, int viewDelayMs) {
        int delay = Math.min(Math.max(0, viewDelayMs), limits.maxInterpolationMs());
        int maxAge = limits.maxAgeMs(viewDelayMs);
        double nowMs = now * tickMs;
        double fallbackMs = nowMs - Math.min(maxAge, Math.max(rttMs, 0) + delay);
        if (view == ViewStamp.NONE) {
            return at(ViewReason.NO_VIEW, seat, fallbackMs, now);
        }
        int a = ViewStamp.valid(view) ? ViewStamp.resolve(view, now) : -1;
        long seqA = a < 0 ? -1 : ring.sequenceOf(a);
        if (seqA < 0 || !sent.wasSent(seat, seqA)) {
            return at(ViewReason.REFUSED, seat, fallbackMs, now);
        }
        int q = ViewStamp.fraction(view);
        long seqB = sent.next(seat, seqA);
        if (seqB < 0) {
            if (q != 0) { // a fraction of the way to a snapshot it was never sent
                return at(ViewReason.REFUSED, seat, fallbackMs, now);
            }
            seqB = seqA;
        }
        Snapshot sa = ring.at(seqA);
        Snapshot sb = ring.at(seqB);
        double render = a + (sb.tick() - a) * (double) q / ViewStamp.FRACTIONS;
        double age = (now - render) * tickMs;
        if (rttMs >= 0 && Math.abs(age - (rttMs + delay)) > limits.agreementMs()) {
            return at(ViewReason.DISAGREES, seat, fallbackMs, now);
        }
        if (age > maxAge) {
            return at(ViewReason.TOO_OLD, seat, nowMs - maxAge, now);
        }
        return show(ViewReason.EXACT, seat, sa, seqA, sb, seqB, (double) q / ViewStamp.FRACTIONS, age);
    }

    /** The view at server time {@code timeMs}, bracketed by the snapshots sent to {@code seat}. */
    private RewoundWorld at(ViewReason reason, int seat, double timeMs, int now) {
        double x = timeMs / tickMs;
        long oldest = ring.oldestSequence();
        long newest = sent.newest(seat);
        if (newest < oldest || newest < 0) { // nothing sent yet, or nothing sent still held
            view.set(reason, null, null, 0, 0);
            return view;
        }
        long ringAt = ring.atOrBefore((int) Math.floor(x));
        long seqA = ringAt < 0 ? -1 : sent.atOrBefore(seat, ringAt);
        if (seqA < oldest) { // earlier than every snapshot sent and still held: the oldest of those
            seqA = sent.wasSent(seat, oldest) ? oldest : sent.next(seat, oldest);
            Snapshot s = ring.at(seqA);
            return show(reason, seat, s, seqA, s, seqA, 0, (now - s.tick()) * tickMs);
        }
        Snapshot sa = ring.at(seqA);
        long seqB = sent.next(seat, seqA);
        if (seqB < 0) { // later than the newest sent: the newest
            return show(reason, seat, sa, seqA, sa, seqA, 0, (now - sa.tick()) * tickMs);
        }
        Snapshot sb = ring.at(seqB);
        double t = Math.min(1, Math.max(0, (x - sa.tick()) / (sb.tick() - sa.tick())));
        return show(reason, seat, sa, seqA, sb, seqB, t, now * tickMs - timeMs);
    }

    private RewoundWorld show(ViewReason reason, int seat, Snapshot a, long seqA, Snapshot b, long seqB, double t, double ageMs) {
        view.set(reason, a, b, t, (int) Math.round(ageMs));
        if (cells != null) {
            view.filter(cells, sent, seat, seqA, seqB);
        }
        return view;
    }
}
