package dev.tickcast.bench.codec;

import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.delta.DeltaDecoder;
import dev.tickcast.delta.DeltaEncoder;
import dev.tickcast.state.Snapshot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The snapshot codec on the arena: full snapshot and steady-state predictive delta, encode and
 * decode, at 16, 64 and 256 players in a room. Run with {@code -prof gc}: encode and decode
 * allocate nothing after warm-up (the encoder's output and the decoder's snapshots are reused).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
    @Param({"16", "64", "256"})
    int players;

    private final DeltaEncoder encoder = new DeltaEncoder();
    private final DeltaDecoder decoder = new DeltaDecoder();
    private final Output out = new Output(1 << 16, -1);
    private Snapshot pred;
    private Snapshot base;
    private Snapshot target;
    private Snapshot decoded;
    private byte[] fullBytes;
    private byte[] deltaBytes;

    @Setup
    public void setup() {
        ArenaFixture arena = new ArenaFixture(players);
        pred = arena.newSnapshot();
        base = arena.newSnapshot();
        target = arena.newSnapshot();
        decoded = arena.newSnapshot();
        for (int i = 0; i < 40; i++) {
            arena.advance(pred);
        }
        arena.advance(base);
        arena.advance(target);
        out.reset();
        encoder.encode(target, null, null, out);
        fullBytes = out.toBytes();
        out.reset();
        encoder.encode(target, base, pred, out);
        deltaBytes = out.toBytes();
    }

    /** Encodes the full snapshot (a keyframe, the delta from the empty snapshot). */
    @Benchmark
    public int encodeFull() {
        out.reset();
        encoder.encode(target, null, null, out);
        return out.position();
    }

    /** Encodes the steady-state predictive delta every up-to-date client shares. */
    @Benchmark
    public int encodeDelta() {
        out.reset();
        encoder.encode(target, base, pred, out);
        return out.position();
    }

    /** Decodes the full snapshot. */
    @Benchmark
    public int decodeFull() {
        decoder.readHeader(fullBytes, 0, fullBytes.length);
        return decoder.decodeBody(null, null, decoded);
    }

    /** Decodes the predictive delta. */
    @Benchmark
    public int decodeDelta() {
        decoder.readHeader(deltaBytes, 0, deltaBytes.length);
        return decoder.decodeBody(base, pred, decoded);
    }
}
