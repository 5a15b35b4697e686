package dev.tickcast.game.interest;

/**
 * What each viewer (a player id {@code 0..maxViewers-1}) sees: nothing, a circle or an
 * axis-aligned rectangle, set by the game whenever it likes (typically each step, around the
 * player's own entity). {@link ViewCells} reads it when it updates.
 *
 * <p>Both shapes are stored as a rounded rectangle: a core rectangle of half extents
 * (halfW, halfH) around (x, y), grown by a radius r. A circle is halfW = halfH = 0; a rectangle is
 * r = 0. A point p is in the view when its distance to the core is at most r. Owned by the room's
 * thread; allocation-free.
 */
public final class Views {
    private final boolean[] set;
    private final double[] x;
    private final double[] y;
    private final double[] halfW;
    private final double[] halfH;
    private final double[] radius;

    /** Creates views for player ids {@code 0..maxViewers-1}, all empty. */
    public Views(int maxViewers) {
        if (maxViewers < 1) {
            throw new IllegalArgumentException("maxViewers must be at least 1: " + maxViewers);
        }
        set = new boolean[maxViewers];
        x = new double[maxViewers];
        y = new double[maxViewers];
        halfW = new double[maxViewers];
        halfH = new double[maxViewers];
        radius = new double[maxViewers];
    }

    /** The number of viewer slots. */
    public int maxViewers() {
        return set.length;
    }

    /** Viewer {@code v} sees the disc of radius {@code r} around (x, y). */
    public void setCircle(int v, double cx, double cy, double r) {
        put(v, cx, cy, 0, 0, r);
    }

    /** Viewer {@code v} sees the rectangle {@code [x - halfW, x + halfW] x [y - halfH, y + halfH]}. */
    public void setRect(int v, double cx, double cy, double hw, double hh) {
        put(v, cx, cy, hw, hh, 0);
    }

    /** Viewer {@code v} sees nothing (its watched cells are all left at the next update). */
    public void clear(int v) {
        check(v);
        set[v] = false;
    }

    /** True if viewer {@code v} has a view. */
    public boolean isSet(int v) {
        return set[v];
    }

    /** The centre x of viewer {@code v}'s view. */
    public double x(int v) {
        return x[v];
    }

    /** The centre y of viewer {@code v}'s view. */
    public double y(int v) {
        return y[v];
    }

    /** The core rectangle's half width (0 for a circle). */
    public double halfW(int v) {
        return halfW[v];
    }

    /** The core rectangle's half height (0 for a circle). */
    public double halfH(int v) {
        return halfH[v];
    }

    /** The radius around the core (0 for a rectangle). */
    public double radius(int v) {
        return radius[v];
    }

    /** True if the point is in viewer {@code v}'s view (false if it has none). */
    public boolean contains(int v, double px, double py) {
        if (!set[v]) {
            return false;
        }
        double dx = Math.max(0, Math.abs(px - x[v]) - halfW[v]);
        double dy = Math.max(0, Math.abs(py - y[v]) - halfH[v]);
        return dx * dx + dy * dy <= radius[v] * radius[v];
    }

    private void put(int v, double cx, double cy, double hw, double hh, double r) {
        check(v);
        finite("x", cx);
        finite("y", cy);
        nonNegative("half width", hw);
        nonNegative("half height", hh);
        nonNegative("radius", r);
        set[v] = true;
        x[v] = cx;
        y[v] = cy;
        halfW[v] = hw;
        halfH[v] = hh;
        radius[v] = r;
    }

    private void check(int v) {
        if (v < 0 || v >= set.length) {
            throw new IllegalArgumentException("viewer " + v + " is not in 0.." + (set.length - 1));
        }
    }

    private static void finite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("view " + what + " must be finite: " + value);
        }
    }

    private static void nonNegative(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("view " + what + " must be finite and at least 0: " + value);
        }
    }
}
