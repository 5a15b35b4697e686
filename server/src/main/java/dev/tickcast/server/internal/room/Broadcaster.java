package dev.tickcast.server.internal.room;

import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.delta.CellBroadcast;
import dev.tickcast.delta.DeltaEncoder;
import dev.tickcast.game.rewind.SentSnapshots;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.SnapshotRing;
import dev.tickcast.wire.Protocol;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * The room's broadcast stage: sends one snapshot to every player and spectator of a room in one
 * pass, encoding once per distinct (baseline, predictor) pair and sharing the buffer among every
 * client on that pair (Colyseus' encode-once-send-many). In the steady state all up-to-date
 * clients, spectators included, share one predictive delta, so a broadcast costs one encode
 * whatever the number of watchers. A session whose write queue is full skips this snapshot. Writes
 * to sockets of other event loops go out as one task per loop ({@link Outbound}).
 * Allocation per broadcast: one Buffer per distinct pair; nothing per client. In a room whose
 * game declared interest, players get SNAPSHOT_CELLS instead: one message per player, assembled
 * from shared parts by a {@link CellBroadcast} and copied once; spectators the whole world as before.
 * Each snapshot handed to a player's connection is recorded in the room's {@link SentSnapshots} (with
 * the cells it then watches), which lag compensation judges view stamps by; a connection's first
 * snapshot starts its seat's record again. A recording room's {@link RoomRecorder} comes last, a
 * virtual spectator that takes the spectators' bytes; at the broadcast after a fragment's keyframe,
 * the whole-world deltas from that keyframe name no predictor, so that the recorder's delta (which a
 * viewer starting at the keyframe must decode without one) is the spectators' shared encode.
 */
final class Broadcaster implements BroadcastStage {
    private static final int OUTPUT_BYTES = 4096;

    // made at the first broadcast: a room that never broadcasts does not hold them
    private DeltaEncoder encoder;
    private Output out;
    private int[] cacheBase = new int[4];
    private int[] cachePred = new int[4];
    private Buffer[] cacheBuffer = new Buffer[4];
    private int cacheSize;
    private final long slowConsumerTimeoutNs;
    private final Outbound outbound;
    private long encodes;
    // running totals for the metrics (plain fields: room thread, read by the metrics on it)
    private long broadcasts;
    private long snapshotsSent;
    private long bytesSent;
    private long fullSnapshotsSent;
    private long snapshotsSkipped;
    private long slowConsumersClosed;
    private long encodeNs;
    private long nowNs;
    private long buildNs;
    private CellBroadcast cells;
    private RoomRecorder recorder;
    private SentSnapshots sent;
    private long sequence;
    private int lastTick = Snapshot.NO_TICK;
    // a recording room's fragment start: the whole-world deltas from it name no predictor this broadcast
    private int unpredictedBase = Snapshot.NO_TICK;
    private final BuildTimes buildTimes = new BuildTimes();

    /**
     * A broadcaster that writes through {@code outbound} and closes a client unable to take
     * snapshots for {@code slowConsumerTimeoutNs}.
     */
    Broadcaster(long slowConsumerTimeoutNs, Outbound outbound) {
        this.slowConsumerTimeoutNs = slowConsumerTimeoutNs;
        this.outbound = outbound;
    }

    /** Records what each player is sent in {@code record} from now on (lag compensation). */
    void record(SentSnapshots record) {
        sent = record;
    }

    /** Feeds {@code virtual} every broadcast, after the spectators (a recording room's recorder). */
    void recorder(RoomRecorder virtual) {
        recorder = virtual;
    }

    /** Sends players SNAPSHOT_CELLS through {@code stage} from now on (a game that declared interest); spectators keep the whole world. */
    void useCells(CellBroadcast stage) {
        cells = stage;
    }

    @Override
    public void broadcast(Snapshot now, SnapshotRing ring, Session[] players, Session[] spectators, long timeNs) {
        nowNs = timeNs;
        cacheSize = 0;
        broadcasts++;
        // the build: every encode and every message put together, without the writes to the sockets
        // (CPU durations: the system's clock, whatever the room's)
        long startNs = System.nanoTime();
        if (cells != null) {
            cells.begin(now, ring.find(lastTick));
        }
        buildNs = System.nanoTime() - startNs;
        lastTick = now.tick();
        sequence = ring.newestSequence();
        unpredictedBase = recorder == null ? Snapshot.NO_TICK : recorder.unpredictedBase();
        sendTo(players, now, ring, cells, true);
        sendTo(spectators, now, ring, null, false);
        outbound.flush();
        if (recorder != null) {
            recorder.broadcast(now, ring, this);
        }
        for (int i = 0; i < cacheSize; i++) {
            cacheBuffer[i] = null;
        }
        buildTimes.add(buildNs);
    }

    private void sendTo(Session[] sessions, Snapshot now, SnapshotRing ring, CellBroadcast stage, boolean players) {
        for (Session s : sessions) {
            if (s != null) {
                sendTo(s, now, ring, stage, players);
            }
        }
    }

    private void sendTo(Session s, Snapshot now, SnapshotRing ring, CellBroadcast stage, boolean player) {
        if (s.link.closed()) {
            return;
        }
        if (!s.link.writable()) {
            skip(s);
            return;
        }
        s.behindSinceNs = 0;
        Snapshot base = ring.find(s.lastTick);
        Snapshot pred = null;
        if (base != null && now.tick() - base.tick() == base.tick() - s.prevTick
                && (stage != null || base.tick() != unpredictedBase)) {
            pred = ring.find(s.prevTick);
        }
        long startNs = System.nanoTime();
        Buffer message;
        if (stage != null) {
            message = cellsMessage(stage, s, now, base, pred);
            base = stage.usedBase();
        } else {
            message = encoded(now, base, pred);
        }
        buildNs += System.nanoTime() - startNs;
        outbound.send(s.link, message);
        if (player && sent != null) {
            recordSent(s, stage);
        }
        s.prevTick = base == null ? Snapshot.NO_TICK : base.tick();
        s.lastTick = now.tick();
        snapshotsSent++;
        bytesSent += message.length();
        if (base == null) {
            fullSnapshotsSent++;
        }
    }

    /** The player's seat was sent this broadcast (a new connection's first snapshot starts its record again). */
    private void recordSent(Session s, CellBroadcast stage) {
        if (s.lastTick == Snapshot.NO_TICK) {
            sent.reset(s.playerId);
        }
        if (stage != null) {
            sent.sent(s.playerId, sequence, stage.viewCells());
        } else {
            sent.sent(s.playerId, sequence);
        }
    }

    private static Buffer cellsMessage(CellBroadcast stage, Session s, Snapshot now, Snapshot base, Snapshot pred) {
        byte[] bytes = new byte[stage.message(s.playerId, s.entityId, now, base, pred)];
        stage.copyMessage(bytes, 0);
        return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes));
    }

    private void skip(Session s) {
        s.snapshotsSkipped++;
        snapshotsSkipped++;
        if (s.behindSinceNs == 0) {
            s.behindSinceNs = nowNs;
        } else if (nowNs - s.behindSinceNs > slowConsumerTimeoutNs) {
            slowConsumersClosed++;
            s.link.close(Protocol.CLOSE_SLOW_CONSUMER, "too far behind for too long");
        }
    }

    /**
     * The whole-world SNAPSHOT of {@code now} from {@code base} (null: the empty snapshot) with
     * {@code pred} (null: none), from this broadcast's shared encodes: encoded only if no client
     * of this broadcast had that pair. During {@link #broadcast} only (the recorder's).
     */
    Buffer encodedFor(Snapshot now, Snapshot base, Snapshot pred) {
        return encoded(now, base, pred);
    }

    private Buffer encoded(Snapshot now, Snapshot base, Snapshot pred) {
        int baseTick = base == null ? Snapshot.NO_TICK : base.tick();
        int predTick = pred == null ? Snapshot.NO_TICK : pred.tick();
        for (int i = 0; i < cacheSize; i++) {
            if (cacheBase[i] == baseTick && cachePred[i] == predTick) {
                return cacheBuffer[i];
            }
        }
        long startNs = System.nanoTime(); // a duration of CPU work: the system's clock, whatever the room's
        if (out == null) {
            out = new Output(OUTPUT_BYTES, -1);
            encoder = new DeltaEncoder();
        }
        out.reset();
        encoder.encode(now, base, pred, out);
        encodeNs += System.nanoTime() - startNs;
        Buffer message = Buffer.buffer(out.position()).appendBytes(out.getBuffer(), 0, out.position());
        encodes++;
        remember(baseTick, predTick, message);
        return message;
    }

    private void remember(int baseTick, int predTick, Buffer message) {
        if (cacheSize == cacheBase.length) {
            int n = cacheSize * 2;
            cacheBase = java.util.Arrays.copyOf(cacheBase, n);
            cachePred = java.util.Arrays.copyOf(cachePred, n);
            cacheBuffer = java.util.Arrays.copyOf(cacheBuffer, n);
        }
        cacheBase[cacheSize] = baseTick;
        cachePred[cacheSize] = predTick;
        cacheBuffer[cacheSize] = message;
        cacheSize++;
    }

    @Override
    public void report(RoomStats stats) {
        stats.broadcasts = broadcasts;
        stats.encodes = encodes + (cells == null ? 0 : cells.encodes());
        stats.buildTimes = buildTimes;
        stats.encodeNs = encodeNs;
        stats.snapshotsSent = snapshotsSent;
        stats.bytesSent = bytesSent;
        stats.fullSnapshotsSent = fullSnapshotsSent;
        stats.snapshotsSkipped = snapshotsSkipped;
        stats.slowConsumersClosed = slowConsumersClosed;
    }
}
