package dev.tickcast.delta;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static dev.tickcast.delta.CellDecoderTestFrame.MASK;
import static dev.tickcast.delta.CellDecoderTestFrame.ORB;
import static dev.tickcast.delta.CellDecoderTestFrame.SCHEMAS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * After warm-up, applying SNAPSHOT_CELLS messages that carry no string allocates nothing: cells
 * entered and dropped every other message, a delta chunk, a carried cell, a global change and an
 * owned entry of the body each time. Measured with HotSpot's per-thread allocation counter.
 */
class CellDecoderAllocationTest {
    private static final int WARM_UP = 200;
    private static final int MEASURED = 200;

    /** Message {@code i} after the keyframe: cell 5 enters on even {@code i} and is dropped on odd. */
    private static byte[] message(int i) {
        boolean enter = i % 2 == 0;
        CellDecoderTestFrame f = new CellDecoderTestFrame(12 + 2 * i, 2, i == 0 ? 0 : 2).write(MASK, 3);
        if (enter) {
            f.keys().keys(5);
        } else {
            f.keys(5).keys();
        }
        f.bit(true).bit(false).u(1).owned(2, 9, 9).write(0b1000, 4).s(i).pad()
                .u(0).u(1).u(100).bit(false).write(1, 1).s(1).u(0).pad()
                .cell().u(0).u(1).u(1).bit(false).write(0b10, 2).s(1).u(0).skip().pad();
        if (enter) {
            f.cell().u(0).u(0).addedCell(ORB, new Object[] {20, 100, 1}).skip().pad();
        }
        return f.bytes();
    }

    @Test
    void steadyStateMessagesAllocateNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        byte[][] frames = new byte[WARM_UP + MEASURED][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = message(i);
        }
        CellDecoder decoder = new CellDecoder(SCHEMAS);
        decoder.body(9);
        byte[] keyframe = CellDecoderTest.keyframe();
        assertEquals(DeltaDecoder.OK, decoder.apply(keyframe, 0, keyframe.length));
        for (int i = 0; i < WARM_UP; i++) {
            assertEquals(DeltaDecoder.OK, decoder.apply(frames[i], 0, frames[i].length), decoder.reason());
        }
        long calibration = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            long a = mx.getCurrentThreadAllocatedBytes();
            calibration = Math.min(calibration, mx.getCurrentThreadAllocatedBytes() - a);
        }
        long allocated = 0;
        int failures = 0;
        for (int i = WARM_UP; i < frames.length; i++) {
            long before = mx.getCurrentThreadAllocatedBytes();
            int result = decoder.apply(frames[i], 0, frames[i].length);
            allocated += mx.getCurrentThreadAllocatedBytes() - before - calibration;
            failures += result == DeltaDecoder.OK ? 0 : 1;
        }
        assertEquals(0, failures);
        assertEquals(0, allocated, "bytes allocated by " + MEASURED + " steady-state messages");
        assertEquals(WARM_UP + MEASURED + 1, decoder.snapshots());
    }
}
