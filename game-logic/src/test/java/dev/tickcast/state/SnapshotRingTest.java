package dev.tickcast.state;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The ring of the last 64 snapshots: sequences, recycling, and finding a tick. */
class SnapshotRingTest {
    private final World world = new World();
    private final SnapshotRing ring;

    SnapshotRingTest() {
        Schema s = new Schema("s");
        s.intField("v", false);
        world.createTable(s);
        world.freeze();
        ring = new SnapshotRing(world.schemas());
    }

    @Test
    void shouldFindEveryTickStillHeldAndNumberCaptures() {
        assertEquals(-1, ring.newestSequence());
        assertNull(ring.find(3));
        for (int tick = 3; tick <= 3 * 100; tick += 3) {
            Snapshot s = ring.capture(world, tick);
            assertEquals(tick / 3 - 1, ring.newestSequence());
            assertSame(s, ring.newest());
        }
        assertEquals(36, ring.oldestSequence(), "100 captures, 64 held");
        for (int tick = 3; tick <= 300; tick += 3) {
            Snapshot s = ring.find(tick);
            if (tick / 3 - 1 < 36) {
                assertNull(s, "recycled: " + tick);
            } else {
                assertEquals(tick, s.tick());
                assertEquals(tick / 3 - 1, ring.sequenceOf(tick));
                assertSame(s, ring.at(tick / 3 - 1));
            }
        }
        assertNull(ring.find(301), "never captured");
        assertNull(ring.find(299), "between captures");
        assertNull(ring.find(Snapshot.NO_TICK));
        assertNull(ring.at(100));
        assertNull(ring.at(35));
    }

    @Test
    void shouldStillFindTicksOfIrregularCaptures() {
        int[] ticks = {1, 2, 4, 7, 11, 12, 13};
        for (int t : ticks) {
            ring.capture(world, t);
        }
        for (int i = 0; i < ticks.length; i++) {
            assertEquals(i, ring.sequenceOf(ticks[i]));
        }
        assertEquals(-1, ring.sequenceOf(5));
        assertEquals(2, ring.atOrBefore(6));
        assertEquals(6, ring.atOrBefore(99));
        assertEquals(-1, ring.atOrBefore(0));
        assertThrows(IllegalArgumentException.class, () -> ring.capture(world, 13), "ticks only increase");
    }
}
