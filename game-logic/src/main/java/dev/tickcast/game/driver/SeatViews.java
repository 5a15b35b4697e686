package dev.tickcast.game.driver;

import dev.tickcast.game.rewind.LagCompensator;
import dev.tickcast.game.rewind.RewoundWorld;
import dev.tickcast.game.rewind.SentSnapshots;

import java.util.Arrays;

/**
 * The driver's side of lag compensation: each seat's latency as the host last told it, the host's
 * history (ring and what it sent each seat), and the message being handled, whose view is judged
 * lazily, at most once, when the game asks for it.
 */
final class SeatViews {
    private final int[] rttMs;
    private final int[] viewDelayMs;
    private LagCompensator lag;
    private SentSnapshots sent;
    private int seat = -1;
    private int view;
    private RewoundWorld world;

    SeatViews(int seats) {
        rttMs = new int[seats];
        viewDelayMs = new int[seats];
        Arrays.fill(rttMs, -1);
    }

    void history(LagCompensator compensator) {
        lag = compensator;
        sent = compensator.sent();
    }

    void latency(int s, int rtt, int delay) {
        rttMs[s] = rtt;
        viewDelayMs[s] = delay;
    }

    int rttMs(int s) {
        return rttMs[s];
    }

    int viewDelayMs(int s) {
        return viewDelayMs[s];
    }

    /** A seat's record starts again: nothing sent on the new connection, latency unknown. */
    void newConnection(int s) {
        if (sent != null) {
            sent.reset(s);
        }
        rttMs[s] = -1;
        viewDelayMs[s] = 0;
    }

    /** The message of {@code s} stamped {@code stamp} is being handled. */
    void handling(int s, int stamp) {
        seat = s;
        view = stamp;
        world = null;
    }

    void handled() {
        seat = -1;
        world = null;
    }

    /** The view of the message being handled, judged once per message; ISE for another player or outside one. */
    RewoundWorld rewound(int playerId, int tick) {
        if (seat < 0 || playerId != seat) {
            throw new IllegalStateException(seat < 0 ? "rewind(playerId) is for onInput and onMessage"
                    : "rewind(" + playerId + ") while handling player " + seat + "'s message");
        }
        if (world == null) {
            world = lag == null ? LagCompensator.nothing() : lag.rewind(playerId, view, tick, rttMs[playerId], viewDelayMs[playerId]);
        }
        return world;
    }
}
