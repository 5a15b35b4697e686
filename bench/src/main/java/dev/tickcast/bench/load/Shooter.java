package dev.tickcast.bench.load;

import dev.tickcast.client.Interpolator;
import dev.tickcast.games.arena.ArenaSchemas;
import dev.tickcast.state.Snapshot;
import dev.tickcast.wire.Protocol;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bot that plays with latency and shoots (issue 21): it keeps its own {@link Interpolator} fed with
 * every decoded state (arrival on the local monotonic clock), stamps its inputs and shots with what
 * that interpolator draws and declares its delay in a PING every second; every two seconds it fires
 * Arena-Wide's weapon (docs/PROTOCOL.md 11) at the nearest other player of its interpolated view, aimed
 * where the interpolator draws that player now, at the same instant as the stamp. The answers go to
 * a shared {@link ShotStats}. Confined to the bot's event loop.
 */
final class Shooter implements Visibility.StateListener {
    /** GAME_SEND type of a shot and GAME_MESSAGE type of its answer (arena-wide's Weapon). */
    static final int SHOOT = 1;
    /** Between two shots of one bot. */
    static final int SHOT_EVERY_MS = 2000;
    private static final int GAME_MESSAGE = Protocol.typeByte(Protocol.GAME_MESSAGE);

    private final Interpolator interpolator;
    private final ShotStats stats;
    private final Metrics metrics;
    private final boolean rewind;
    private final long phaseMs;
    private final Visibility.StateListener also;
    /** Whether each shot in flight was fired in the window (answers come back in order). */
    private final ArrayDeque<Boolean> inFlight = new ArrayDeque<>();
    private LeanBot bot;
    private ScheduledFuture<?> timer;
    private int self = -1;
    private long seconds;

    /**
     * A shooter with snapshots every {@code snapshotEveryTicks} of 60 Hz ticks, that asks for a rewind
     * if {@code rewind}, starts its one-second beat {@code phaseMs} after it opens, counts into
     * {@code stats} while {@code metrics} measure, and hands each state on to {@code also} (or null).
     */
    Shooter(int snapshotEveryTicks, ShotStats stats, Metrics metrics, boolean rewind, long phaseMs,
            Visibility.StateListener also) {
        this.interpolator = new Interpolator(60, snapshotEveryTicks);
        this.stats = stats;
        this.metrics = metrics;
        this.rewind = rewind;
        this.phaseMs = phaseMs;
        this.also = also;
    }

    @Override
    public void shown(Snapshot state, int entityId) {
        self = entityId;
        interpolator.push(state, nowMs());
        if (also != null) {
            also.shown(state, entityId);
        }
    }

    private static double nowMs() {
        return System.nanoTime() / 1e6;
    }

    /** The bot's socket is open: its sends carry this interpolator's view; the beat starts. */
    void start(LeanBot owner, EventLoop loop) {
        this.bot = owner;
        owner.viewSource(() -> interpolator.stamp(nowMs()));
        timer = loop.scheduleAtFixedRate(this::beat, phaseMs, 1000, TimeUnit.MILLISECONDS);
    }

    /** Stops shooting (the bot leaves). */
    void stop() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void beat() {
        bot.sendPing((int) (System.currentTimeMillis() & 0x7FFFFFFF), (int) Math.round(interpolator.delayMs()));
        if (++seconds % (SHOT_EVERY_MS / 1000) == 0) {
            fire();
        }
    }

    /** Fires at the nearest other player drawn now, if any. */
    void fire() {
        double now = nowMs();
        List<Interpolator.Entity> players = interpolator.entities(ArenaSchemas.PLAYER.name(), now);
        Interpolator.Entity me = null;
        for (Interpolator.Entity e : players) {
            if (e.id() == self) {
                me = e;
            }
        }
        Interpolator.Entity target = null;
        double best = Double.MAX_VALUE;
        for (Interpolator.Entity e : players) {
            double d = me == null ? 0 : dist2(e, me);
            if (e.id() != self && d < best) {
                best = d;
                target = e;
            }
        }
        boolean counted = metrics.measuring;
        if (target == null) {
            if (counted) {
                stats.noTarget.increment();
            }
            return;
        }
        int stamp = interpolator.stamp(now);
        ByteArrayOutputStream payload = new ByteArrayOutputStream(12);
        zigzag(payload, (int) Math.round(target.get(ArenaSchemas.PLAYER_X) * 16));
        zigzag(payload, (int) Math.round(target.get(ArenaSchemas.PLAYER_Y) * 16));
        payload.write(rewind ? 1 : 0);
        bot.sendGame(SHOOT, stamp, payload.toByteArray());
        inFlight.addLast(counted);
        if (counted) {
            stats.shots.increment();
        }
    }

    private static double dist2(Interpolator.Entity a, Interpolator.Entity b) {
        double dx = a.get(ArenaSchemas.PLAYER_X) - b.get(ArenaSchemas.PLAYER_X);
        double dy = a.get(ArenaSchemas.PLAYER_Y) - b.get(ArenaSchemas.PLAYER_Y);
        return dx * dx + dy * dy;
    }

    /** A server message at {@code start} of {@code in}: the answer to a shot if it is one. */
    void message(ByteBuf in, int start, int length) {
        int end = start + length;
        if (length < 6 || in.getUnsignedByte(start) != GAME_MESSAGE || in.getUnsignedByte(start + 1) != SHOOT) {
            return;
        }
        Boolean counted = inFlight.pollFirst();
        if (counted == null || !counted) {
            return;
        }
        long ns = 0;
        int shift = 0;
        for (int i = start + 5; i < end && shift < 64; i++, shift += 7) {
            int b = in.getUnsignedByte(i);
            ns |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        stats.answer(in.getUnsignedByte(start + 2) == 1, in.getUnsignedByte(start + 3) == 1, in.getUnsignedByte(start + 4), ns);
    }

    private static void zigzag(ByteArrayOutputStream out, int value) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }
}
