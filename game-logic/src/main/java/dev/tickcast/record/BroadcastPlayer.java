package dev.tickcast.record;

import dev.tickcast.delta.DeltaDecoder;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;

import java.util.List;
import java.util.function.Consumer;

/**
 * Plays a delayed broadcast (docs/PROTOCOL.md, "Delayed broadcast"): from one fragment's keyframe
 * ({@code /{n}/full}), then that fragment's and each next fragment's delta form ({@code /{n}/delta}),
 * in order. Hands every state decoded to a consumer (the same Snapshot object, overwritten by the
 * next: copy what is kept). The first SNAPSHOT entry of the starting fragment (the rolling-on delta
 * for its start tick) is skipped. Not thread-safe.
 */
public final class BroadcastPlayer {
    private final DeltaDecoder decoder = new DeltaDecoder();
    private final Consumer<Snapshot> states;
    private Snapshot current;
    private Snapshot previous;
    private Snapshot spare;
    private int next = -1;
    private String error;

    /** A player of a broadcast whose head is {@code head}, handing each state to {@code states}. */
    public BroadcastPlayer(RecordingHead head, Consumer<Snapshot> states) {
        List<Schema> schemas = head.schemas();
        if (schemas == null) {
            throw new IllegalArgumentException("the head's schema cannot be read");
        }
        this.states = states;
        current = new Snapshot(schemas);
        previous = new Snapshot(schemas);
        spare = new Snapshot(schemas);
    }

    /** Starts at fragment {@code number}, whose keyframe is {@code full[offset, offset + length)}; false if malformed. */
    public boolean start(int number, byte[] full, int offset, int length) {
        error = null;
        current.clear();
        current.tick(Snapshot.NO_TICK);
        previous.clear();
        previous.tick(Snapshot.NO_TICK);
        if (!decode(full, offset, length, false)) {
            return false;
        }
        next = number;
        return true;
    }

    /**
     * Plays the next fragment's block ({@code /{n}/delta}: a FRAGMENT block, with or without a keyframe); false
     * (see {@link #error()}) if it is not the fragment due, is malformed, or names a state not held.
     */
    public boolean append(byte[] block) {
        if (next < 0 || error != null) {
            error = error == null ? "not started" : error;
            return false;
        }
        FragmentBody body;
        try {
            Fragments.number(block);
            body = FragmentBody.parse(block, Blocks.HEADER_BYTES, Blocks.bodyLength(block, 0));
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
            return false;
        }
        if (body.number != next) {
            error = "fragment " + body.number + " where " + next + " was due";
            return false;
        }
        int startTick = current.tick();
        boolean[] ok = {true};
        int last = body.walk(new EntryVisitor() {
            @Override
            public void snapshot(int tick, byte[] data, int offset, int length) {
                if (ok[0] && tick > startTick) {
                    ok[0] = decode(data, offset, length, true);
                }
            }
        });
        if (ok[0] && last < 0) {
            error = "malformed entries in fragment " + body.number;
        }
        next++;
        return ok[0] && last >= 0;
    }

    /** The number of the fragment {@link #append} expects next (-1 before {@link #start}). */
    public int next() {
        return next;
    }

    /** The last state decoded (tick {@link Snapshot#NO_TICK} before any). */
    public Snapshot state() {
        return current;
    }

    /** Why the last call failed, or null. */
    public String error() {
        return error;
    }

    private boolean decode(byte[] data, int offset, int length, boolean delta) {
        int r = decoder.readHeader(data, offset, length);
        if (r == DeltaDecoder.OK) {
            Snapshot base = delta && current.tick() != Snapshot.NO_TICK ? current : null;
            Snapshot pred = delta && previous.tick() != Snapshot.NO_TICK ? previous : null;
            r = decoder.decodeBody(base, pred, spare);
        }
        if (r != DeltaDecoder.OK) {
            error = "a snapshot of fragment " + next + (r == DeltaDecoder.WRONG_BASE ? " needs a state not held" : " is malformed");
            return false;
        }
        Snapshot decoded = spare;
        spare = previous;
        previous = current;
        current = decoded;
        if (!delta) {
            previous.clear();
            previous.tick(Snapshot.NO_TICK);
        }
        states.accept(current);
        return true;
    }
}
