package dev.tickcast.server.internal.broadcast;

import dev.tickcast.record.Fragments;
import dev.tickcast.record.RecordingHead;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * One room's delayed broadcast (docs/PROTOCOL.md, "Delayed broadcast"): the fragments its recorder
 * finished, each published {@link #delayMs()} after it was finished (C(n) + D), held while published less than
 * {@link #RETAIN_MS} ago or among the newest {@link #RETAIN_FRAGMENTS} published, then gone (410). Publishing is
 * a matter of the clock: what a request sees is computed from the held list and the time, so no timer runs. The
 * recorder's calls ({@link #start}, {@link #fragment}, {@link #end}) come from the room's thread and replace an
 * immutable state; the HTTP event loops read it (volatile).
 */
public final class Broadcast {
    /** How long a published fragment is held at least. */
    public static final long RETAIN_MS = 60_000;
    /** How many published fragments are held at least. */
    public static final int RETAIN_FRAGMENTS = 3;
    /** How long an ended broadcast stays after its last fragment is published. */
    public static final long LINGER_MS = 60_000;

    /**
     * One fragment as the recorder finished it.
     *
     * @param number     its number
     * @param startTick  its start tick
     * @param lastTick   its last entry's tick
     * @param finishedAt when the recorder finished it (C(n)), in ms of the broadcasts' clock
     * @param block      the recorder's FRAGMENT block, with its keyframe
     * @param full       {offset, length} of the keyframe in {@code block}
     * @param delta      the block without its keyframe (flags bit 0 clear)
     */
    public record Fragment(int number, int startTick, int lastTick, long finishedAt, byte[] block, int[] full,
                           byte[] delta) {
    }

    /** A fragment request's answer: 200 with the fragment, 404 (not yet published) or 410 (no longer held). */
    public record Lookup(int status, Fragment fragment) {
    }

    private record State(List<Fragment> held, boolean closed) {
    }

    private final String id;
    private final String roomId;
    private final int delayMs;
    private final Broadcasts owner;
    private volatile RecordingHead head;
    private volatile byte[] headBlock;
    private volatile State state = new State(List.of(), false);
    private volatile boolean listed;

    Broadcast(String id, String roomId, int delayMs, Broadcasts owner) {
        this.id = id;
        this.roomId = roomId;
        this.delayMs = delayMs;
        this.owner = owner;
    }

    /** The broadcast id (bid). */
    public String id() {
        return id;
    }

    /** The room's id. */
    public String roomId() {
        return roomId;
    }

    /** The delay D, in ms. */
    public int delayMs() {
        return delayMs;
    }

    /** True once told the room is listed (public): its objects need no signature. Private until then. */
    public boolean listed() {
        return listed;
    }

    /** Whether the room is listed (any thread). */
    public void listed(boolean on) {
        listed = on;
    }

    /** The path of the sync object, unsigned: {@code /broadcasts/{bid}/sync}. */
    public String syncPath() {
        return "/broadcasts/" + id + "/sync";
    }

    /** The sync path as the room's viewers need it: signed (for {@code --broadcast-link-seconds}) if private. */
    public String link() {
        return owner.link(this);
    }

    /** The HEAD block, as in the archive (null before the first fragment). */
    public byte[] headBlock() {
        return headBlock;
    }

    /** The recording begins with {@code recordingHead} (the room's thread). */
    public void start(RecordingHead recordingHead) {
        headBlock = recordingHead.toBlock();
        head = recordingHead;
    }

    /** The recorder finished fragment {@code block} (with its keyframe) now (the room's thread). */
    public void fragment(byte[] block) {
        State s = state;
        if (s.closed || head == null) {
            return;
        }
        long now = owner.nowMs();
        Fragment f = new Fragment(Fragments.number(block), Fragments.startTick(block), Fragments.lastTick(block), now,
                block, Fragments.full(block), Fragments.withoutFull(block));
        List<Fragment> held = new ArrayList<>(s.held.size() + 1);
        held.addAll(s.held.subList(oldestIndex(s.held, now), s.held.size()));
        held.add(f);
        state = new State(List.copyOf(held), false);
    }

    /** The room is disposed: no more fragments (the room's thread; again is harmless). */
    public void end() {
        State s = state;
        if (!s.closed) {
            state = new State(s.held, true);
        }
    }

    /** True once the broadcast may be forgotten: ended {@link #LINGER_MS} ago (or closed with nothing). */
    boolean expired(long now) {
        State s = state;
        if (!s.closed) {
            return false;
        }
        return s.held.isEmpty() || now >= s.held.get(s.held.size() - 1).finishedAt() + delayMs + LINGER_MS;
    }

    /** Fragment {@code n} at {@code now}. */
    public Lookup lookup(int n, long now) {
        List<Fragment> held = state.held;
        int newest = newestPublished(held, now);
        if (newest < 0 || n > held.get(newest).number()) {
            return new Lookup(404, null);
        }
        int oldest = oldestIndex(held, now);
        int i = n - held.get(0).number();
        if (i < oldest) {
            return new Lookup(410, null);
        }
        return new Lookup(200, held.get(i));
    }

    /** The sync object at {@code now} (docs/PROTOCOL.md 15), or null while nothing is published. */
    public JsonObject sync(long now) {
        State s = state;
        RecordingHead h = head;
        int newest = newestPublished(s.held, now);
        if (newest < 0 || h == null) {
            return null;
        }
        Fragment f = s.held.get(newest);
        boolean ended = s.closed && newest == s.held.size() - 1;
        int endTick = ended ? f.lastTick() + h.snapshotEveryTicks() : f.startTick() + h.fragmentTicks();
        return new JsonObject().put("protocolVersion", h.protocolVersion()).put("formatVersion", h.formatVersion())
                .put("game", h.game()).put("room", h.roomId()).put("tickHz", h.tickHz())
                .put("snapshotEveryTicks", h.snapshotEveryTicks()).put("fragmentTicks", h.fragmentTicks())
                .put("delayMs", delayMs).put("fragment", f.number()).put("startTick", f.startTick())
                .put("endTick", endTick).put("endAgeMs", now - f.finishedAt())
                .put("oldest", s.held.get(oldestIndex(s.held, now)).number()).put("ended", ended);
    }

    /** The index of the newest fragment published at {@code now}, or -1. */
    private int newestPublished(List<Fragment> held, long now) {
        for (int i = held.size() - 1; i >= 0; i--) {
            if (held.get(i).finishedAt() + delayMs <= now) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the oldest fragment still held at {@code now}: the ones before it are gone (a prefix). */
    private int oldestIndex(List<Fragment> held, long now) {
        int newest = newestPublished(held, now);
        int i = 0;
        while (i <= newest - RETAIN_FRAGMENTS && now - (held.get(i).finishedAt() + delayMs) >= RETAIN_MS) {
            i++;
        }
        return i;
    }
}
