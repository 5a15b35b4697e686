package dev.tickcast.game.interest;

import java.util.Arrays;

/**
 * What each viewer (a player id {@code 0..maxViewers-1}) sees: nothing, a circle or an
 * axis-aligned rectangle, set by the game whenever it likes (typically each step, around the
 * player's own entity). {@link ViewCells} reads it when it updates.
 *
 * <p>Both shapes are stored as a rounded rectangle: a core rectangle of half extents
 * (halfW, halfH) around (x, y), grown by a radius r. A circle is halfW = halfH = 0; a rectangle is
 * r = 0. A point p is in the view when its distance to the core is at most r.
 *
 * <p>Besides its shape, a viewer holds a set of interest keys (its team, a channel;
 * {@link InterestSpec#keys()}): it watches the key cell of each key it holds, wherever its view is,
 * and so receives the keyed tables' entities of those keys. A viewer with keys but no shape
 * watches only its key cells. Keys are kept per viewer in a small sorted array.
 *
 * <p>Owned by the room's thread; allocation-free (but for the first time a viewer holds more keys
 * than ever before: its key array doubles).
 */
public final class Views {
    private final boolean[] set;
    private final double[] x;
    private final double[] y;
    private final double[] halfW;
    private final double[] halfH;
    private final double[] radius;
    private final int keyLimit;
    private final int[][] keys;
    private final int[] keyCount;

    /** Creates views for player ids {@code 0..maxViewers-1}, all empty, for a spec without interest keys. */
    public Views(int maxViewers) {
        this(maxViewers, 0);
    }

    /**
     * Creates views for player ids {@code 0..maxViewers-1}, all empty, whose viewers may hold interest
     * keys {@code 0..keys-1} (the spec's {@link InterestSpec#keys()}).
     */
    public Views(int maxViewers, int keys) {
        if (maxViewers < 1) {
            throw new IllegalArgumentException("maxViewers must be at least 1: " + maxViewers);
        }
        if (keys < 0 || keys > InterestSpec.MAX_KEYS) {
            throw new IllegalArgumentException("key count must be in 0.." + InterestSpec.MAX_KEYS + ": " + keys);
        }
        keyLimit = keys;
        this.keys = new int[maxViewers][keys == 0 ? 0 : Math.min(keys, 4)];
        keyCount = new int[maxViewers];
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

    /**
     * Viewer {@code v} sees nothing: neither a shape nor any key (its watched cells are all left at
     * the next update). A game calls it when a player leaves, so that the next player given that id
     * inherits nothing; {@link #clearShape} keeps the keys.
     */
    public void clear(int v) {
        clearShape(v);
        keyCount[v] = 0;
    }

    /** Viewer {@code v} loses its shape but keeps its keys (it then watches only its key cells). */
    public void clearShape(int v) {
        check(v);
        set[v] = false;
    }

    /** The number of interest keys a viewer may hold: keys run from 0 to this minus one. */
    public int keyLimit() {
        return keyLimit;
    }

    /** Viewer {@code v} holds interest key {@code k} (in {@code 0..keyLimit()-1}); false if it already did. */
    public boolean addKey(int v, int k) {
        int at = find(v, k);
        if (at >= 0) {
            return false;
        }
        at = -at - 1;
        int n = keyCount[v];
        if (n == keys[v].length) {
            keys[v] = Arrays.copyOf(keys[v], Math.min(keyLimit, Math.max(4, n * 2)));
        }
        System.arraycopy(keys[v], at, keys[v], at + 1, n - at);
        keys[v][at] = k;
        keyCount[v] = n + 1;
        return true;
    }

    /** Viewer {@code v} no longer holds key {@code k}; false if it did not. */
    public boolean removeKey(int v, int k) {
        int at = find(v, k);
        if (at < 0) {
            return false;
        }
        System.arraycopy(keys[v], at + 1, keys[v], at, keyCount[v] - at - 1);
        keyCount[v]--;
        return true;
    }

    /** Viewer {@code v} holds no key (its shape is kept). */
    public void clearKeys(int v) {
        check(v);
        keyCount[v] = 0;
    }

    /** True if viewer {@code v} holds key {@code k}. */
    public boolean hasKey(int v, int k) {
        return find(v, k) >= 0;
    }

    /** The number of keys viewer {@code v} holds. */
    public int keyCount(int v) {
        return keyCount[v];
    }

    /** The {@code i}-th key viewer {@code v} holds, in increasing order. */
    public int key(int v, int i) {
        return keys[v][i];
    }

    private int find(int v, int k) {
        check(v);
        if (k < 0 || k >= keyLimit) {
            throw new IllegalArgumentException("interest key " + k
                    + (keyLimit == 0 ? ": these views have no keys" : " is not in 0.." + (keyLimit - 1)));
        }
        return Arrays.binarySearch(keys[v], 0, keyCount[v], k);
    }

    /** True if viewer {@code v} has a view shape (a circle or a rectangle). */
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
