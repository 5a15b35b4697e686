package dev.tickcast.bench.load;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import dev.tickcast.client.SnapshotMirror;
import dev.tickcast.delta.DeltaDecoder;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;
import dev.tickcast.wire.Messages;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.SchemaMessage;
import dev.tickcast.wire.WelcomeMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Input-to-visible on a bot that is not the full Java client (the HTTP bots): reads WELCOME and
 * SCHEMA, applies every SNAPSHOT to a {@link SnapshotMirror} and, as {@code Bot} does, times each
 * input from the instant it was due until the first snapshot whose player row has
 * {@code lastInputSeq} at or past it. Confined to the bot's event loop.
 */
final class Visibility {
    private static final int SENT_RING = 1024;
    private static final int WELCOME = Protocol.typeByte(Protocol.WELCOME);
    private static final int SCHEMA = Protocol.typeByte(Protocol.SCHEMA);
    private static final int SNAPSHOT = Protocol.typeByte(Protocol.SNAPSHOT);

    private final Metrics metrics;
    private final Kryo kryo = Messages.newKryo();
    private final long[] dueNs = new long[SENT_RING];
    private SnapshotMirror mirror;
    private int entityId = -1;
    private int playerTable = -1;
    private int seqField = -1;
    private int lastAcked;
    private int lastSent;
    private String error;

    Visibility(Metrics metrics) {
        this.metrics = metrics;
    }

    /** Input {@code seq} was due at {@code dueNs} (and is sent now or with the next batch). */
    void sent(int seq, long dueNs) {
        this.dueNs[seq % SENT_RING] = dueNs;
        lastSent = seq;
    }

    /** A server message of {@code length} bytes at {@code start} of {@code in}; false if it could not be read. */
    boolean message(ByteBuf in, int start, int length, long nowNs) {
        int type = in.getUnsignedByte(start);
        if (type != WELCOME && type != SCHEMA && type != SNAPSHOT) {
            return true;
        }
        byte[] bytes = ByteBufUtil.getBytes(in, start, length);
        if (type == WELCOME) {
            WelcomeMessage w = kryo.readObject(new Input(bytes, 1, length - 1), WelcomeMessage.class);
            entityId = w == null ? -1 : w.entityId();
        } else if (type == SCHEMA) {
            SchemaMessage s = kryo.readObject(new Input(bytes, 1, length - 1), SchemaMessage.class);
            mirror = s == null ? null : new SnapshotMirror(s.schemas());
        } else if (mirror == null || mirror.apply(bytes, 0, length) != DeltaDecoder.OK) {
            error = mirror == null ? "snapshot before schema" : "snapshot could not be applied";
            return false;
        } else {
            seen(mirror.current(), nowNs);
        }
        return true;
    }

    /** Why a message could not be read, or null. */
    String error() {
        return error;
    }

    private void seen(Snapshot state, long nowNs) {
        if (entityId < 0 || (playerTable < 0 && !findPlayerTable(state))) {
            return;
        }
        TableSnapshot players = state.table(playerTable);
        int row = players.rowOf(entityId);
        if (row < 0) {
            return;
        }
        int acked = players.value(row, seqField);
        for (int seq = Math.max(lastAcked + 1, acked - SENT_RING + 1); seq <= acked && seq <= lastSent; seq++) {
            if (metrics.measuring) {
                metrics.inputToVisibleUs.recordValue(Math.max(0, (nowNs - dueNs[seq % SENT_RING]) / 1000));
            }
        }
        lastAcked = Math.max(lastAcked, acked);
    }

    private boolean findPlayerTable(Snapshot state) {
        for (int t = 0; t < state.tableCount(); t++) {
            if (state.table(t).schema().name().equals("player")) {
                playerTable = t;
                seqField = state.table(t).schema().fields().stream()
                        .filter(f -> f.name().equals("lastInputSeq")).findFirst().orElseThrow().index();
                return true;
            }
        }
        return false;
    }
}
