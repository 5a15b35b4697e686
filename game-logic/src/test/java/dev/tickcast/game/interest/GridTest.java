package dev.tickcast.game.interest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GridTest {
    @Test
    void shouldCoverTheWorldWithDenseCells() {
        Grid grid = new Grid(300, 1000, 650);
        assertEquals(4, grid.columns(), "ceil(1000 / 300)");
        assertEquals(3, grid.rows(), "ceil(650 / 300)");
        assertEquals(12, grid.cellCount());
        assertEquals(grid.cell(3, 2), grid.cellOf(999, 649));
        assertEquals(7, grid.cell(3, 1));
        assertEquals(3, grid.column(7));
        assertEquals(1, grid.row(7));
    }

    @Test
    void shouldClampPositionsToTheWorld() {
        Grid grid = new Grid(100, 1000, 1000);
        assertEquals(0, grid.cellOf(-50, -1e9));
        assertEquals(0, grid.cellOf(Double.NaN, Double.NaN), "NaN counts as 0");
        assertEquals(grid.cell(9, 9), grid.cellOf(1000, 1000), "the far edge belongs to the last cell");
        assertEquals(grid.cell(9, 0), grid.cellOf(5000, 0));
        assertEquals(1000, grid.clampX(1234));
        assertEquals(0, grid.clampY(-1));
    }

    @Test
    void shouldMeasureDistanceFromACellToARectangle() {
        Grid grid = new Grid(100, 1000, 1000);
        int cell = grid.cell(2, 3);
        assertEquals(0, grid.distanceSq(cell, 250, 350, 0, 0), "inside");
        assertEquals(0, grid.distanceSq(cell, 200, 300, 0, 0), "on the corner");
        assertEquals(50 * 50, grid.distanceSq(cell, 150, 350, 0, 0), "50 to the left");
        assertEquals(30 * 30 + 40 * 40, grid.distanceSq(cell, 330, 440, 0, 0), "off the far corner");
        assertEquals(10 * 10, grid.distanceSq(cell, 150, 350, 40, 1), "a rectangle 10 short of the cell");
        assertEquals(0, grid.distanceSq(cell, 150, 350, 60, 1), "a rectangle overlapping the cell");
    }

    @Test
    void shouldRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Grid(0, 100, 100));
        assertThrows(IllegalArgumentException.class, () -> new Grid(Double.NaN, 100, 100));
        assertThrows(IllegalArgumentException.class, () -> new Grid(10, Double.POSITIVE_INFINITY, 100));
        assertThrows(IllegalArgumentException.class, () -> new Grid(10, 100, -1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Grid(1, 8000, 8000));
        assertEquals(true, e.getMessage().contains("64000000 cells"), e.getMessage());
    }
}
