package dev.tickcast.game.rewind;

import dev.tickcast.game.interest.Grid;
import dev.tickcast.game.interest.InterestSpec;
import dev.tickcast.game.interest.ViewCells;
import dev.tickcast.game.interest.Views;
import dev.tickcast.state.Schema;
import dev.tickcast.state.World;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-seat record of what was sent: a 64-bit mask over broadcast sequence numbers, and watched-cell versions. */
class SentSnapshotsTest {
    private final SentSnapshots sent = new SentSnapshots(2);

    @Test
    void shouldAnswerWasSentAndNextAndEarlierWithTheMask() {
        assertEquals(-1, sent.newest(0));
        assertFalse(sent.wasSent(0, 0));
        for (long seq : new long[] {3, 4, 6, 10}) {
            sent.sent(0, seq);
        }
        assertTrue(sent.wasSent(0, 4));
        assertFalse(sent.wasSent(0, 5));
        assertFalse(sent.wasSent(1, 4), "per seat");
        assertEquals(6, sent.next(0, 4));
        assertEquals(6, sent.next(0, 5));
        assertEquals(10, sent.next(0, 6));
        assertEquals(-1, sent.next(0, 10));
        assertEquals(3, sent.next(0, -5));
        assertEquals(6, sent.atOrBefore(0, 9));
        assertEquals(10, sent.atOrBefore(0, 99));
        assertEquals(-1, sent.atOrBefore(0, 2));
        assertEquals(3, sent.oldest(0));
        sent.sent(0, 10 + 63);
        assertFalse(sent.wasSent(0, 3), "more than 64 broadcasts ago");
        assertTrue(sent.wasSent(0, 10));
        assertEquals(10, sent.oldest(0));
        sent.sent(0, 1000);
        assertEquals(1000, sent.oldest(0));
        assertEquals(1000, sent.next(0, 10));
        assertEquals(-1, sent.atOrBefore(0, 999), "forgotten");
        sent.reset(0);
        assertFalse(sent.wasSent(0, 1000));
        assertEquals(-1, sent.newest(0));
    }

    @Test
    void shouldKeepAVersionOfTheWatchedCellsPerBroadcast() {
        World world = new World();
        Schema s = new Schema("s");
        var x = s.qfloat("x", 0.1f, true);
        var y = s.qfloat("y", 0.1f, true);
        var table = world.createTable(s);
        InterestSpec spec = InterestSpec.builder().grid(100, 1000, 1000).homeMargin(0).unsubscribeMargin(0)
                .positioned(table, x, y).build();
        Grid grid = spec.grid();
        ViewCells cells = new ViewCells(spec, 2);
        Views views = new Views(2);
        long seq = 0;
        for (int step = 0; step < 20; step++) { // a new set every other broadcast
            views.setCircle(0, 50 + 100 * (step / 2), 50, 10);
            cells.update(views, 0);
            sent.sent(0, seq++, cells);
        }
        int first = grid.cell(0, 0);
        int last = grid.cell(9, 0);
        assertTrue(sent.watched(0, 19, last));
        assertFalse(sent.watched(0, 19, first));
        assertFalse(sent.watched(0, 0, first), "8 versions kept of 10: the first set is gone, so nothing counts as seen");
        assertTrue(sent.watched(0, 4, grid.cell(2, 0)), "its version is still kept");
        assertFalse(sent.watched(1, 4, grid.cell(2, 0)), "never sent to seat 1");
    }
}
