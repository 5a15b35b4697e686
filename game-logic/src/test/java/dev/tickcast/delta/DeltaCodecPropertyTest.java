package dev.tickcast.delta;

import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.state.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The codec's key property, over many seeded random histories of a {@link RandomWorld}: a full
 * snapshot decodes to the server's snapshot; a delta from the previous snapshot, with and without
 * the predictor, applied to that baseline gives the target; and a client that applies every message
 * it receives in order (skipping some, so that some deltas come from older baselines) always holds
 * exactly the server's snapshot.
 */
class DeltaCodecPropertyTest {
    private static final int SEQUENCES = 1000;
    private static final int MAX_STEPS = 14;
    private static final int TICKS_PER_SNAPSHOT = 3;

    private final DeltaEncoder encoder = new DeltaEncoder();
    private final DeltaDecoder decoder = new DeltaDecoder();
    private final Output out = new Output(4096, -1);
    private final Snapshot decoded = new Snapshot(RandomWorld.schemas());

    @Test
    void shouldDecodeFullSnapshotsAndDeltasOfRandomHistories() {
        for (int seed = 0; seed < SEQUENCES; seed++) {
            List<Snapshot> history = history(seed);
            for (int s = 0; s < history.size(); s++) {
                Snapshot target = history.get(s);
                checkDecode(seed, "full", target, null, null);
                if (s >= 1) {
                    checkDecode(seed, "delta", target, history.get(s - 1), null);
                }
                if (s >= 2) {
                    checkDecode(seed, "predictive delta", target, history.get(s - 1), history.get(s - 2));
                    checkDecode(seed, "delta from an older baseline", target, history.get(s - 2), null);
                }
            }
        }
    }

    @Test
    void shouldKeepAClientChainEqualToTheServer() {
        int skipped = 0;
        int predictive = 0;
        for (int seed = 0; seed < SEQUENCES; seed++) {
            SplittableRandom network = new SplittableRandom(seed * 31L + 7);
            ClientChain client = new ClientChain();
            for (Snapshot server : history(seed)) {
                if (network.nextInt(4) == 0) {
                    skipped++;
                    continue;
                }
                boolean keyframe = network.nextInt(25) == 0;
                Snapshot base = keyframe || client.current == null ? null : client.serverCopy;
                Snapshot pred = null;
                if (base != null && client.previousServerCopy != null
                        && (spacing(server, base) == spacing(base, client.previousServerCopy) || network.nextBoolean())) {
                    pred = client.previousServerCopy;
                    predictive++;
                }
                byte[] message = encode(server, base, pred);
                client.apply(seed, message, server);
            }
        }
        assertTrue(skipped > SEQUENCES && predictive > SEQUENCES, "the histories exercise skips and prediction");
    }

    private List<Snapshot> history(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        RandomWorld world = new RandomWorld(seed);
        int steps = 2 + r.nextInt(MAX_STEPS - 1);
        List<Snapshot> snapshots = new ArrayList<>(steps);
        for (int s = 0; s < steps; s++) {
            world.step();
            Snapshot snapshot = new Snapshot(RandomWorld.schemas());
            snapshot.capture(world.world, (s + 1) * TICKS_PER_SNAPSHOT);
            snapshots.add(snapshot);
        }
        return snapshots;
    }

    private static int spacing(Snapshot later, Snapshot earlier) {
        return later.tick() - earlier.tick();
    }

    private byte[] encode(Snapshot target, Snapshot base, Snapshot pred) {
        out.reset();
        encoder.encode(target, base, pred, out);
        return out.toBytes();
    }

    private void checkDecode(long seed, String what, Snapshot target, Snapshot base, Snapshot pred) {
        byte[] message = encode(target, base, pred);
        assertEquals(DeltaDecoder.OK, decoder.readHeader(message, 0, message.length), what + " header, seed " + seed);
        assertEquals(target.tick(), decoder.tick());
        assertEquals(base == null ? Snapshot.NO_TICK : base.tick(), decoder.baseTick());
        assertEquals(pred == null ? Snapshot.NO_TICK : pred.tick(), decoder.predTick());
        int result = decoder.decodeBody(base, pred, decoded);
        if (result != DeltaDecoder.OK || !decoded.sameContent(target) || decoded.tick() != target.tick()) {
            fail(what + " of seed " + seed + " gave " + result + "\nexpected " + target.describe()
                    + "\nbase " + (base == null ? "none" : base.describe()) + "\ndecoded " + decoded.describe());
        }
    }

    /** A client's two latest states, and the server's copies of the same ticks (to encode from). */
    private final class ClientChain {
        Snapshot current;
        Snapshot previous;
        Snapshot spare = new Snapshot(RandomWorld.schemas());
        Snapshot serverCopy;
        Snapshot previousServerCopy;

        void apply(long seed, byte[] message, Snapshot server) {
            assertEquals(DeltaDecoder.OK, decoder.readHeader(message, 0, message.length), "header, seed " + seed);
            Snapshot pred = decoder.predTick() == Snapshot.NO_TICK ? null : previous;
            int result = decoder.decodeBody(decoder.full() ? null : current, pred, spare);
            if (result != DeltaDecoder.OK || !spare.sameContent(server)) {
                fail("client chain of seed " + seed + " at tick " + server.tick() + " (base " + decoder.baseTick()
                        + ", pred " + decoder.predTick() + ") gave " + result + "\nserver " + server.describe()
                        + "\nclient " + spare.describe());
            }
            Snapshot recycled = previous == null ? new Snapshot(RandomWorld.schemas()) : previous;
            previous = current;
            current = spare;
            spare = recycled;
            previousServerCopy = serverCopy;
            serverCopy = server;
        }
    }
}
