package dev.tickcast.game.interest;

/**
 * A dense grid of square cells over a world {@code [0, width] x [0, height]}: {@code ceil(width / S)}
 * columns by {@code ceil(height / S)} rows of side S. A cell's key is {@code row * columns + column},
 * so keys grow in row-major order. Positions outside the world are clamped to it (NaN counts as 0).
 * A cell's square is {@code [column * S, (column + 1) * S] x [row * S, (row + 1) * S]}, even where the
 * last column or row overhangs the world; every distance here is measured to that square. Immutable.
 */
public final class Grid {
    /** The largest number of cells a grid may have (a bigger grid is a mistake in the cell side). */
    public static final int MAX_CELLS = 1 << 20;

    private final double cellSize;
    private final double width;
    private final double height;
    private final int columns;
    private final int rows;

    /**
     * Creates the grid; throws IllegalArgumentException unless every length is positive and finite
     * and the grid has at most {@link #MAX_CELLS} cells.
     */
    public Grid(double cellSize, double width, double height) {
        positive("cell side", cellSize);
        positive("world width", width);
        positive("world height", height);
        double cols = Math.ceil(width / cellSize);
        double rws = Math.ceil(height / cellSize);
        if (cols * rws > MAX_CELLS) {
            throw new IllegalArgumentException("a cell side of " + cellSize + " gives " + (long) (cols * rws)
                    + " cells over " + width + " x " + height + "; at most " + MAX_CELLS);
        }
        this.cellSize = cellSize;
        this.width = width;
        this.height = height;
        this.columns = (int) cols;
        this.rows = (int) rws;
    }

    /** The side S of a cell, in world units. */
    public double cellSize() {
        return cellSize;
    }

    /** The world's width, in world units. */
    public double width() {
        return width;
    }

    /** The world's height, in world units. */
    public double height() {
        return height;
    }

    /** The number of columns, {@code ceil(width / S)}. */
    public int columns() {
        return columns;
    }

    /** The number of rows, {@code ceil(height / S)}. */
    public int rows() {
        return rows;
    }

    /** The number of cells; keys run from 0 to this minus one. */
    public int cellCount() {
        return columns * rows;
    }

    /** The column of a cell key. */
    public int column(int cell) {
        return cell % columns;
    }

    /** The row of a cell key. */
    public int row(int cell) {
        return cell / columns;
    }

    /** The key of the cell at a column and row (both in range). */
    public int cell(int column, int row) {
        return row * columns + column;
    }

    /** The key of the cell that contains the point, after clamping it to the world. */
    public int cellOf(double x, double y) {
        return cell(columnOf(x), rowOf(y));
    }

    /** The column that contains {@code x}, after clamping it to the world. */
    public int columnOf(double x) {
        return Math.min(columns - 1, (int) (clamp(x, width) / cellSize));
    }

    /** The row that contains {@code y}, after clamping it to the world. */
    public int rowOf(double y) {
        return Math.min(rows - 1, (int) (clamp(y, height) / cellSize));
    }

    /** {@code x} clamped to {@code [0, width]}; NaN gives 0. */
    public double clampX(double x) {
        return clamp(x, width);
    }

    /** {@code y} clamped to {@code [0, height]}; NaN gives 0. */
    public double clampY(double y) {
        return clamp(y, height);
    }

    /**
     * The squared Euclidean distance between a cell's square and the rectangle
     * {@code [x - halfW, x + halfW] x [y - halfH, y + halfH]}; 0 if they touch or overlap. With
     * {@code halfW = halfH = 0} it is the squared distance from the point to the cell.
     */
    public double distanceSq(int cell, double x, double y, double halfW, double halfH) {
        double x0 = column(cell) * cellSize;
        double y0 = row(cell) * cellSize;
        double dx = gap(x0, x0 + cellSize, x - halfW, x + halfW);
        double dy = gap(y0, y0 + cellSize, y - halfH, y + halfH);
        return dx * dx + dy * dy;
    }

    private static double gap(double lo, double hi, double otherLo, double otherHi) {
        return Math.max(0, Math.max(lo - otherHi, otherLo - hi));
    }

    private static double clamp(double v, double max) {
        return v > 0 ? Math.min(v, max) : 0;
    }

    private static void positive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be positive and finite: " + v);
        }
    }

    @Override
    public String toString() {
        return "Grid[" + columns + " x " + rows + " cells of " + cellSize + " over " + width + " x " + height + "]";
    }
}
