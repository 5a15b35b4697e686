package dev.tickcast.bench;

import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.delta.DeltaEncoder;
import dev.tickcast.record.ArchiveWriter;
import dev.tickcast.record.FragmentBuilder;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;

import java.io.IOException;
import java.util.List;

/**
 * The server recorder's rules over snapshots offered in tick order (docs/PROTOCOL.md 14.5): a
 * whole-world spectator that never skips a snapshot, cut into fragments of {@code fragmentTicks},
 * each opening with a keyframe (the full snapshot of its start tick); its first SNAPSHOT entry is
 * the spectator's delta (predicted as the server predicts), its second coded from the start tick
 * without a predictor. Fragments go to the writer as they finish.
 */
final class LocalArenaRecorder {
    private final int fragmentTicks;
    private final ArchiveWriter writer;
    private final FragmentBuilder builder = new FragmentBuilder();
    private final DeltaEncoder encoder = new DeltaEncoder();
    private final Output out = new Output(1 << 16, -1);
    /** Three rotating copies: the new state, the last and the one before it. */
    private final Snapshot[] copies = new Snapshot[3];
    private int slot;
    private Snapshot last;
    private Snapshot beforeLast;
    private int inFragment;
    private int number;

    LocalArenaRecorder(List<Schema> schemas, int fragmentTicks, ArchiveWriter writer) {
        this.fragmentTicks = fragmentTicks;
        this.writer = writer;
        for (int i = 0; i < copies.length; i++) {
            copies[i] = new Snapshot(schemas);
        }
    }

    /** Records the broadcast of {@code s} (copied); a fragment it closes is appended to the archive. */
    void snapshot(Snapshot s) throws IOException {
        Snapshot copy = copies[slot];
        slot = (slot + 1) % copies.length;
        copy.copyFrom(s);
        byte[] spectator = encode(copy, last, predictor(copy));
        if (!builder.open() || copy.tick() - builder.startTick() >= fragmentTicks) {
            if (builder.open()) {
                writer.appendFragment(builder.finish());
            }
            builder.begin(number++, copy.tick(), encode(copy, null, null));
            inFragment = 0;
        } else if (inFragment == 1) {
            spectator = encode(copy, last, null);
        }
        builder.snapshot(copy.tick(), spectator, 0, spectator.length);
        inFragment++;
        beforeLast = last;
        last = copy;
    }

    /** The builder, to add other entries at the current tick (after {@link #snapshot}). */
    FragmentBuilder builder() {
        return builder;
    }

    /** Appends the fragment being built. */
    void flush() throws IOException {
        if (builder.open()) {
            writer.appendFragment(builder.finish());
        }
    }

    /** The server's rule: a predictor only when it is as far from the baseline as the baseline from the target. */
    private Snapshot predictor(Snapshot target) {
        if (last == null || beforeLast == null || target.tick() - last.tick() != last.tick() - beforeLast.tick()) {
            return null;
        }
        return beforeLast;
    }

    private byte[] encode(Snapshot target, Snapshot base, Snapshot pred) {
        out.reset();
        encoder.encode(target, base, pred, out);
        return out.toBytes();
    }
}
