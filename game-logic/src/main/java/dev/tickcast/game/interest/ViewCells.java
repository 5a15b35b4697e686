package dev.tickcast.game.interest;

import java.util.Arrays;

/**
 * The cells each viewer watches, with hysteresis on subscriptions, and per update the cells each
 * viewer entered and left (the engine sends a cell keyframe for each cell entered and a cell drop
 * for each cell left).
 *
 * <p>Rules, with d the Euclidean distance between a cell's square and the viewer's view (0 if they
 * overlap), h the home margin and u the unsubscribe margin of the {@link InterestSpec}: a cell not
 * watched is entered when {@code d <= h}; a watched cell is left when {@code d > h + u}; a viewer
 * with no view leaves every grid cell. Since every entity's centre is within h of its home cell
 * ({@link CellIndex}), every entity whose centre is in the view is homed in a watched cell, as long
 * as both are updated from the same positions and views. A viewer that moves back and forth by
 * less than u enters and leaves nothing after its first update there.
 *
 * <p>Interest keys ({@link Views#addKey}): a viewer watches the key cell ({@link InterestSpec#keyCell})
 * of every key it holds, whatever its shape (or with none); a key cell is entered at the first
 * update after the key was added and left at the first update after it was removed (no margins).
 * Key cells come after the grid's cells in every list, as their keys are larger.
 *
 * <p>Lists come in increasing cell-key order: {@code watched(v, 0..watchedCount(v)-1)}, likewise
 * entered and left (valid until the next update of that viewer). Allocation: per-viewer arrays
 * grow by doubling when a viewer watches more cells than ever before; otherwise an update
 * allocates nothing and costs O(cells watched + cells in the view's bounding box). Owned by the
 * room's thread.
 */
public final class ViewCells {
    private static final int INITIAL_CELLS = 16;

    private final Grid grid;
    private final int keys;
    private final double subscribe;
    private final double keep;
    private final int[][] watched;
    private final int[][] spare;
    private final int[] watchedCount;
    private final int[][] entered;
    private final int[] enteredCount;
    private final int[][] left;
    private final int[] leftCount;

    /** Creates empty subscriptions for viewers {@code 0..maxViewers-1} on the grid and margins of {@code spec}. */
    public ViewCells(InterestSpec spec, int maxViewers) {
        if (maxViewers < 1) {
            throw new IllegalArgumentException("maxViewers must be at least 1: " + maxViewers);
        }
        this.grid = spec.grid();
        this.keys = spec.keys();
        double eps = grid.cellSize() * 1e-6;
        this.subscribe = spec.homeMargin() + eps;
        this.keep = spec.homeMargin() + spec.unsubscribeMargin() + eps;
        watched = new int[maxViewers][INITIAL_CELLS];
        spare = new int[maxViewers][INITIAL_CELLS];
        watchedCount = new int[maxViewers];
        entered = new int[maxViewers][INITIAL_CELLS];
        enteredCount = new int[maxViewers];
        left = new int[maxViewers][INITIAL_CELLS];
        leftCount = new int[maxViewers];
    }

    /** The number of viewer slots. */
    public int maxViewers() {
        return watchedCount.length;
    }

    /** Updates every viewer from {@code views} (which must have at least as many slots). */
    public void update(Views views) {
        if (views.maxViewers() < watchedCount.length) {
            throw new IllegalArgumentException(views.maxViewers() + " views for " + watchedCount.length + " viewers");
        }
        for (int v = 0; v < watchedCount.length; v++) {
            update(views, v);
        }
    }

    /** Updates viewer {@code v} from its view and keys in {@code views}. */
    public void update(Views views, int v) {
        if (views.keyLimit() > keys) {
            throw new IllegalArgumentException("views with " + views.keyLimit() + " keys for a spec of " + keys);
        }
        enteredCount[v] = 0;
        leftCount[v] = 0;
        int oldCount = watchedCount[v];
        int oldGrid = gridCount(watched[v], oldCount);
        updateGrid(views, v, oldGrid);
        updateKeys(views, v, oldGrid, oldCount);
    }

    /** The number of grid cells among the first {@code n} (sorted) of {@code cells}. */
    private int gridCount(int[] cells, int n) {
        int g = grid.cellCount();
        int i = n;
        while (i > 0 && cells[i - 1] >= g) {
            i--;
        }
        return i;
    }

    /** The grid cells of viewer {@code v}; watched[v] is then its grid cells, the old key cells still in spare[v]. */
    private void updateGrid(Views views, int v, int oldCount) {
        int[] old = watched[v];
        if (!views.isSet(v)) {
            for (int i = 0; i < oldCount; i++) {
                addLeft(v, old[i]);
            }
            watched[v] = spare[v];
            spare[v] = old;
            watchedCount[v] = 0;
            return;
        }
        double cx = views.x(v);
        double cy = views.y(v);
        double hw = views.halfW(v);
        double hh = views.halfH(v);
        double r = views.radius(v);
        int[] next = spare[v].length >= oldCount ? spare[v] : new int[old.length];
        double keepSq = (r + keep) * (r + keep);
        int kept = 0;
        for (int i = 0; i < oldCount; i++) {
            int c = old[i];
            if (grid.distanceSq(c, cx, cy, hw, hh) <= keepSq) {
                next[kept++] = c;
            } else {
                addLeft(v, c);
            }
        }
        enterScan(v, old, oldCount, cx, cy, hw, hh, r);
        next = merge(next, kept, entered[v], enteredCount[v]);
        spare[v] = old;
        watched[v] = next;
        watchedCount[v] = kept + enteredCount[v];
    }

    /**
     * Appends the key cells of {@code views}' keys to viewer {@code v}'s grid cells, reporting those
     * entered and left against the old key cells {@code spare[v][oldGrid..oldCount)}.
     */
    private void updateKeys(Views views, int v, int oldGrid, int oldCount) {
        int[] old = spare[v];
        int n = views.keyCount(v);
        int count = watchedCount[v];
        if (watched[v].length < count + n) {
            watched[v] = Arrays.copyOf(watched[v], Math.max(count + n, watched[v].length * 2));
        }
        int[] next = watched[v];
        int i = oldGrid;
        for (int j = 0; j < n; j++) {
            int cell = grid.cellCount() + views.key(v, j);
            while (i < oldCount && old[i] < cell) {
                addLeft(v, old[i++]);
            }
            if (i < oldCount && old[i] == cell) {
                i++;
            } else {
                addEntered(v, cell);
            }
            next[count++] = cell;
        }
        while (i < oldCount) {
            addLeft(v, old[i++]);
        }
        watchedCount[v] = count;
    }

    /** Forgets viewer {@code v}'s subscriptions without reporting them left (its client is gone). */
    public void forget(int v) {
        watchedCount[v] = 0;
        enteredCount[v] = 0;
        leftCount[v] = 0;
    }

    private void enterScan(int v, int[] old, int oldCount, double cx, double cy, double hw, double hh, double r) {
        double reach = r + subscribe;
        double reachSq = reach * reach;
        int c0 = grid.columnOf(cx - hw - reach);
        int c1 = grid.columnOf(cx + hw + reach);
        int r0 = grid.rowOf(cy - hh - reach);
        int r1 = grid.rowOf(cy + hh + reach);
        int p = 0;
        for (int row = r0; row <= r1; row++) {
            for (int col = c0; col <= c1; col++) {
                int key = grid.cell(col, row);
                while (p < oldCount && old[p] < key) {
                    p++;
                }
                if ((p >= oldCount || old[p] != key) && grid.distanceSq(key, cx, cy, hw, hh) <= reachSq) {
                    addEntered(v, key);
                }
            }
        }
    }

    /** Merges the sorted {@code b[0..nb)} into the sorted {@code a[0..na)}, from the back; returns a (maybe grown). */
    private static int[] merge(int[] a, int na, int[] b, int nb) {
        int[] out = na + nb <= a.length ? a : Arrays.copyOf(a, Math.max(na + nb, a.length * 2));
        int i = na - 1;
        int j = nb - 1;
        int k = na + nb - 1;
        while (j >= 0) {
            out[k--] = i >= 0 && out[i] > b[j] ? out[i--] : b[j--];
        }
        return out;
    }

    private void addEntered(int v, int cell) {
        if (enteredCount[v] == entered[v].length) {
            entered[v] = Arrays.copyOf(entered[v], entered[v].length * 2);
        }
        entered[v][enteredCount[v]++] = cell;
    }

    private void addLeft(int v, int cell) {
        if (leftCount[v] == left[v].length) {
            left[v] = Arrays.copyOf(left[v], left[v].length * 2);
        }
        left[v][leftCount[v]++] = cell;
    }

    /** The number of cells viewer {@code v} watches. */
    public int watchedCount(int v) {
        return watchedCount[v];
    }

    /** The {@code i}-th watched cell of viewer {@code v}, in increasing key order. */
    public int watched(int v, int i) {
        return watched[v][i];
    }

    /** True if viewer {@code v} watches {@code cell} (binary search). */
    public boolean watches(int v, int cell) {
        return Arrays.binarySearch(watched[v], 0, watchedCount[v], cell) >= 0;
    }

    /** The number of cells viewer {@code v} entered at its last update. */
    public int enteredCount(int v) {
        return enteredCount[v];
    }

    /** The {@code i}-th cell viewer {@code v} entered at its last update, in increasing key order. */
    public int entered(int v, int i) {
        return entered[v][i];
    }

    /** The number of cells viewer {@code v} left at its last update. */
    public int leftCount(int v) {
        return leftCount[v];
    }

    /** The {@code i}-th cell viewer {@code v} left at its last update, in increasing key order. */
    public int left(int v, int i) {
        return left[v][i];
    }
}
