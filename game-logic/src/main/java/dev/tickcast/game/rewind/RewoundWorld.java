package dev.tickcast.game.rewind;

import dev.tickcast.game.interest.CellLayout;
import dev.tickcast.state.Field;
import dev.tickcast.state.FieldType;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.Table;
import dev.tickcast.state.TableSnapshot;

/**
 * The world as one player saw it when it sent the message being handled (lag compensation): the two
 * snapshots it drew between and where it was between them, read from the room's snapshot ring, with
 * nothing recorded per entity. Get it with {@code RoomContext.rewind(playerId)} from {@code onInput}
 * or {@code onMessage}; it is the room's one reused view, valid until that call returns.
 *
 * <p>Rows are those of the later snapshot ({@code b}) that the player had: in a room with interest
 * management only entities of cells it held then (and global tables). Values are read the way the
 * SDK's {@code Interpolator} draws them: QFLOAT fields blended linearly between the two snapshots
 * ({@link #getFloat}), or along the shorter arc for angles in radians ({@link #getAngle}), other
 * fields from the nearer snapshot; an entity absent from the earlier snapshot (or not held there)
 * shows its later values. Tables and fields are the game's own handles (the present is still
 * {@code RoomContext.world()}). No allocation. A view of no snapshot (none sent to the player yet)
 * has no rows.
 */
public final class RewoundWorld {
    private static final double TWO_PI = 2 * Math.PI;

    private ViewReason reason = ViewReason.NO_VIEW;
    private Snapshot a;
    private Snapshot b;
    private double t;
    private int ageMs;
    // interest: what the seat held at a and b (cells == null: the whole world)
    private CellHistory cells;
    private SentSnapshots sent;
    private int seat;
    private long seqA;
    private long seqB;
    private CellLayout layoutA;
    private CellLayout layoutB;

    RewoundWorld() {
    }

    /** Shows {@code a} blended {@code t} of the way to {@code b} (both null: nothing), judged {@code why}. */
    void set(ViewReason why, Snapshot from, Snapshot to, double fraction, int age) {
        reason = why;
        a = from;
        b = to;
        t = fraction;
        ageMs = age;
        cells = null;
    }

    /** Filters rows by the cells {@code seat} watched when broadcasts {@code from} and {@code to} were sent. */
    void filter(CellHistory history, SentSnapshots record, int player, long from, long to) {
        cells = history;
        sent = record;
        seat = player;
        seqA = from;
        seqB = to;
        layoutA = a == null ? null : history.layout(a.tick());
        layoutB = b == null ? null : history.layout(b.tick());
    }

    /** How the stamp was judged; anything but {@link ViewReason#EXACT} is a {@link #clamped()} view. */
    public ViewReason reason() {
        return reason;
    }

    /** True if the view is not the one the player stamped (no stamp, refused, too old, or disagreeing). */
    public boolean clamped() {
        return reason() != ViewReason.EXACT;
    }

    /** The tick of the earlier snapshot ({@code a}), or -1 for a view of nothing. */
    public int tick() {
        return a == null ? Snapshot.NO_TICK : a.tick();
    }

    /** The tick of the later snapshot ({@code b}; {@link #tick()} when the view is one snapshot). */
    public int nextTick() {
        return b == null ? Snapshot.NO_TICK : b.tick();
    }

    /** Where the view is between the two snapshots, 0 to 1. */
    public float fraction() {
        return (float) t;
    }

    /** How old the view is, in ms of server time, from the room's current tick. */
    public int ageMs() {
        return ageMs;
    }

    /** The rows of {@code table} in the view's later snapshot (some may not have been seen: {@link #seen}). */
    public int size(Table table) {
        return b == null ? 0 : b.table(table.index()).count();
    }

    /** The entity id of a row. */
    public int id(Table table, int row) {
        return b.table(table.index()).id(row);
    }

    /** True if the player had this row's entity (always, without interest management). */
    public boolean seen(Table table, int row) {
        return cells == null || held(layoutB, seqB, table.index(), row);
    }

    /** The row of entity {@code id} in the view, or -1 if the player did not have it. */
    public int rowOf(Table table, int id) {
        if (b == null) {
            return -1;
        }
        int row = b.table(table.index()).rowOf(id);
        return row >= 0 && seen(table, row) ? row : -1;
    }

    /** A QFLOAT field blended linearly, as drawn (an INT field as drawn too: from the nearer snapshot). */
    public float getFloat(Table table, int row, Field field) {
        if (field.type() == FieldType.INT) {
            return getInt(table, row, field);
        }
        return (float) blend(table.index(), rowA(table.index(), row), row, check(field, FieldType.QFLOAT), false);
    }

    /** A QFLOAT field holding an angle in radians, blended along the shorter arc. */
    public float getAngle(Table table, int row, Field field) {
        return (float) blend(table.index(), rowA(table.index(), row), row, check(field, FieldType.QFLOAT), true);
    }

    /** An INT field from the nearer snapshot. */
    public int getInt(Table table, int row, Field field) {
        int f = check(field, FieldType.INT);
        int ti = table.index();
        int ra = nearA(ti, row);
        return ra >= 0 ? a.table(ti).value(ra, f) : b.table(ti).value(row, f);
    }

    /** A BOOL field from the nearer snapshot. */
    public boolean getBool(Table table, int row, Field field) {
        int f = check(field, FieldType.BOOL);
        int ti = table.index();
        int ra = nearA(ti, row);
        return (ra >= 0 ? a.table(ti).value(ra, f) : b.table(ti).value(row, f)) != 0;
    }

    /** A STRING field from the nearer snapshot. */
    public String getString(Table table, int row, Field field) {
        int f = check(field, FieldType.STRING);
        int ti = table.index();
        int ra = nearA(ti, row);
        return ra >= 0 ? a.table(ti).string(ra, f) : b.table(ti).string(row, f);
    }

    /**
     * The rows of {@code table} the player had whose position ({@code x}, {@code y}, as drawn) is
     * within {@code radius} of ({@code px}, {@code py}), written into {@code rows} (at most its
     * length, in id order); returns how many.
     */
    public int near(Table table, Field x, Field y, float px, float py, float radius, int[] rows) {
        if (b == null) {
            return 0;
        }
        int ti = table.index();
        int fx = check(x, FieldType.QFLOAT);
        int fy = check(y, FieldType.QFLOAT);
        TableSnapshot tb = b.table(ti);
        TableSnapshot ta = a == b ? null : a.table(ti);
        double r2 = (double) radius * radius;
        int n = 0;
        int ra = 0;
        for (int row = 0; row < tb.count() && n < rows.length; row++) {
            if (cells != null && !held(layoutB, seqB, ti, row)) {
                continue;
            }
            int rowA = -1;
            if (ta != null) { // a merge walk: both tables list ids in increasing order
                int id = tb.id(row);
                while (ra < ta.count() && ta.id(ra) < id) {
                    ra++;
                }
                rowA = ra < ta.count() && ta.id(ra) == id && (cells == null || held(layoutA, seqA, ti, ra)) ? ra : -1;
            }
            double dx = blend(ti, rowA, row, fx, false) - px;
            double dy = blend(ti, rowA, row, fy, false) - py;
            if (dx * dx + dy * dy <= r2) {
                rows[n++] = row;
            }
        }
        return n;
    }

    /** The value of QFLOAT field {@code f} as the SDK draws it: a's value plus t of the way to b's (the short arc for angles). */
    private double blend(int ti, int rowA, int rowB, int f, boolean angle) {
        TableSnapshot tb = b.table(ti);
        double scale = tb.schema().field(f).scale();
        double vb = tb.value(rowB, f) / scale;
        if (rowA < 0) {
            return vb;
        }
        double va = a.table(ti).value(rowA, f) / scale;
        double d = angle ? angleDelta(va, vb) : vb - va;
        return va + d * t;
    }

    /** b - a for angles in radians, wrapped into [-pi, pi) as the SDK does. */
    private static double angleDelta(double va, double vb) {
        double d = (vb - va + Math.PI) % TWO_PI;
        return (d < 0 ? d + TWO_PI : d) - Math.PI;
    }

    /** The row of {@code b}'s row {@code rowB} in {@code a}, or -1 if a is b, lacks it, or the player did not hold it there. */
    private int rowA(int ti, int rowB) {
        if (a == b) {
            return -1;
        }
        int row = a.table(ti).rowOf(b.table(ti).id(rowB));
        return row >= 0 && (cells == null || held(layoutA, seqA, ti, row)) ? row : -1;
    }

    /** The row in {@code a} to read a held field from (the nearer snapshot, as the SDK draws), or -1 to read b's. */
    private int nearA(int ti, int rowB) {
        return t < 0.5 ? rowA(ti, rowB) : -1;
    }

    /** True if the seat held the row of snapshot {@code layout}: a global table, or its home cell watched when sent. */
    private boolean held(CellLayout layout, long sequence, int ti, int row) {
        if (!cells.cellTable(ti)) {
            return true;
        }
        return layout != null && sent.watched(seat, sequence, layout.home(ti, row));
    }

    private static int check(Field field, FieldType type) {
        if (field.type() != type) {
            throw new IllegalArgumentException(field + " is " + field.type() + ", not " + type);
        }
        return field.index();
    }
}
