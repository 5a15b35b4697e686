package dev.tickcast.bench.load;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import dev.tickcast.client.SnapshotMirror;
import dev.tickcast.delta.DeltaDecoder;
import dev.tickcast.state.Snapshot;
import dev.tickcast.wire.Messages;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.SchemaMessage;
import dev.tickcast.wire.WelcomeMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

/**
 * Input-to-visible on a bot that is not the full Java client (the HTTP bots, Arena-Wide's checking
 * bots): reads WELCOME and SCHEMA, applies every SNAPSHOT and SNAPSHOT_CELLS to a
 * {@link SnapshotMirror}, times each input as {@code Bot} does ({@link InputAcks}) and hands each
 * state shown to an optional {@link StateListener}. Confined to the bot's event loop.
 */
final class Visibility {
    private static final int WELCOME = Protocol.typeByte(Protocol.WELCOME);
    private static final int SCHEMA = Protocol.typeByte(Protocol.SCHEMA);
    private static final int SNAPSHOT = Protocol.typeByte(Protocol.SNAPSHOT);
    /** SNAPSHOT_CELLS (PROTOCOL.md 10.10). */
    static final int SNAPSHOT_CELLS = Protocol.typeByte(Protocol.SNAPSHOT_CELLS);

    private final Kryo kryo = Messages.newKryo();
    private final InputAcks acks;
    private final StateListener listener;
    private SnapshotMirror mirror;
    private int entityId = -1;
    private String error;

    /** What a checking bot does with each state shown. */
    interface StateListener {
        /** {@code state} is shown (valid until the next snapshot); {@code entityId} is the bot's player. */
        void shown(Snapshot state, int entityId);
    }

    Visibility(Metrics metrics) {
        this(metrics, null);
    }

    Visibility(Metrics metrics, StateListener listener) {
        this.acks = new InputAcks(metrics);
        this.listener = listener;
    }

    /** Input {@code seq} was due at {@code dueNs} (and is sent now or with the next batch). */
    void sent(int seq, long dueNs) {
        acks.sent(seq, dueNs);
    }

    /** A server message of {@code length} bytes at {@code start} of {@code in}; false if it could not be read. */
    boolean message(ByteBuf in, int start, int length, long nowNs) {
        int type = in.getUnsignedByte(start);
        if (type != WELCOME && type != SCHEMA && type != SNAPSHOT && type != SNAPSHOT_CELLS) {
            return true;
        }
        byte[] bytes = ByteBufUtil.getBytes(in, start, length);
        if (type == WELCOME) {
            WelcomeMessage w = kryo.readObject(new Input(bytes, 1, length - 1), WelcomeMessage.class);
            entityId = w == null ? -1 : w.entityId();
            if (mirror != null) {
                mirror.body(entityId);
            }
        } else if (type == SCHEMA) {
            SchemaMessage s = kryo.readObject(new Input(bytes, 1, length - 1), SchemaMessage.class);
            mirror = s == null ? null : new SnapshotMirror(s.schemas());
            if (mirror != null) {
                mirror.body(entityId); // owned entries of SNAPSHOT_CELLS name ids against it (PROTOCOL.md 10.13)
            }
        } else if (mirror == null || mirror.apply(bytes, 0, length) != DeltaDecoder.OK) {
            error = mirror == null ? "snapshot before schema" : "snapshot could not be applied"
                    + (mirror.cells() == null ? "" : ": " + mirror.cells().reason());
            return false;
        } else {
            acks.seen(mirror.current(), entityId, nowNs);
            if (listener != null) {
                listener.shown(mirror.current(), entityId);
            }
        }
        return true;
    }

    /** Why a message could not be read, or null. */
    String error() {
        return error;
    }
}
