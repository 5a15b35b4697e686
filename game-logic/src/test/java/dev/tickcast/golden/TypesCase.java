package dev.tickcast.golden;

import dev.tickcast.state.Field;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.Table;
import dev.tickcast.state.World;

import java.util.Map;

/**
 * The "types" golden case: every field type, bools flipping, non-ASCII and emoji strings,
 * negative and saturated quantized floats, differences on each S-code tier (and across the 32-bit
 * wrap), a 32-field table whose change mask uses bit 31, two entities sharing a change mask (the
 * reuse bit), adds and removes, a skipped snapshot, predictors across unequal gaps, a linear int
 * whose prediction wraps int32, and a keyframe after deltas.
 */
final class TypesCase {
    static final Schema KITCHEN = new Schema("kitchen");
    static final Field I = KITCHEN.intField("i", false);
    static final Field LIN = KITCHEN.intField("lin", true);
    static final Field FLAG = KITCHEN.boolField("flag");
    static final Field LABEL = KITCHEN.stringField("label");
    static final Field Q = KITCHEN.qfloat("q", 0.01f, true);
    static final Field BIG = KITCHEN.qfloat("big", 0.5f, false);
    static final Field ON = KITCHEN.boolField("on");
    static final Schema WIDE = new Schema("wide");

    static final int SNAPSHOTS = 14;
    static final int SKIPPED = 7;
    /** The client's baseline is gone here (it was too slow): it gets a keyframe, then deltas again. */
    static final int KEYFRAME = 12;
    /** twin1's linear int: from the third value on, the prediction base + (base - pred) wraps int32. */
    static final int[] WRAPPING_LIN = {0, 1_000_000_000, 2_000_000_000, 2_100_000_000};
    /** Differences of the field i from one snapshot to the next: each S-code tier, both signs, wrap. */
    static final int[] I_DIFFS = {0, -4, 4, -32, 32, -512, 512, -32768, 32768, Integer.MIN_VALUE, Integer.MAX_VALUE, 3, -1, 1};
    static final float[] BIG_VALUES = {-3e9f, -1e6f, 1e6f, -0.5f, 0f, 12345.5f, -65536f, 3e9f};
    static final String[] LABELS = {"héllo", "日本語", "🎮🕹️ emoji", "", "Zoë", "quote \" backslash \\", "tab\tnew\nline"};

    static {
        for (int f = 0; f < Schema.MAX_FIELDS; f++) {
            switch (f % 4) {
                case 0 -> WIDE.intField("w" + f, f % 8 == 0);
                case 1 -> WIDE.boolField("w" + f);
                case 2 -> WIDE.stringField("w" + f);
                default -> WIDE.qfloat("w" + f, 0.25f, f % 8 == 3);
            }
        }
        KITCHEN.freeze();
        WIDE.freeze();
    }

    private final World world = new World();
    private final Table kitchen = world.createTable(KITCHEN);
    private final Table wide = world.createTable(WIDE);
    private int a;
    private int b;
    private int c;
    private int twin1;
    private int twin2;
    private int w1;
    private int w2;

    private TypesCase() {
        world.freeze();
    }

    static String write(Map<String, byte[]> files) {
        TypesCase script = new TypesCase();
        GoldenVectors.CaseWriter c = new GoldenVectors.CaseWriter("types", script.world.schemas(), files, true);
        for (int k = 0; k < SNAPSHOTS; k++) {
            script.step(k);
            Snapshot s = new Snapshot(script.world.schemas());
            s.capture(script.world, 3 * (k + 1));
            if (k == KEYFRAME) {
                c.offerKeyframe(s);
            } else {
                c.offer(s, k == SKIPPED);
            }
        }
        return c.manifestEntry();
    }

    private void step(int k) {
        if (k == 0) {
            create();
            return;
        }
        int row = kitchen.rowOf(a);
        if (row >= 0) {
            kitchen.setInt(row, I, kitchen.getInt(row, I) + I_DIFFS[k % I_DIFFS.length]);
            kitchen.setInt(row, LIN, kitchen.getInt(row, LIN) + 5);
            kitchen.setBool(row, FLAG, !kitchen.getBool(row, FLAG));
        }
        row = kitchen.rowOf(b);
        if (row >= 0) {
            kitchen.setFloat(row, Q, kitchen.getFloat(row, Q) - 0.37f);
            kitchen.setFloat(row, BIG, BIG_VALUES[k % BIG_VALUES.length]);
        }
        row = kitchen.rowOf(c);
        kitchen.setString(row, LABEL, LABELS[k % LABELS.length]);
        kitchen.setBool(row, ON, k % 3 == 0);
        for (int twin : new int[] {twin1, twin2}) {
            row = kitchen.rowOf(twin);
            kitchen.setInt(row, I, kitchen.getInt(row, I) + 1);
        }
        kitchen.setInt(kitchen.rowOf(twin1), LIN, WRAPPING_LIN[Math.min(k, WRAPPING_LIN.length - 1)]);
        stepWide(k);
        if (k == 4) {
            kitchen.remove(b);
            add(32768, -32768, false, "new", -0.01f, 0f, false);
        }
        if (k == 9) {
            kitchen.remove(a);
            wide.remove(w2);
            add(0, 0, true, "", 0f, 0f, true);
            wideEntity(true);
        }
        if (k == 11) {
            add(-1, 1, false, "∑ ≠ ∞", 2000f, -0.5f, false);
        }
    }

    private void stepWide(int k) {
        int row = wide.rowOf(w1);
        Field w1Flag = WIDE.field(1);
        wide.setBool(row, w1Flag, !wide.getBool(row, w1Flag));
        if (k % 2 == 0) {
            wide.setString(row, WIDE.field(2), "w1 at " + k + " ✓");
        }
        Field w3 = WIDE.field(3);
        wide.setFloat(row, w3, wide.getFloat(row, w3) + 1.25f);
        Field w31 = WIDE.field(31);
        wide.setFloat(row, w31, wide.getFloat(row, w31) - 0.5f);
        row = wide.rowOf(w2);
        if (row >= 0 && k % 3 == 0) {
            wide.setFloat(row, w31, wide.getFloat(row, w31) * -2f);
        }
        if (row >= 0 && k == 5) {
            wide.setString(row, WIDE.field(30), "∑");
        }
    }

    private void create() {
        a = add(0, 0, false, "", 0f, 0f, false);
        b = add(-4, 4, true, "héllo", -1.25f, -3e9f, false);
        c = add(Integer.MAX_VALUE, Integer.MIN_VALUE, false, "🎮 emoji", -0.01f, 1e6f, true);
        twin1 = add(10, 0, false, "twin", 0f, 0f, false);
        twin2 = add(20, 0, false, "twin", 0f, 0f, false);
        w1 = wideEntity(true);
        w2 = wideEntity(false);
        wide.setFloat(wide.rowOf(w2), WIDE.field(31), -7.75f);
    }

    private int add(int i, int lin, boolean flag, String label, float q, float big, boolean on) {
        int id = kitchen.id(kitchen.addRow());
        int row = kitchen.size() - 1;
        kitchen.setInt(row, I, i);
        kitchen.setInt(row, LIN, lin);
        kitchen.setBool(row, FLAG, flag);
        kitchen.setString(row, LABEL, label);
        kitchen.setFloat(row, Q, q);
        kitchen.setFloat(row, BIG, big);
        kitchen.setBool(row, ON, on);
        return id;
    }

    private int wideEntity(boolean every) {
        int id = wide.id(wide.addRow());
        int row = wide.size() - 1;
        for (int f = 0; every && f < Schema.MAX_FIELDS; f++) {
            Field field = WIDE.field(f);
            switch (f % 4) {
                case 0 -> wide.setInt(row, field, (f - 16) * 1000);
                case 1 -> wide.setBool(row, field, true);
                case 2 -> wide.setString(row, field, "s" + f + (f % 8 == 2 ? "é" : ""));
                default -> wide.setFloat(row, field, -f * 10.25f);
            }
        }
        return id;
    }
}
