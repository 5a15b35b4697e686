package dev.tickcast.delta;

import org.junit.jupiter.api.Test;

import static dev.tickcast.delta.CellDecoderTestFrame.LEADER;
import static dev.tickcast.delta.CellDecoderTestFrame.MASK;
import static dev.tickcast.delta.CellDecoderTestFrame.ORB;
import static dev.tickcast.delta.CellDecoderTestFrame.SCHEMAS;
import static dev.tickcast.delta.CellDecoderTestFrame.SHIP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SNAPSHOT_CELLS decoded from frames built by hand from docs/PROTOCOL.md 10.10-10.14: a keyframe,
 * deltas by position, prediction only for cells held at P, kept cells carried, drops, an entity
 * moving between cells, and owned entries that never enter the baseline.
 */
class CellDecoderTest {
    private final CellDecoder decoder = new CellDecoder(SCHEMAS);

    /** T = 10: cells 3 (orbs #1, #4) and 7 (ship #9), leader #100. */
    static byte[] keyframe() {
        return new CellDecoderTestFrame(10, 0, 0)
                .write(MASK, 3).keys().keys(3, 7).u(0).pad()
                .u(0).u(0).addedGlobal(LEADER, -1, new Object[] {100, 50}).pad()
                .cell().u(0).u(0).addedCell(ORB, new Object[] {1, 15, 2}, new Object[] {4, 17, 2}).skip().pad()
                .skip().cell().u(0).u(0).addedCell(SHIP, new Object[] {9, 30, true, "a", 0}).pad()
                .bytes();
    }

    /**
     * T = 12 from 10: cell 3 removes #1, changes #4's x by +3, adds #2 (coded against #1, the base's first
     * entity, though this message removes it); cell 5 enters; cell 7 is carried.
     */
    static byte[] delta12() {
        return new CellDecoderTestFrame(12, 2, 0)
                .write(MASK, 3).keys().keys(5).bit(true).bit(false).u(0).pad()
                .u(0).u(1).u(100).bit(false).write(1, 1).s(-5).u(0).pad()
                .cell().u(1).u(0).u(1).u(1).bit(false).write(0b01, 2).s(3)
                .addedCellFrom(ORB, new Object[] {1, 15, 2}, new Object[] {2, 5, 7}).skip().pad()
                .cell().u(0).u(0).addedCell(ORB, new Object[] {20, 100, 1}).skip().pad()
                .bytes();
    }

    static final String SHOWN_10 = "tick 10\n"
            + "orb (2)\n  #1 x=15 v=2\n  #4 x=17 v=2\n"
            + "leader (1)\n  #100 score=50\n"
            + "ship (1)\n  #9 x=30 alive=1 name=\"a\" ammo=0\n";

    @Test
    void shouldDecodeAKeyframeWithTwoCellsAndAGlobalTable() {
        assertEquals(DeltaDecoder.OK, decoder.apply(keyframe(), 0, keyframe().length), decoder.reason());
        assertEquals(SHOWN_10, decoder.shown().describe());
        assertEquals(2, decoder.heldCellCount());
        assertEquals(3, decoder.heldCell(0));
        assertEquals(7, decoder.heldCell(1));
        assertEquals(3, decoder.cellOf(0, 4));
        assertEquals(7, decoder.cellOf(2, 9));
        assertEquals(-1, decoder.cellOf(0, 9));
        assertEquals(-1, decoder.cellOf(1, 100));
        assertTrue(decoder.globalTable(1));
        assertFalse(decoder.globalTable(0));
        assertNull(decoder.reason());
        assertEquals(1, decoder.snapshots());
        assertEquals(1, decoder.fullSnapshots());
    }

    @Test
    void shouldApplyRemovedChangedAndAddedByPositionAndCarryAKeptCell() {
        apply(keyframe());
        apply(delta12());
        assertEquals("tick 12\n"
                + "orb (3)\n  #2 x=5 v=7\n  #4 x=20 v=2\n  #20 x=100 v=1\n"
                + "leader (1)\n  #100 score=45\n"
                + "ship (1)\n  #9 x=30 alive=1 name=\"a\" ammo=0\n", decoder.shown().describe());
        assertEquals(3, decoder.heldCellCount());
        assertEquals(5, decoder.cellOf(0, 20));
        assertEquals(3, decoder.cellOf(0, 2));
        assertEquals(2, decoder.snapshots());
        assertEquals(1, decoder.fullSnapshots());
    }

    @Test
    void shouldPredictOnlyCellsHeldAtThePredictorAndTheBaseline() {
        apply(keyframe());
        apply(delta12());
        // T = 14, B = 12, P = 10. Cell 3 (held at 10 and 12): #2 was not in it at 10, #4 moved 17 -> 20 so
        // predicts 23. Cell 5 (entered at 12): no predictor, #20 stays at 100. Only v is sent.
        apply(new CellDecoderTestFrame(14, 2, 2)
                .write(MASK, 3).keys().keys().bit(true).bit(true).bit(false).u(0).pad()
                .none().pad()
                .cell().u(0).u(2).u(0).bit(false).write(0b10, 2).s(1).u(0).bit(true).s(-2).u(0).skip().pad()
                .cell().u(0).u(1).u(0).bit(false).write(0b10, 2).s(1).u(0).skip().pad()
                .bytes());
        assertEquals("tick 14\n"
                + "orb (3)\n  #2 x=5 v=8\n  #4 x=23 v=0\n  #20 x=100 v=2\n"
                + "leader (1)\n  #100 score=45\n"
                + "ship (1)\n  #9 x=30 alive=1 name=\"a\" ammo=0\n", decoder.shown().describe());
    }

    @Test
    void shouldDropACellAndMoveAnEntityBetweenHeldCellsInOneMessage() {
        apply(keyframe());
        apply(delta12());
        // T = 14 from 12: drop 7 (ship #9 goes), #4 leaves cell 3 (position 1) and enters cell 5.
        apply(new CellDecoderTestFrame(14, 2, 0)
                .write(MASK, 3).keys(7).keys().bit(true).bit(true).u(0).pad()
                .none().pad()
                .cell().u(1).u(1).u(0).u(0).skip().pad()
                .cell().u(0).u(0).addedCellFrom(ORB, new Object[] {20, 100, 1}, new Object[] {4, 40, 0}).skip().pad()
                .bytes());
        assertEquals("tick 14\n"
                + "orb (3)\n  #2 x=5 v=7\n  #4 x=40 v=0\n  #20 x=100 v=1\n"
                + "leader (1)\n  #100 score=45\n"
                + "ship (0)\n", decoder.shown().describe());
        assertEquals(2, decoder.heldCellCount());
        assertEquals(5, decoder.heldCell(1));
        assertEquals(5, decoder.cellOf(0, 4));
        assertEquals(-1, decoder.cellOf(2, 9));
    }

    @Test
    void shouldShowOwnedEntriesWithoutMakingThemTheBaseline() {
        decoder.body(9);
        apply(keyframe());
        // T = 12: nothing changes, the owner receives ship #9's ammo = 7 (its own entity: S(0)).
        apply(new CellDecoderTestFrame(12, 2, 0)
                .write(MASK, 3).keys().keys().bit(false).bit(false)
                .u(1).u(2).s(0).write(0b1000, 4).s(7).pad()
                .none().pad()
                .bytes());
        assertEquals("  #9 x=30 alive=1 name=\"a\" ammo=7\n", shipLine());
        // T = 14: the chunk changes ammo by +1 from the baseline's default 0 (not from the 7 shown).
        apply(new CellDecoderTestFrame(14, 2, 2)
                .write(MASK, 3).keys().keys().bit(false).bit(true).u(0).pad()
                .none().pad()
                .skip().cell().u(0).u(1).u(0).bit(false).write(0b1000, 4).s(1).u(0).pad()
                .bytes());
        assertEquals("  #9 x=30 alive=1 name=\"a\" ammo=1\n", shipLine());
    }

    @Test
    void shouldAcceptAnOwnedEntryForAGlobalEntityAndABoolValue() {
        decoder.body(9);
        apply(keyframe());
        // leader #100 is another entity than the body: S(100 - 9); ship #9 is the body: S(0).
        apply(new CellDecoderTestFrame(12, 2, 0)
                .write(MASK, 3).keys().keys().bit(false).bit(false)
                .u(2).u(1).s(91).write(1, 1).s(99).u(2).s(0).write(0b0110, 4).bit(false).str("me").pad()
                .none().pad()
                .bytes());
        assertTrue(decoder.shown().describe().contains("#100 score=99\n"), decoder.shown().describe());
        assertEquals("  #9 x=30 alive=0 name=\"me\" ammo=0\n", shipLine());
    }

    @Test
    void shouldStartOverOnAKeyframe() {
        apply(keyframe());
        apply(delta12());
        apply(new CellDecoderTestFrame(20, 0, 0)
                .write(MASK, 3).keys().keys(8).u(0).pad()
                .none().pad()
                .cell().u(0).u(0).addedCell(ORB, new Object[] {30, 1, 1}).skip().pad()
                .bytes());
        assertEquals("tick 20\norb (1)\n  #30 x=1 v=1\nleader (0)\nship (0)\n", decoder.shown().describe());
        assertEquals(1, decoder.heldCellCount());
        assertEquals(2, decoder.fullSnapshots());
    }

    @Test
    void shouldReuseCellsWithoutGrowingTheirNumber() {
        apply(keyframe());
        int tick = 10;
        for (int i = 0; i < 50; i++) {
            tick += 2;
            apply(new CellDecoderTestFrame(tick, 2, i == 0 ? 0 : 2)
                    .write(MASK, 3).keys().keys().bit(true).bit(false).u(0).pad()
                    .none().pad()
                    .skip().skip().pad()
                    .bytes());
        }
        assertEquals(SHOWN_10.replace("tick 10", "tick " + tick), decoder.shown().describe());
    }

    @Test
    void shouldPredictACellSectionWhoseSectionBitIsZero() {
        apply(keyframe());
        apply(delta12());
        // T = 14, B = 12, P = 10: cell 3 has a chunk whose sections are both empty (bit 0): its entities are
        // carried with prediction (#4: 17 -> 20 predicts 23), unlike cell 5, kept without a chunk (no prediction).
        apply(new CellDecoderTestFrame(14, 2, 2)
                .write(MASK, 3).keys().keys().bit(true).bit(false).bit(false).u(0).pad()
                .none().pad()
                .skip().skip().pad()
                .bytes());
        assertEquals("tick 14\n"
                + "orb (3)\n  #2 x=5 v=7\n  #4 x=23 v=2\n  #20 x=100 v=1\n"
                + "leader (1)\n  #100 score=45\n"
                + "ship (1)\n  #9 x=30 alive=1 name=\"a\" ammo=0\n", decoder.shown().describe());
    }

    @Test
    void shouldCodeTheFirstAddedEntityAgainstTheFirstEntityOfTheBase() {
        apply(keyframe());
        // T = 12 from 10, bits written by hand. Cell 3 (base #1 x=15 v=2, #4): adds #5 with mask 0, a copy of #1.
        // Cell 7 (base #9 x=30 alive name "a"): adds #11 with x + 2 (alive and name from #9), then #12 with alive
        // flipped from #11's.
        apply(new CellDecoderTestFrame(12, 2, 0)
                .write(MASK, 3).keys().keys().bit(true).bit(true).u(0).pad()
                .none().pad()
                .cell().u(0).u(0).u(1).u(5).write(0, 2).skip().pad()
                .skip().cell().u(0).u(0).u(2).u(11).write(0b0001, 4).s(2).u(0).write(0b0010, 4).pad()
                .bytes());
        assertEquals("tick 12\n"
                + "orb (3)\n  #1 x=15 v=2\n  #4 x=17 v=2\n  #5 x=15 v=2\n"
                + "leader (1)\n  #100 score=50\n"
                + "ship (3)\n  #9 x=30 alive=1 name=\"a\" ammo=0\n  #11 x=32 alive=1 name=\"a\" ammo=0\n"
                + "  #12 x=32 alive=0 name=\"a\" ammo=0\n", decoder.shown().describe());
    }

    @Test
    void shouldCodeOwnedIdsFromMinusOneWithoutABody() {
        apply(keyframe());
        apply(new CellDecoderTestFrame(12, 2, 0)
                .write(MASK, 3).keys().keys().bit(false).bit(false)
                .u(1).owned(2, 9, -1).write(0b1000, 4).s(3).pad()
                .none().pad()
                .bytes());
        assertEquals("  #9 x=30 alive=1 name=\"a\" ammo=3\n", shipLine());
    }

    @Test
    void shouldAcceptANewGlobalMaskInAKeyframe() {
        apply(keyframe());
        // T = 20, a keyframe where no table is global: leader #100 is in cell 8 like the orbs.
        apply(new CellDecoderTestFrame(20, 0, 0)
                .write(0, 3).keys().keys(8).u(0).pad()
                .pad()
                .cell().u(0).u(0).addedCell(ORB, new Object[] {30, 1, 1})
                .cell().u(0).u(0).addedCell(LEADER, new Object[] {100, 7}).skip().pad()
                .bytes());
        assertEquals("tick 20\norb (1)\n  #30 x=1 v=1\nleader (1)\n  #100 score=7\nship (0)\n",
                decoder.shown().describe());
        assertFalse(decoder.globalTable(1));
        assertEquals(8, decoder.cellOf(1, 100));
        // The next delta keeps that mask: leader #100 changes in its cell.
        apply(new CellDecoderTestFrame(22, 2, 0)
                .write(0, 3).keys().keys().bit(true).u(0).pad()
                .pad()
                .skip().cell().u(0).u(1).u(0).bit(false).write(1, 1).s(1).u(0).skip().pad()
                .bytes());
        assertTrue(decoder.shown().describe().contains("#100 score=8\n"), decoder.shown().describe());
    }

    private String shipLine() {
        String shown = decoder.shown().describe();
        return shown.substring(shown.indexOf("  #9"));
    }

    private void apply(byte[] frame) {
        assertEquals(DeltaDecoder.OK, decoder.apply(frame, 0, frame.length), decoder.reason());
    }
}
