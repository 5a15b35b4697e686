package dev.tickcast.delta;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static dev.tickcast.delta.CellDecoderTestFrame.LEADER;
import static dev.tickcast.delta.CellDecoderTestFrame.MASK;
import static dev.tickcast.delta.CellDecoderTestFrame.ORB;
import static dev.tickcast.delta.CellDecoderTestFrame.SCHEMAS;
import static dev.tickcast.delta.CellDecoderTestFrame.SHIP;
import static dev.tickcast.delta.DeltaDecoder.MALFORMED;
import static dev.tickcast.delta.DeltaDecoder.OK;
import static dev.tickcast.delta.DeltaDecoder.WRONG_BASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every SNAPSHOT_CELLS rule of docs/PROTOCOL.md 10.10-10.14 broken once, after the keyframe of
 * {@link CellDecoderTest} (tick 10: cells 3 {orb #1, #4} and 7 {ship #9}, leader #100): the decoder
 * returns MALFORMED or WRONG_BASE with a reason, what it shows and holds is unchanged, and the valid
 * delta from tick 10 still applies.
 */
class CellDecoderMalformedTest {
    private static final Object[] ORB_1 = {1, 1, 1};
    /** The client's own entity (WELCOME's): ship #9. */
    private static final int BODY = 9;

    /** T = 12 from 10, nothing dropped or entered, the kept bits of cells 3 and 7, the leader unchanged. */
    private static CellDecoderTestFrame delta(boolean chunk3, boolean chunk7) {
        return new CellDecoderTestFrame(12, 2, 0)
                .write(MASK, 3).keys().keys().bit(chunk3).bit(chunk7).u(0).pad()
                .none().pad();
    }

    /** A keyframe holding cells 3 and 7 with the given added lists (orb in 3, ship in 7) and leader rows. */
    private static byte[] keyframe(Object[] orb3, Object[] orb7, Object[] ship7, Object[] leader) {
        CellDecoderTestFrame f = new CellDecoderTestFrame(10, 0, 0)
                .write(MASK, 3).keys().keys(3, 7).u(0).pad()
                .u(0).u(0).addedGlobal(LEADER, -1, leader).pad()
                .cell().u(0).u(0).addedCell(ORB, orb3).skip().pad()
                .cell().u(0).u(0).addedCell(ORB, orb7);
        return f.cell().u(0).u(0).addedCell(SHIP, ship7).pad().bytes();
    }

    static Stream<Arguments> cases() {
        byte[] good = CellDecoderTest.delta12();
        return Stream.of(
            bad("drop of a cell not held", MALFORMED, "drop of cell 4", new CellDecoderTestFrame(12, 2, 0)
                    .write(MASK, 3).keys(4).keys().bit(false).u(0).pad().none().pad().bytes()),
            bad("dropCount above the cells held", MALFORMED, "dropCount 3", new CellDecoderTestFrame(12, 2, 0)
                    .write(MASK, 3).u(3).u(3).u(3).u(0).u(0).u(0).pad().none().pad().bytes()),
            bad("entered cell already held", MALFORMED, "entered cell 7", new CellDecoderTestFrame(12, 2, 0)
                    .write(MASK, 3).keys().keys(7).bit(false).bit(false).u(0).pad().none().pad()
                    .skip().skip().pad().bytes()),
            bad("enterCount above 2^20", MALFORMED, "enterCount", new CellDecoderTestFrame(12, 2, 0)
                    .write(MASK, 3).keys().u((1 << 20) + 1).pad().bytes()),
            bad("removed position past the base", MALFORMED, "not in the base", delta(true, false)
                    .cell().u(1).u(2).u(0).u(0).skip().pad().bytes()),
            bad("changed position past the base", MALFORMED, "not in the base", delta(true, false)
                    .cell().u(0).u(1).u(2).bit(false).write(1, 2).s(1).u(0).skip().pad().bytes()),
            bad("removed and changed", MALFORMED, "removed and changed", delta(true, false)
                    .cell().u(1).u(0).u(1).u(0).bit(false).write(1, 2).s(1).u(0).skip().pad().bytes()),
            bad("changedCount above base - removed", MALFORMED, "changedCount 2", delta(true, false)
                    .cell().u(1).u(0).u(2).u(0).bit(false).write(1, 2).s(1).u(0).bit(true).s(1).u(0).skip().pad().bytes()),
            bad("first changed reuses a mask", MALFORMED, "mask 0", delta(true, false)
                    .cell().u(0).u(1).u(0).bit(true).s(1).u(0).skip().pad().bytes()),
            bad("changed mask 0", MALFORMED, "mask 0", delta(true, false)
                    .cell().u(0).u(1).u(0).bit(false).write(0, 2).u(0).skip().pad().bytes()),
            bad("added id in the base", MALFORMED, "added id 1", delta(true, false)
                    .cell().u(0).u(0).addedCell(ORB, ORB_1).skip().pad().bytes()),
            bad("added id removed from the base", MALFORMED, "added id 1", delta(true, false)
                    .cell().u(1).u(0).u(0).addedCell(ORB, ORB_1).skip().pad().bytes()),
            bad("added id held in another cell and table", MALFORMED, "id 9 is in two places", delta(true, false)
                    .cell().u(0).u(0).addedCellFrom(ORB, new Object[] {1, 15, 2}, new Object[] {9, 1, 1}).skip().pad().bytes()),
            bad("global changed id not in the base", MALFORMED, "global section of leader", new CellDecoderTestFrame(12, 2, 0)
                    .write(MASK, 3).keys().keys().bit(false).bit(false).u(0).pad()
                    .u(0).u(1).u(5).bit(false).write(1, 1).s(1).u(0).pad().bytes()),
            bad("id in two held cells", MALFORMED, "id 1 is in two places", keyframe(new Object[] {1, 1, 1}, new Object[] {1, 2, 2},
                    new Object[] {9, 0, false, "", 0}, new Object[] {100, 1})),
            bad("id in two cells and two tables", MALFORMED, "id 9 is in two places",
                    keyframe(new Object[] {9, 1, 1}, new Object[] {2, 2, 2},
                    new Object[] {9, 0, false, "", 0}, new Object[] {100, 1})),
            bad("id in a cell and a global table", MALFORMED, "id 1 is in two places",
                    keyframe(new Object[] {1, 1, 1}, new Object[] {2, 2, 2},
                    new Object[] {9, 0, false, "", 0}, new Object[] {1, 1})),
            bad("owned entry for an entity not held", MALFORMED, "ship #8", new CellDecoderTestFrame(12, 2, 0)
                    .write(MASK, 3).keys().keys().bit(false).bit(false).u(1).owned(2, 8, BODY).write(0, 4).pad()
                    .none().pad().bytes()),
            bad("owned entry in another table", MALFORMED, "orb #9", new CellDecoderTestFrame(12, 2, 0)
                    .write(MASK, 3).keys().keys().bit(false).bit(false).u(1).owned(0, 9, BODY).write(0, 2).pad()
                    .none().pad().bytes()),
            bad("owned entry for no table", MALFORMED, "client part", new CellDecoderTestFrame(12, 2, 0)
                    .write(MASK, 3).keys().keys().bit(false).bit(false).u(1).owned(3, 9, BODY).pad()
                    .none().pad().bytes()),
            bad("owned entry for a negative id", MALFORMED, "client part", new CellDecoderTestFrame(12, 2, 0)
                    .write(MASK, 3).keys().keys().bit(false).bit(false).u(1).owned(2, -1, BODY).write(0, 4).pad()
                    .none().pad().bytes()),
            bad("owned id coded from -1, not from the body", MALFORMED, "ship #19", new CellDecoderTestFrame(12, 2, 0)
                    .write(MASK, 3).keys().keys().bit(false).bit(false).u(1).owned(2, 9, -1).write(0, 4).pad()
                    .none().pad().bytes()),
            // the parts follow each other in one bit stream: only the end of the body is padded
            bad("a padding bit not zero", MALFORMED, "bytes after", delta(false, false).bit(true).bytes()),
            bad("a byte after the last chunk", MALFORMED, "bytes after", Arrays.copyOf(good, good.length + 1)),
            bad("a byte after the global part", MALFORMED, "bytes after", Arrays.copyOf(delta(false, false).bytes(), 5 + 2)),
            bad("truncated", MALFORMED, "truncated", Arrays.copyOf(good, good.length - 1)),
            bad("globalMask changed in a delta", MALFORMED, "globalMask", new CellDecoderTestFrame(12, 2, 0)
                    .write(0, 3).keys().keys().bit(false).bit(false).u(0).pad().bytes()),
            bad("keyframe with a predictor", MALFORMED, "header", new CellDecoderTestFrame(12, 0, 1)
                    .write(MASK, 3).keys().keys().u(0).pad().none().pad().bytes()),
            bad("baseDelta above the tick", MALFORMED, "header", new CellDecoderTestFrame(1, 2, 0)
                    .write(MASK, 3).keys().keys().bit(false).bit(false).u(0).pad().none().pad().bytes()),
            bad("SNAPSHOT type byte", MALFORMED, "header", new CellDecoderTestFrame(0x22, 12, 2, 0)
                    .write(MASK, 3).keys().keys().bit(false).bit(false).u(0).pad().none().pad().bytes()),
            bad("empty frame", MALFORMED, "header", new byte[0]),
            bad("header only", MALFORMED, "no client part", Arrays.copyOf(good, 4)),
            bad("baseline not the current state", WRONG_BASE, "baseline tick 11", new CellDecoderTestFrame(12, 1, 0)
                    .write(MASK, 3).keys().keys().bit(false).bit(false).u(0).pad().none().pad().bytes()),
            bad("predictor not the previous state", WRONG_BASE, "predictor tick 8", new CellDecoderTestFrame(12, 2, 2)
                    .write(MASK, 3).keys().keys().bit(false).bit(false).u(0).pad().none().pad().bytes()));
    }

    private static Arguments bad(String rule, int expected, String why, byte[] frame) {
        return Arguments.of(rule, expected, why, frame);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldRefuseAndKeepTheState(String rule, int expected, String why, byte[] frame) {
        CellDecoder decoder = new CellDecoder(SCHEMAS);
        decoder.body(BODY);
        byte[] keyframe = CellDecoderTest.keyframe();
        assertEquals(OK, decoder.apply(keyframe, 0, keyframe.length), decoder.reason());
        assertEquals(expected, decoder.apply(frame, 0, frame.length), rule);
        assertTrue(decoder.reason().contains(why), decoder.reason());
        assertEquals(CellDecoderTest.SHOWN_10, decoder.shown().describe());
        assertEquals(2, decoder.heldCellCount());
        assertEquals(1, decoder.snapshots());
        byte[] good = CellDecoderTest.delta12();
        assertEquals(OK, decoder.apply(good, 0, good.length), decoder.reason());
        assertNull(decoder.reason());
        assertEquals(3, decoder.heldCellCount());
    }

    @Test
    void shouldRefuseADeltaBeforeAnyKeyframe() {
        CellDecoder decoder = new CellDecoder(SCHEMAS);
        byte[] good = CellDecoderTest.delta12();
        assertEquals(WRONG_BASE, decoder.apply(good, 0, good.length));
        assertEquals(0, decoder.heldCellCount());
        assertEquals(0, decoder.snapshots());
    }

    @Test
    void shouldNeverThrowOnTruncationsOrFlippedBits() {
        byte[] keyframe = CellDecoderTest.keyframe();
        byte[] good = CellDecoderTest.delta12();
        for (int cut = 0; cut < good.length; cut++) {
            CellDecoder decoder = new CellDecoder(SCHEMAS);
            decoder.apply(keyframe, 0, keyframe.length);
            assertEquals(MALFORMED, decoder.apply(good, 0, cut), "cut at " + cut);
        }
        for (int bit = 8; bit < good.length * 8; bit++) {
            CellDecoder decoder = new CellDecoder(SCHEMAS);
            decoder.apply(keyframe, 0, keyframe.length);
            byte[] flipped = good.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            int result = decoder.apply(flipped, 0, flipped.length);
            if (result != OK) {
                assertEquals(CellDecoderTest.SHOWN_10, decoder.shown().describe(), "bit " + bit);
            }
        }
    }
}
