package dev.tickcast.game.interest;

import dev.tickcast.state.Field;
import dev.tickcast.state.Schema;
import dev.tickcast.state.World;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The key cells a viewer watches: entered when a key is added, left when it is removed, after its grid cells. */
class ViewCellsKeysTest {
    private static final Schema DOT = new Schema("dot");
    private static final Field X = DOT.qfloat("x", 0.01f, true);
    private static final Field Y = DOT.qfloat("y", 0.01f, true);
    private static final Schema TEAM = new Schema("team");
    private static final Field KEY = TEAM.intField("key", false);

    private final World world = new World();
    private final InterestSpec spec = InterestSpec.builder().grid(100, 1000, 1000).homeMargin(12.5).unsubscribeMargin(25)
            .positioned(world.createTable(DOT), X, Y).keys(40).keyed(world.createTable(TEAM), KEY).build();
    private final Grid grid = spec.grid();
    private final Views views = new Views(2, 40);
    private final ViewCells cells = new ViewCells(spec, 2);

    @Test
    void shouldWatchOnlyItsKeyCellsWithoutAShape() {
        views.addKey(1, 7);
        views.addKey(1, 3);
        cells.update(views);
        assertEquals(List.of(key(3), key(7)), watched(1));
        assertEquals(List.of(key(3), key(7)), entered(1));
        assertEquals(List.of(), watched(0), "viewer 0 has neither a shape nor a key");
        assertTrue(cells.watches(1, key(7)));
        cells.update(views);
        assertEquals(List.of(), entered(1), "a key held is entered once");
        assertEquals(List.of(), left(1));
        views.removeKey(1, 3);
        views.addKey(1, 39);
        cells.update(views);
        assertEquals(List.of(key(39)), entered(1));
        assertEquals(List.of(key(3)), left(1));
        assertEquals(List.of(key(7), key(39)), watched(1));
    }

    @Test
    void shouldPutKeyCellsAfterTheGridCellsOfItsView() {
        views.setCircle(0, 550, 550, 100);
        views.addKey(0, 0);
        cells.update(views);
        List<Integer> grid9 = within(550, 550);
        List<Integer> all = new ArrayList<>(grid9);
        all.add(key(0));
        assertEquals(all, watched(0));
        assertEquals(all, entered(0));
        views.setCircle(0, 850, 550, 100);
        views.addKey(0, 5);
        cells.update(views);
        assertEquals(key(5), entered(0).get(entered(0).size() - 1), "grid cells entered, then the key cell");
        assertTrue(entered(0).size() > 1);
        assertEquals(grid.cell(4, 4), left(0).get(0));
        List<Integer> w = watched(0);
        assertEquals(List.of(key(0), key(5)), w.subList(w.size() - 2, w.size()), "keys kept across a move");
        assertTrue(isSorted(w));
        assertTrue(isSorted(left(0)));
    }

    @Test
    void shouldKeepItsKeysWhenItLosesItsShapeAndLeaveThemWhenCleared() {
        views.setRect(0, 500, 500, 150, 50);
        views.addKey(0, 2);
        cells.update(views);
        views.clearShape(0);
        cells.update(views);
        assertEquals(List.of(key(2)), watched(0));
        assertEquals(8, cells.leftCount(0), "the grid cells are left");
        assertEquals(List.of(), entered(0));
        views.setCircle(0, 50, 50, 10);
        cells.update(views);
        assertEquals(List.of(grid.cell(0, 0), key(2)), watched(0));
        assertEquals(List.of(grid.cell(0, 0)), entered(0));
        views.clear(0);
        cells.update(views);
        assertEquals(List.of(grid.cell(0, 0), key(2)), left(0));
        assertEquals(List.of(), watched(0));
    }

    @Test
    void shouldEnterItsKeysAgainAfterForget() {
        views.addKey(0, 1);
        cells.update(views);
        cells.forget(0);
        cells.update(views);
        assertEquals(List.of(key(1)), entered(0), "a new connection enters every key cell");
    }

    @Test
    void shouldGrowWhenAViewerHoldsManyKeys() {
        for (int k = 39; k >= 0; k -= 2) {
            views.addKey(0, k);
        }
        views.setCircle(0, 500, 500, 300);
        cells.update(views);
        assertEquals(within(500, 500, 300).size() + 20, cells.watchedCount(0));
        assertTrue(isSorted(watched(0)));
        views.clearKeys(0);
        cells.update(views);
        assertEquals(20, cells.leftCount(0));
    }

    private int key(int k) {
        return spec.keyCell(k);
    }

    private List<Integer> within(double x, double y) {
        return within(x, y, 100);
    }

    private List<Integer> within(double x, double y, double r) {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < grid.cellCount(); c++) {
            if (grid.distanceSq(c, x, y, 0, 0) <= (r + 12.5) * (r + 12.5)) {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean isSorted(List<Integer> list) {
        for (int i = 1; i < list.size(); i++) {
            if (list.get(i - 1) >= list.get(i)) {
                return false;
            }
        }
        return true;
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
