package dev.tickcast.record;

import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.delta.DeltaEncoder;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * What the server's recorder does, for tests: a whole-world spectator that never skips a
 * snapshot, cut into fragments of {@code fragmentTicks} with the predictive delta rule
 * (docs/PROTOCOL.md 14.5). It keeps a copy of every state offered, to compare with a replay.
 */
public final class SpectatorRecorder {
    private final int fragmentTicks;
    private final FragmentBuilder builder = new FragmentBuilder();
    private final DeltaEncoder encoder = new DeltaEncoder();
    private final Output out = new Output(16384, -1);
    private final List<byte[]> blocks = new ArrayList<>();
    private final List<Snapshot> states = new ArrayList<>();
    private final List<Schema> schemas;
    private Snapshot last;
    private Snapshot beforeLast;
    private int inFragment;
    private int number;

    /** A recorder of a world of {@code schemas}, cutting a fragment every {@code fragmentTicks}. */
    public SpectatorRecorder(List<Schema> schemas, int fragmentTicks) {
        this.schemas = schemas;
        this.fragmentTicks = fragmentTicks;
    }

    /** Records the broadcast of {@code s} (copied). */
    public void snapshot(Snapshot s) {
        Snapshot copy = new Snapshot(schemas);
        copy.copyFrom(s);
        states.add(copy);
        byte[] spectator = encode(copy, last, predictor(copy));
        if (!builder.open() || copy.tick() - builder.startTick() >= fragmentTicks) {
            if (builder.open()) {
                blocks.add(builder.finish());
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

    /** The builder, to add other entries at the current tick. */
    public FragmentBuilder builder() {
        return builder;
    }

    /** Finishes the fragment being built; returns every FRAGMENT block, in order. */
    public List<byte[]> finish() {
        if (builder.open()) {
            blocks.add(builder.finish());
        }
        return blocks;
    }

    /** Every state offered, in order. */
    public List<Snapshot> states() {
        return states;
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
