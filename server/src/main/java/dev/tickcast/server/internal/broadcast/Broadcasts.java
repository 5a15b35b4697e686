package dev.tickcast.server.internal.broadcast;

import dev.tickcast.game.GameSpec;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The node's broadcasts by id. A recording room opens one ({@link #open}); an ended broadcast is
 * forgotten {@link Broadcast#LINGER_MS} after its last fragment is published: at the next
 * {@link #sweep} (each {@link #open}, and the engine's timer) or when a request finds it so. Any thread.
 */
public final class Broadcasts {
    private final Map<String, Broadcast> byId = new ConcurrentHashMap<>();
    private final LongSupplier clockMs;
    private final int defaultDelayMs;
    private final LinkSigner signer;
    private final long linkSeconds;

    /**
     * Broadcasts timed by {@code clockMs} (wall ms, e.g. System::currentTimeMillis), delayed {@code defaultDelayMs}
     * unless the game's spec says otherwise, signing private rooms' links with {@code signer} for {@code linkSeconds}.
     */
    public Broadcasts(LongSupplier clockMs, int defaultDelayMs, LinkSigner signer, long linkSeconds) {
        this.clockMs = clockMs;
        this.defaultDelayMs = defaultDelayMs;
        this.signer = signer;
        this.linkSeconds = linkSeconds;
    }

    /** A new broadcast of room {@code roomId} of {@code spec}, or null if the spec says its rooms do not broadcast. */
    public Broadcast open(String roomId, GameSpec spec) {
        int delay = spec.broadcastDelayMs() == GameSpec.OPERATOR_DELAY ? defaultDelayMs : spec.broadcastDelayMs();
        if (delay < 0) {
            return null;
        }
        sweep();
        Broadcast b = new Broadcast(BroadcastIds.next(), roomId, delay, this);
        byId.put(b.id(), b);
        return b;
    }

    /** The broadcast {@code id} (checked first), or null if unknown or dropped. */
    public Broadcast find(String id) {
        if (!BroadcastIds.valid(id)) {
            return null;
        }
        Broadcast b = byId.get(id);
        if (b != null && b.expired(nowMs())) {
            byId.remove(id, b);
            return null;
        }
        return b;
    }

    /** Forgets every broadcast that ended long enough ago. */
    public void sweep() {
        long now = nowMs();
        byId.values().removeIf(b -> b.expired(now));
    }

    /** How many broadcasts are held. */
    public int size() {
        return byId.size();
    }

    /** The signer of private rooms' links. */
    public LinkSigner signer() {
        return signer;
    }

    /** The time now, in ms of the broadcasts' clock. */
    public long nowMs() {
        return clockMs.getAsLong();
    }

    /** {@code b}'s sync path, signed until now + the link TTL if its room is private. */
    String link(Broadcast b) {
        if (b.listed()) {
            return b.syncPath();
        }
        return b.syncPath() + "?" + signer.query(b.id(), Math.floorDiv(nowMs(), 1000) + linkSeconds);
    }
}
