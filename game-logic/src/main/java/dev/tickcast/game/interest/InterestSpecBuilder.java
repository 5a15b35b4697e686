package dev.tickcast.game.interest;

import dev.tickcast.state.Field;
import dev.tickcast.state.FieldType;
import dev.tickcast.state.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds an {@link InterestSpec}; each call checks its arguments at once and throws
 * IllegalArgumentException naming the mistake. Not reusable after {@link #build()}.
 */
public final class InterestSpecBuilder {
    Grid grid;
    double homeMargin = Double.NaN;
    double unsubscribeMargin = Double.NaN;
    int keys;
    final List<PositionedTable> positioned = new ArrayList<>();
    final List<KeyedTable> keyed = new ArrayList<>();
    final List<Table> globals = new ArrayList<>();
    final List<OwnerOnlyFields> ownerOnly = new ArrayList<>();

    InterestSpecBuilder() {
    }

    /** The grid: cells of side {@code cellSize} over a world {@code [0, width] x [0, height]}. */
    public InterestSpecBuilder grid(double cellSize, double width, double height) {
        grid = new Grid(cellSize, width, height);
        return this;
    }

    /** The home margin h (default S / 8): at least 0, at most S / 2. */
    public InterestSpecBuilder homeMargin(double h) {
        if (!(h >= 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException("home margin must be finite and at least 0: " + h);
        }
        homeMargin = h;
        return this;
    }

    /** The unsubscribe margin beyond h (default S / 8): at least 0 and finite. */
    public InterestSpecBuilder unsubscribeMargin(double margin) {
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("unsubscribe margin must be finite and at least 0: " + margin);
        }
        unsubscribeMargin = margin;
        return this;
    }

    /** Declares a positioned table whose entities' centres are its QFLOAT fields {@code x} and {@code y}. */
    public InterestSpecBuilder positioned(Table table, Field x, Field y) {
        undeclared(table);
        fieldOf(table, x, FieldType.QFLOAT, "x");
        fieldOf(table, y, FieldType.QFLOAT, "y");
        if (x == y) {
            throw new IllegalArgumentException(table.schema().name() + ": x and y are the same field " + x);
        }
        positioned.add(new PositionedTable(table, x, y));
        return this;
    }

    /**
     * The number of interest keys, {@code 1..}{@link InterestSpec#MAX_KEYS} (default 0: none): key
     * {@code k} is the cell {@link InterestSpec#keyCell key cell} {@code grid cells + k}, which a viewer
     * watches while it holds the key ({@link Views#addKey}), wherever its view is.
     */
    public InterestSpecBuilder keys(int count) {
        if (count < 1 || count > InterestSpec.MAX_KEYS) {
            throw new IllegalArgumentException("key count must be in 1.." + InterestSpec.MAX_KEYS + ": " + count);
        }
        keys = count;
        return this;
    }

    /**
     * Declares a keyed table: its entities are sent by the interest key in their INT field {@code key}
     * (a team's shared state), not by position; one whose key is outside {@code 0..keys-1} is sent to
     * nobody. Needs {@link #keys}.
     */
    public InterestSpecBuilder keyed(Table table, Field key) {
        undeclared(table);
        fieldOf(table, key, FieldType.INT, "key");
        keyed.add(new KeyedTable(table, key));
        return this;
    }

    /** Declares a table sent to every viewer (a scoreboard, the match clock). */
    public InterestSpecBuilder global(Table table) {
        undeclared(table);
        globals.add(table);
        return this;
    }

    /**
     * Declares {@code fields} of {@code table} owner-only: only the player whose id is in the entity's
     * INT field {@code owner} receives them. Once per table; the table must be declared positioned, keyed or
     * global by {@link #build()}; a position field cannot be owner-only.
     */
    public InterestSpecBuilder ownerOnly(Table table, Field owner, Field... fields) {
        if (table == null) {
            throw new IllegalArgumentException("owner-only fields need a table");
        }
        fieldOf(table, owner, FieldType.INT, "owner");
        return owned(table, owner, fields);
    }

    /**
     * Declares {@code fields} of {@code table} body-only: only the player whose body the entity is
     * (the entity its {@code Game.onJoin} returned) receives them, say the last input it applied
     * (every other viewer would pay for its jitter). Once per table, as {@link #ownerOnly}.
     */
    public InterestSpecBuilder bodyOnly(Table table, Field... fields) {
        if (table == null) {
            throw new IllegalArgumentException("body-only fields need a table");
        }
        return owned(table, null, fields);
    }

    private InterestSpecBuilder owned(Table table, Field owner, Field... fields) {
        if (fields == null || fields.length == 0) {
            throw new IllegalArgumentException(table.schema().name() + ": no owner-only field given");
        }
        for (OwnerOnlyFields o : ownerOnly) {
            if (o.table() == table) {
                throw new IllegalArgumentException(table.schema().name() + ": owner-only fields declared twice");
            }
        }
        List<Field> list = Arrays.asList(fields);
        for (int i = 0; i < fields.length; i++) {
            Field f = fields[i];
            fieldOf(table, f, null, "owner-only");
            if (f == owner || list.indexOf(f) != i) {
                throw new IllegalArgumentException(f + " is the owner field or listed twice");
            }
        }
        ownerOnly.add(new OwnerOnlyFields(table, owner, list));
        return this;
    }

    /** Checks the whole declaration and returns the immutable spec. */
    public InterestSpec build() {
        if (grid == null) {
            throw new IllegalArgumentException("an interest spec needs a grid");
        }
        double s = grid.cellSize();
        homeMargin = Double.isNaN(homeMargin) ? s / 8 : homeMargin;
        unsubscribeMargin = Double.isNaN(unsubscribeMargin) ? s / 8 : unsubscribeMargin;
        if (homeMargin > s / 2) {
            throw new IllegalArgumentException("home margin " + homeMargin + " is over half the cell side " + s);
        }
        if (keyed.isEmpty() != (keys == 0)) {
            throw new IllegalArgumentException(keys == 0 ? "keyed tables need keys(count)"
                    : keys + " interest keys declared but no keyed table");
        }
        for (OwnerOnlyFields o : ownerOnly) {
            checkOwnerOnly(o);
        }
        return new InterestSpec(this);
    }

    private void checkOwnerOnly(OwnerOnlyFields o) {
        for (PositionedTable p : positioned) {
            if (p.table() == o.table()) {
                if (o.fields().contains(p.x()) || o.fields().contains(p.y())) {
                    throw new IllegalArgumentException(o.table().schema().name() + ": a position field cannot be owner-only");
                }
                return;
            }
        }
        for (KeyedTable k : keyed) {
            if (k.table() == o.table()) {
                if (o.fields().contains(k.key())) {
                    throw new IllegalArgumentException(o.table().schema().name() + ": a key field cannot be owner-only");
                }
                return;
            }
        }
        if (!globals.contains(o.table())) {
            throw new IllegalArgumentException(o.table().schema().name()
                    + " has owner-only fields but is neither positioned, keyed nor global");
        }
    }

    private void undeclared(Table table) {
        if (table == null) {
            throw new IllegalArgumentException("table is null");
        }
        boolean seen = globals.contains(table);
        for (PositionedTable p : positioned) {
            seen |= p.table() == table;
        }
        for (KeyedTable k : keyed) {
            seen |= k.table() == table;
        }
        if (seen) {
            throw new IllegalArgumentException("table " + table.schema().name() + " is declared twice");
        }
    }

    private static void fieldOf(Table table, Field field, FieldType type, String role) {
        if (field == null || field.schema() != table.schema()) {
            throw new IllegalArgumentException(role + " field " + field + " is not a field of " + table.schema().name());
        }
        if (type != null && field.type() != type) {
            throw new IllegalArgumentException(role + " field " + field + " must be " + type + ", not " + field.type());
        }
    }
}
