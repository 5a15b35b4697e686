package dev.tickcast.game.interest;

import dev.tickcast.state.Field;
import dev.tickcast.state.Schema;
import dev.tickcast.state.World;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ViewCellsTest {
    private static final Schema DOT = new Schema("dot");
    private static final Field X = DOT.qfloat("x", 0.01f, true);
    private static final Field Y = DOT.qfloat("y", 0.01f, true);

    private final InterestSpec spec = InterestSpec.builder().grid(100, 1000, 1000).homeMargin(12.5).unsubscribeMargin(25)
            .positioned(new World().createTable(DOT), X, Y).build();
    private final Grid grid = spec.grid();
    private final Views views = new Views(2);
    private final ViewCells cells = new ViewCells(spec, 2);

    @Test
    void shouldEnterEveryCellWithinTheHomeMarginOfACircle() {
        views.setCircle(0, 550, 550, 100);
        cells.update(views);
        assertEquals(within(550, 550, 0, 0, 112.5), entered(0));
        assertEquals(9, cells.watchedCount(0), "the 3 x 3 block around (5, 5)");
        assertEquals(entered(0), watched(0));
        assertEquals(0, cells.leftCount(0));
        assertEquals(0, cells.watchedCount(1), "viewer 1 has no view");
        assertTrue(cells.watches(0, grid.cell(4, 6)));
        assertFalse(cells.watches(0, grid.cell(3, 5)));
    }

    @Test
    void shouldEnterEveryCellWithinTheHomeMarginOfARectangle() {
        views.setRect(1, 500, 500, 150, 50);
        cells.update(views);
        assertEquals(within(500, 500, 150, 50, 12.5), watched(1));
        assertEquals(8, cells.watchedCount(1), "columns 3..6, rows 4..5");
    }

    @Test
    void shouldNotChurnWhenTheViewerOscillatesByLessThanTheUnsubscribeMargin() {
        views.setCircle(0, 580, 550, 100);
        cells.update(views);
        int first = cells.watchedCount(0);
        views.setCircle(0, 595, 550, 100);
        cells.update(views);
        assertEquals(List.of(grid.cell(7, 5)), entered(0), "(7, 5) comes within 105 <= 112.5");
        int churn = 0;
        for (int i = 0; i < 100; i++) {
            views.setCircle(0, i % 2 == 0 ? 580 : 595, 550, 100);
            cells.update(views);
            churn += cells.enteredCount(0) + cells.leftCount(0);
        }
        assertEquals(0, churn);
        assertEquals(first + 1, cells.watchedCount(0));
    }

    @Test
    void shouldLeaveCellsOnlyBeyondBothMargins() {
        views.setCircle(0, 595, 550, 100);
        cells.update(views);
        assertTrue(cells.watches(0, grid.cell(7, 5)));
        views.setCircle(0, 563, 550, 100);
        cells.update(views);
        assertTrue(cells.watches(0, grid.cell(7, 5)), "137 from the circle's core, within 100 + 12.5 + 25: kept");
        assertEquals(0, cells.leftCount(0));
        views.setCircle(0, 562, 550, 100);
        cells.update(views);
        assertEquals(List.of(grid.cell(7, 5)), left(0), "138 away: left");
    }

    @Test
    void shouldReportCellsEnteredAndLeftInKeyOrderWhenTheViewerJumps() {
        views.setCircle(0, 150, 150, 100);
        cells.update(views);
        List<Integer> before = watched(0);
        views.setCircle(0, 850, 850, 100);
        cells.update(views);
        assertEquals(before, left(0));
        assertEquals(within(850, 850, 0, 0, 112.5), entered(0));
        assertEquals(entered(0), watched(0));
    }

    @Test
    void shouldLeaveEverythingWhenTheViewIsClearedAndForgetSilently() {
        views.setCircle(0, 500, 500, 250);
        cells.update(views);
        List<Integer> before = watched(0);
        views.clear(0);
        cells.update(views);
        assertEquals(before, left(0));
        assertEquals(0, cells.watchedCount(0));
        views.setCircle(0, 500, 500, 250);
        cells.update(views);
        cells.forget(0);
        assertEquals(0, cells.watchedCount(0));
        cells.update(views, 0);
        assertEquals(before, entered(0), "a forgotten viewer enters every cell again");
        assertEquals(0, cells.leftCount(0));
    }

    @Test
    void shouldGrowForAViewThatCoversTheWorld() {
        views.setRect(0, 500, 500, 500, 500);
        cells.update(views);
        assertEquals(100, cells.watchedCount(0));
        assertEquals(within(500, 500, 500, 500, 12.5), watched(0));
    }

    @Test
    void shouldRefuseBadViews() {
        assertThrows(IllegalArgumentException.class, () -> views.setCircle(2, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> views.setCircle(0, Double.NaN, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> views.setCircle(0, 0, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> views.setRect(0, 0, 0, 1, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new Views(0));
        assertThrows(IllegalArgumentException.class, () -> cells.update(new Views(1)), "fewer views than viewers");
    }

    private List<Integer> within(double x, double y, double hw, double hh, double reach) {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < grid.cellCount(); c++) {
            if (grid.distanceSq(c, x, y, hw, hh) <= reach * reach) {
                out.add(c);
            }
        }
        return out;
    }

    private List<Integer> watched(int v) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < cells.watchedCount(v); i++) {
            out.add(cells.watched(v, i));
        }
        return out;
    }

    private List<Integer> entered(int v) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < cells.enteredCount(v); i++) {
            out.add(cells.entered(v, i));
        }
        return out;
    }

    private List<Integer> left(int v) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < cells.leftCount(v); i++) {
            out.add(cells.left(v, i));
        }
        return out;
    }
}
