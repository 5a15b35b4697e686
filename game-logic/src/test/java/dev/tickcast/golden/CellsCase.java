package dev.tickcast.golden;

import dev.tickcast.delta.CellBroadcast;
import dev.tickcast.delta.CellFormat;
import dev.tickcast.game.interest.CellLayout;
import dev.tickcast.game.interest.Interest;
import dev.tickcast.game.interest.InterestSpec;
import dev.tickcast.game.interest.ViewCells;
import dev.tickcast.game.interest.Views;
import dev.tickcast.state.Field;
import dev.tickcast.state.FieldType;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.Table;
import dev.tickcast.state.TableSnapshot;
import dev.tickcast.state.World;
import dev.tickcast.wire.SchemaMessage;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The "cells" golden case (SNAPSHOT_CELLS, docs/PROTOCOL.md 10.10-10.14): what viewer 0 of a
 * 300 x 300 world of 100-unit cells receives from the server's own {@link CellBroadcast}. A keyframe
 * of four cells and a global table; owned entries (its unit's ammo and armed flag); steady motion
 * predicted; a gem eaten and one spawned in a held cell; a skipped snapshot (a delta from an older
 * baseline, no predictor); a unit moving from one held cell to another; the view jumping across the
 * map (drops, entered cells, one cell kept); its own unit no longer held (no owned entry); a string
 * and a bool changing; a keyframe after a lost baseline, then deltas again.
 */
final class CellsCase {
    static final Schema UNIT = new Schema("unit");
    static final Field UX = UNIT.qfloat("x", 0.1f, true);
    static final Field UY = UNIT.qfloat("y", 0.1f, true);
    static final Field OWNER = UNIT.intField("owner", false);
    static final Field AMMO = UNIT.intField("ammo", false);
    static final Field ARMED = UNIT.boolField("armed");
    static final Field NAME = UNIT.stringField("name");
    static final Schema GEM = new Schema("gem");
    static final Field GX = GEM.qfloat("x", 1f, false);
    static final Field GY = GEM.qfloat("y", 1f, false);
    static final Field VALUE = GEM.intField("value", false);
    static final Schema CLOCK = new Schema("clock");
    static final Field TIME = CLOCK.intField("t", true);

    static {
        UNIT.freeze();
        GEM.freeze();
        CLOCK.freeze();
    }

    /** Viewer 0's own entity, its unit "me" (WELCOME's entity id): owned entries name ids against it. */
    static final int BODY = 0;
    private static final int SNAPSHOTS = 14;
    private static final int SKIPPED = 3;
    private static final int LOST = 11;

    private CellsCase() {
    }

    static String write(Map<String, byte[]> files) {
        World world = new World();
        Table units = world.createTable(UNIT);
        Table gems = world.createTable(GEM);
        Table clock = world.createTable(CLOCK);
        world.freeze();
        InterestSpec spec = InterestSpec.builder().grid(100, 300, 300).positioned(units, UX, UY).positioned(gems, GX, GY)
                .global(clock).ownerOnly(units, OWNER, AMMO, ARMED).build();
        Interest interest = new Interest(spec, new Views(2));
        CellBroadcast cells = new CellBroadcast(interest, world, 2);
        files.put("cells/schema.bin", GoldenVectors.frame(new SchemaMessage(List.copyOf(world.schemas()))));
        Snapshot[] ring = {new Snapshot(world.schemas()), new Snapshot(world.schemas()), new Snapshot(world.schemas())};
        Snapshot current = null;
        Snapshot previous = null;
        Snapshot before = null;
        StringBuilder steps = new StringBuilder();
        for (int k = 0; k < SNAPSHOTS; k++) {
            script(k, units, gems, clock, interest.views());
            Snapshot now = ring[k % ring.length];
            now.capture(world, 3 * (k + 1));
            cells.begin(now, before);
            before = now;
            if (k == SKIPPED) {
                continue;
            }
            if (k == LOST) {
                current = null;
                previous = null;
            }
            Snapshot pred = current != null && previous != null
                    && now.tick() - current.tick() == current.tick() - previous.tick() ? previous : null;
            byte[] frame = new byte[cells.message(0, BODY, now, current, pred)];
            cells.copyMessage(frame, 0);
            String stem = String.format("cells/%03d", k);
            files.put(stem + ".bin", frame);
            files.put(stem + ".json", state(now, cells, 0).getBytes(StandardCharsets.UTF_8));
            steps.append(steps.length() == 0 ? "\n" : ",\n").append("{\"frame\":").append(Json.string(stem + ".bin"))
                    .append(",\"state\":").append(Json.string(stem + ".json")).append('}');
            Snapshot copy = new Snapshot(world.schemas());
            copy.copyFrom(now);
            previous = current;
            current = copy;
        }
        return "{\"name\":\"cells\",\"schema\":\"cells/schema.bin\",\"body\":" + BODY + ",\"steps\":[" + steps + "\n]}";
    }

    private static void script(int k, Table units, Table gems, Table clock, Views views) {
        if (k == 0) {
            unit(units, 30, 30, 0, 5, true, "me");
            unit(units, 150, 40, 1, 9, false, "ann");
            unit(units, 250, 250, -1, 0, false, "far");
            gem(gems, 20, 80, 3);
            gem(gems, 120, 120, 1);
            gem(gems, 280, 20, 5);
            clock.addRow();
            views.setCircle(0, 50, 50, 60);
            views.setCircle(1, 250, 250, 60);
            return;
        }
        clock.setInt(0, TIME, k);
        int ann = units.rowOf(1);
        float dx = k < 4 ? 10 : -30;
        units.setFloat(ann, UX, Math.max(0, units.getFloat(ann, UX) + dx));
        switch (k) {
            case 1 -> units.setInt(units.rowOf(0), AMMO, 4);
            case 2 -> {
                gems.remove(gems.id(0));
                gem(gems, 60, 160, 2);
            }
            case 7 -> views.setCircle(0, 250, 250, 60);
            case 9 -> {
                units.setString(units.rowOf(2), NAME, "très loin");
                units.setBool(units.rowOf(2), ARMED, true);
                units.setFloat(units.rowOf(2), UY, 240);
            }
            case 12 -> units.setInt(units.rowOf(2), OWNER, 0);
            default -> {
            }
        }
    }

    private static void unit(Table units, float x, float y, int owner, int ammo, boolean armed, String name) {
        int row = units.addRow();
        units.setFloat(row, UX, x);
        units.setFloat(row, UY, y);
        units.setInt(row, OWNER, owner);
        units.setInt(row, AMMO, ammo);
        units.setBool(row, ARMED, armed);
        units.setString(row, NAME, name);
    }

    private static void gem(Table gems, float x, float y, int value) {
        int row = gems.addRow();
        gems.setFloat(row, GX, x);
        gems.setFloat(row, GY, y);
        gems.setInt(row, VALUE, value);
    }

    /** What the viewer holds: the cells it watches, their entities with owner-only fields at default, and its owned entries. */
    private static String state(Snapshot s, CellBroadcast cells, int viewer) {
        ViewCells vc = cells.viewCells();
        CellLayout layout = cells.layout();
        CellFormat format = cells.format();
        StringBuilder out = new StringBuilder("{\"tick\":").append(s.tick()).append(",\"held\":[");
        for (int i = 0; i < vc.watchedCount(viewer); i++) {
            out.append(i == 0 ? "" : ",").append(vc.watched(viewer, i));
        }
        out.append("],\"tables\":[");
        StringBuilder owned = new StringBuilder();
        for (int i = 0; i < s.tableCount(); i++) {
            TableSnapshot t = s.table(i);
            out.append(i == 0 ? "\n" : ",\n").append("{\"name\":").append(Json.string(t.schema().name())).append(",\"entities\":[");
            int n = 0;
            for (int row = 0; row < t.count(); row++) {
                boolean global = format.global(i);
                if (!global && !vc.watches(viewer, layout.home(i, row))) {
                    continue;
                }
                out.append(n++ == 0 ? "\n" : ",\n").append("{\"id\":").append(t.id(row));
                if (!global) {
                    out.append(",\"cell\":").append(layout.home(i, row));
                }
                fields(out, t, row, format.hidden(i), true);
                out.append('}');
                if (i == 0 && t.value(row, OWNER.index()) == viewer) {
                    owned.append(owned.length() == 0 ? "\n" : ",\n").append("{\"table\":").append(Json.string(t.schema().name()))
                            .append(",\"id\":").append(t.id(row)).append(",\"values\":{");
                    fields(owned, t, row, ~format.hidden(i), false);
                    owned.append("}}");
                }
            }
            out.append("]}");
        }
        return out.append("\n],\"owned\":[").append(owned).append("\n]}\n").toString();
    }

    /** Appends fields: shared (every field, those in {@code mask} as their default), or owned (those not in {@code mask}). */
    private static void fields(StringBuilder out, TableSnapshot t, int row, int mask, boolean asShared) {
        boolean first = !asShared;
        for (Field f : t.schema().fields()) {
            boolean masked = (mask & (1 << f.index())) != 0;
            if (!asShared && masked) {
                continue;
            }
            out.append(first ? "" : ",").append(Json.string(f.name())).append(':');
            first = false;
            boolean zero = asShared && masked;
            if (f.type() == FieldType.STRING) {
                out.append(Json.string(zero ? "" : t.string(row, f.index())));
            } else if (f.type() == FieldType.BOOL) {
                out.append(!zero && t.value(row, f.index()) != 0);
            } else {
                out.append(zero ? 0 : t.value(row, f.index()));
            }
        }
    }
}
