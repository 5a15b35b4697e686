package dev.tickcast.game.interest;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * In the steady state (tables and watched sets no bigger than before) updating the index and the
 * subscriptions allocates nothing: measured with HotSpot's per-thread allocation counter, which
 * counts every heap allocation of this thread (a JMH GC profile of the wired engine comes later).
 */
class InterestAllocationTest {
    @Test
    void steadyStateUpdatesAllocateNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        RandomWalkWorld w = new RandomWalkWorld(42, 8000, 200, 2000, 50, 600);
        for (int i = 0; i < 300; i++) {
            w.step();
        }
        long calibration = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            long a = mx.getCurrentThreadAllocatedBytes();
            calibration = Math.min(calibration, mx.getCurrentThreadAllocatedBytes() - a);
        }
        long allocated = 0;
        for (int i = 0; i < 200; i++) {
            w.move();
            long before = mx.getCurrentThreadAllocatedBytes();
            w.updateInterest();
            allocated += mx.getCurrentThreadAllocatedBytes() - before - calibration;
        }
        assertEquals(0, allocated, "bytes allocated by 200 steady-state updates");
    }
}
