package dev.tickcast.server.internal.room;

import dev.tickcast.game.GameSpec;
import dev.tickcast.record.FragmentBuilder;
import dev.tickcast.record.RecordingHead;
import dev.tickcast.server.internal.broadcast.Broadcast;
import dev.tickcast.server.internal.record.ArchiveSink;
import dev.tickcast.server.internal.record.Recordings;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.SnapshotRing;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * The recorder: a recording room's virtual spectator (docs/PROTOCOL.md, "Recordings"). At each
 * broadcast it takes the whole-world SNAPSHOT an up-to-date spectator gets, from the broadcast's
 * shared encodes, and cuts the match into fragments of a whole number of broadcasts, each with its
 * own keyframe: a fragment costs one encode beyond the spectators', its keyframe. Its second
 * snapshot is a delta from the keyframe without a predictor (which a viewer that starts at the
 * keyframe can decode): the Broadcaster gives the up-to-date spectators that same delta
 * ({@link #unpredictedBase}), so it is their shared encode. Chat lines, game messages to everyone,
 * joins, leaves and the game's marks go in as entries by tick. Finished fragments go to an {@link ArchiveSink}, which writes them off
 * the event loop. In a room that does not record every call does nothing. The room's thread only.
 */
final class RoomRecorder {
    private final ArchiveSink sink;
    private final Broadcast cast; // the delayed broadcast fed the same fragments (null: none)
    private final GameSpec spec;
    private final String roomId;
    private final IntSupplier tick;
    private final int fragmentBroadcasts;
    private final FragmentBuilder builder = new FragmentBuilder();
    // entries made before the first fragment (the first joins): put in it at its start tick
    private List<IntConsumer> early = new ArrayList<>(2);
    private byte[] schema;
    private int number = -1;
    private int inFragment;
    private int lastTick = Snapshot.NO_TICK;
    private int prevTick = Snapshot.NO_TICK;
    private boolean on;
    private Future<Void> finished;

    /** The recorder of room {@code roomId} of {@code spec} at {@code tick}: on if {@code recordings} records it. */
    RoomRecorder(Recordings recordings, String roomId, GameSpec spec, IntSupplier tick) {
        this.on = recordings.records(spec);
        this.sink = on ? recordings.open(roomId) : null;
        this.cast = on ? recordings.broadcast(roomId, spec) : null;
        this.spec = spec;
        this.roomId = roomId;
        this.tick = tick;
        this.fragmentBroadcasts = Math.max(1, (int) Math.round(recordings.fragmentSeconds() * spec.snapshotHz()));
        this.finished = Future.succeededFuture();
    }

    /** True while recording. */
    boolean on() {
        return on;
    }

    /** The archive's writer (null in a room that does not record). */
    ArchiveSink sink() {
        return sink;
    }

    /** The room's delayed broadcast (null if it has none; any thread). */
    Broadcast cast() {
        return cast;
    }

    /** The room's SCHEMA message exactly as it sends it (known once the game is made). */
    void schema(Buffer frame) {
        schema = frame.getBytes();
    }

    /** The broadcast of {@code now} has served the spectators: take its bytes from {@code stage}'s shared encodes. */
    void broadcast(Snapshot now, SnapshotRing ring, Broadcaster stage) {
        if (!on || stopped()) {
            return;
        }
        int t = now.tick();
        Snapshot base = ring.find(lastTick);
        if (number < 0 || inFragment == fragmentBroadcasts) {
            begin(t, stage.encodedFor(now, null, null));
            // the spectator's delta for the start tick, for a reader rolling on from the fragment before (a
            // reader starting here skips it); in the first fragment it is the keyframe again (no encode)
            snapshot(t, stage.encodedFor(now, base, base == null ? null : predictor(now, base, ring)));
        } else if (inFragment == 1) { // from the keyframe, without a predictor: decodable from it alone
            snapshot(t, stage.encodedFor(now, base, null));
        } else {
            snapshot(t, stage.encodedFor(now, base, predictor(now, base, ring)));
        }
        inFragment++;
        prevTick = base == null ? Snapshot.NO_TICK : base.tick();
        lastTick = t;
    }

    /**
     * The baseline tick whose whole-world deltas must name no predictor at the coming broadcast: the
     * keyframe of the fragment that broadcast continues (its second snapshot), else {@link Snapshot#NO_TICK}.
     */
    int unpredictedBase() {
        return on && number >= 0 && inFragment == 1 && fragmentBroadcasts > 1 ? lastTick : Snapshot.NO_TICK;
    }

    /** The Broadcaster's rule: the snapshot before the base predicts when the three are evenly spaced. */
    private Snapshot predictor(Snapshot now, Snapshot base, SnapshotRing ring) {
        return now.tick() - base.tick() == base.tick() - prevTick ? ring.find(prevTick) : null;
    }

    private void begin(int t, Buffer keyframe) {
        if (number < 0) {
            RecordingHead head = RecordingHead.of(spec.name(), roomId, System.currentTimeMillis(), spec.tickHz(),
                    spec.snapshotEveryTicks(), fragmentBroadcasts * spec.snapshotEveryTicks(), schema);
            sink.start(head);
            if (cast != null) {
                cast.start(head);
            }
        } else {
            append(builder.finish());
        }
        number++;
        inFragment = 0;
        int n = number;
        bytes(keyframe, (a, off, len) -> builder.begin(n, t, a, off, len));
        if (early != null) {
            early.forEach(e -> e.accept(t));
            early = null;
        }
    }

    private void snapshot(int t, Buffer message) {
        bytes(message, (a, off, len) -> builder.snapshot(t, a, off, len));
    }

    /** Bytes {@code a[off, off + len)}. */
    @FunctionalInterface
    private interface Bytes {
        void take(byte[] a, int off, int len);
    }

    /** Hands {@code buffer}'s bytes to {@code to}: its own array when it has one (a Buffer made by the room), else a copy. */
    private static void bytes(Buffer buffer, Bytes to) {
        ByteBuf b = ((BufferInternal) buffer).getByteBuf();
        if (b.hasArray()) {
            to.take(b.array(), b.arrayOffset() + b.readerIndex(), b.readableBytes());
        } else {
            byte[] copy = buffer.getBytes();
            to.take(copy, 0, copy.length);
        }
    }

    /** A chat line sent to every player (a CHAT frame). */
    void chat(Buffer frame) {
        if (on) {
            byte[] bytes = frame.getBytes();
            entry(t -> builder.chat(t, bytes, 0, bytes.length));
        }
    }

    /** A GAME_MESSAGE frame the game sent to every player, {@code frame[0, length)} (the driver's: kept only in this call). */
    void gameMessage(byte[] frame, int length) {
        if (!on || stopped()) {
            return;
        }
        if (number >= 0) {
            builder.gameMessage(now(), frame, 0, length);
        } else {
            byte[] bytes = java.util.Arrays.copyOf(frame, length);
            early.add(t -> builder.gameMessage(t, bytes, 0, length));
        }
    }

    /** Player {@code playerId} took a seat. */
    void join(int playerId, String name) {
        if (on) {
            entry(t -> builder.join(t, playerId, name));
        }
    }

    /** Player {@code playerId} left its seat. */
    void leave(int playerId) {
        if (on) {
            entry(t -> builder.leave(t, playerId));
        }
    }

    /** The game marked this moment. */
    void mark(String text) {
        if (on) {
            entry(t -> builder.mark(t, text));
        }
    }

    /** An entry at the current tick (at the first fragment's start if none is open yet). */
    private void entry(IntConsumer add) {
        if (stopped()) {
            return;
        }
        if (number < 0) {
            early.add(add);
        } else {
            add.accept(now());
        }
    }

    /** The tick of an entry now (never before the last snapshot's). */
    private int now() {
        return Math.max(tick.getAsInt(), lastTick);
    }

    /** The room is disposed: the last fragment, then the index and trailer; the future ends when the file is done. */
    Future<Void> close() {
        if (on && !stopped() && number >= 0) {
            append(builder.finish());
            finished = sink.finish();
        }
        if (cast != null) {
            cast.end();
        }
        on = false;
        return finished;
    }

    /** A finished fragment (with its keyframe) to the archive and the delayed broadcast. */
    private void append(byte[] fragment) {
        sink.append(fragment);
        if (cast != null) {
            cast.fragment(fragment);
        }
    }

    /** Ends when the archive is finished (or given up after a failure); at once while recording or if it never did. */
    Future<Void> finished() {
        return finished;
    }

    /** True once the sink failed: the recorder then stops (the room goes on). */
    private boolean stopped() {
        if (on && sink.failed()) {
            on = false;
        }
        return !on;
    }
}
