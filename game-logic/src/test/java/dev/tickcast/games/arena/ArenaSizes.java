package dev.tickcast.games.arena;

import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.delta.DeltaDecoder;
import dev.tickcast.delta.DeltaEncoder;
import dev.tickcast.state.Snapshot;

/**
 * Measures the wire size of the arena the way a room sends it to an up-to-date client: one full
 * snapshot right after the joins, then one predictive delta per snapshot (baseline = the previous
 * snapshot, predictor = the one before). Every message is decoded by a client-side decoder and
 * checked against the server's snapshot, so a figure never comes from a broken stream. Prints
 * nothing; bench/ reports the figures.
 */
public final class ArenaSizes {
    private ArenaSizes() {
    }

    /**
     * The measured sizes, in bytes, type byte and header included.
     *
     * @param fullBytes      the first (full) snapshot
     * @param meanDeltaBytes the mean of the deltas that follow it
     * @param deltas         how many deltas were measured
     */
    public record Sizes(int fullBytes, double meanDeltaBytes, int deltas) {
    }

    /** Runs the arena with {@code players} bots for {@code snapshots} snapshots (20 Hz). */
    public static Sizes measure(long seed, int players, int snapshots) {
        ArenaScript script = new ArenaScript(seed, ArenaScript.botNames(players));
        DeltaEncoder encoder = new DeltaEncoder();
        DeltaDecoder decoder = new DeltaDecoder();
        Output out = new Output(16384, -1);
        Snapshot[] server = {script.newSnapshot(), script.newSnapshot(), script.newSnapshot()};
        Snapshot[] client = {script.newSnapshot(), script.newSnapshot(), script.newSnapshot()};
        int fullBytes = 0;
        long deltaBytes = 0;
        for (int i = 0; i < snapshots; i++) {
            Snapshot now = script.nextSnapshot(server[i % 3]);
            Snapshot base = i >= 1 ? server[(i - 1) % 3] : null;
            Snapshot pred = i >= 2 ? server[(i - 2) % 3] : null;
            out.reset();
            encoder.encode(now, base, pred, out);
            byte[] message = out.toBytes();
            if (i == 0) {
                fullBytes = message.length;
            } else {
                deltaBytes += message.length;
            }
            Snapshot decoded = client[i % 3];
            if (decoder.readHeader(message, 0, message.length) != DeltaDecoder.OK
                    || decoder.decodeBody(i >= 1 ? client[(i - 1) % 3] : null, i >= 2 ? client[(i - 2) % 3] : null,
                    decoded) != DeltaDecoder.OK || !decoded.sameContent(now)) {
                throw new IllegalStateException("the client diverged at tick " + now.tick());
            }
        }
        int deltas = Math.max(0, snapshots - 1);
        return new Sizes(fullBytes, deltas == 0 ? 0 : (double) deltaBytes / deltas, deltas);
    }
}
