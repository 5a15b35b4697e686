package dev.tickcast.client;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.delta.BitWriter;
import dev.tickcast.delta.DeltaDecoder;
import dev.tickcast.delta.DeltaEncoder;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.wire.Messages;
import dev.tickcast.wire.Protocol;
import dev.tickcast.wire.SchemaMessage;
import dev.tickcast.wire.WelcomeMessage;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The mirror takes SNAPSHOT through a DeltaDecoder and SNAPSHOT_CELLS through a CellDecoder, never both;
 * owned entries of SNAPSHOT_CELLS are named against the client's own entity, WELCOME's.
 */
class SnapshotMirrorTest {
    private static final Schema ORB = new Schema("orb");
    private static final Schema LEADER = new Schema("leader");
    private static final List<Schema> SCHEMAS = List.of(ORB, LEADER);

    static {
        ORB.intField("x", true);
        LEADER.intField("score", false);
    }

    /** T = 5, keyframe: cell 2 holds orb #1 (x 4), the global leader table #7 (score 3). */
    private static byte[] cellsKeyframe() {
        return cellsKeyframe(false, 0);
    }

    /**
     * The same, with an owned entry for orb #1 (x 8) if {@code owned}, its id coded against
     * {@code body} (docs/PROTOCOL.md 10.13: U(table), S(id - body), mask, values).
     */
    private static byte[] cellsKeyframe(boolean owned, int body) {
        Output out = new Output(64, -1);
        out.writeVarInt(Protocol.typeByte(Protocol.SNAPSHOT_CELLS), true);
        out.writeVarInt(5, true);
        out.writeVarInt(0, true);
        out.writeVarInt(0, true);
        BitWriter bits = new BitWriter();
        bits.begin(out);
        bits.write(0b10, 2);
        bits.writeU(0);
        bits.writeU(1);
        bits.writeU(2);
        bits.writeU(owned ? 1 : 0);
        if (owned) {
            bits.writeU(0);
            bits.writeS(1 - body);
            bits.write(1, 1);
            bits.writeS(8);
        }
        // one bit stream (10.10): the global part and the chunk follow with no padding between
        section(bits, 7, 3);
        bits.writeBit(true); // the orb table's section bit: a cell section follows
        section(bits, 1, 4);
        bits.end();
        return out.toBytes();
    }

    /** A section adding one entity with one non-default INT field (gaps from -1 in both kinds). */
    private static void section(BitWriter bits, int id, int value) {
        bits.writeU(0);
        bits.writeU(0);
        bits.writeU(1);
        bits.writeU(id);
        bits.write(1, 1);
        bits.writeS(value);
    }

    private static byte[] fullSnapshot() {
        Snapshot s = new Snapshot(SCHEMAS);
        s.tick(3);
        s.table(0).setValue(s.table(0).appendRow(1), 0, 9);
        Output out = new Output(64, -1);
        new DeltaEncoder().encode(s, null, null, out);
        return out.toBytes();
    }

    @Test
    void shouldShowTheCellsOfASnapshotCellsMessage() {
        SnapshotMirror mirror = new SnapshotMirror(SCHEMAS);
        byte[] frame = cellsKeyframe();
        assertEquals(DeltaDecoder.OK, mirror.apply(frame, 0, frame.length));
        assertEquals("tick 5\norb (1)\n  #1 x=4\nleader (1)\n  #7 score=3\n", mirror.current().describe());
        assertEquals(1, mirror.snapshots());
        assertEquals(1, mirror.fullSnapshots());
        assertEquals(1, mirror.cells().heldCellCount());
        assertEquals(2, mirror.cells().cellOf(0, 1));
        byte[] other = fullSnapshot();
        assertEquals(DeltaDecoder.MALFORMED, mirror.apply(other, 0, other.length));
        assertEquals(1, mirror.snapshots());
        assertEquals(5, mirror.current().tick());
    }

    @Test
    void shouldNameOwnedEntriesAgainstTheBody() {
        SnapshotMirror mirror = new SnapshotMirror(SCHEMAS);
        mirror.body(1);
        byte[] frame = cellsKeyframe(true, 1);
        assertEquals(DeltaDecoder.OK, mirror.apply(frame, 0, frame.length), () -> mirror.cells().reason());
        assertEquals("tick 5\norb (1)\n  #1 x=8\nleader (1)\n  #7 score=3\n", mirror.current().describe());
        SnapshotMirror noBody = new SnapshotMirror(SCHEMAS);
        assertEquals(DeltaDecoder.MALFORMED, noBody.apply(frame, 0, frame.length), "coded from -1, the id is -1");
    }

    @Test
    void shouldGiveTheMirrorWelcomesEntityBeforeCellsSnapshots() {
        for (boolean welcomeFirst : new boolean[] {true, false}) {
            List<String> failures = new ArrayList<>();
            Kryo kryo = Messages.newKryo();
            ServerMessages inbound = new ServerMessages(kryo, failures::add);
            Buffer welcome = frame(kryo, new WelcomeMessage(Protocol.VERSION, "r", "g", 0, 1, 60, 3));
            Buffer schema = frame(kryo, new SchemaMessage(SCHEMAS));
            inbound.handle(welcomeFirst ? welcome : schema);
            inbound.handle(welcomeFirst ? schema : welcome);
            inbound.handle(Buffer.buffer(cellsKeyframe(true, 1)));
            assertEquals(List.of(), failures);
            assertEquals("tick 5\norb (1)\n  #1 x=8\nleader (1)\n  #7 score=3\n",
                    inbound.mirror().current().describe(), "WELCOME first: " + welcomeFirst);
        }
    }

    private static Buffer frame(Kryo kryo, Object message) {
        Output out = new Output(256, -1);
        Messages.write(kryo, out, message);
        return Buffer.buffer(out.toBytes());
    }

    @Test
    void shouldKeepDecodingSnapshotsAndRefuseCellsAfterThem() {
        SnapshotMirror mirror = new SnapshotMirror(SCHEMAS);
        byte[] frame = fullSnapshot();
        assertEquals(DeltaDecoder.OK, mirror.apply(frame, 0, frame.length));
        assertEquals("tick 3\norb (1)\n  #1 x=9\nleader (0)\n", mirror.current().describe());
        byte[] cells = cellsKeyframe();
        assertEquals(DeltaDecoder.MALFORMED, mirror.apply(cells, 0, cells.length));
        assertNull(mirror.cells());
        assertEquals(1, mirror.fullSnapshots());
        assertEquals(3, mirror.current().tick());
    }
}
