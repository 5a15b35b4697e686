package dev.tickcast.delta;

import dev.tickcast.state.Field;
import dev.tickcast.state.FieldType;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Table;
import dev.tickcast.state.World;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A world of three test tables changed at random, step by step, from a seed: "mover" (every field
 * type, linear fields in steady motion), "wide" (32 fields, so the change mask uses bit 31) and
 * "bare" (no field at all). Values favour the edges of the codes: each S-code tier, MIN and MAX,
 * negative and saturating quantized floats, NaN, empty and non-ASCII strings.
 */
final class RandomWorld {
    static final Schema MOVER = new Schema("mover");
    static final Field X = MOVER.qfloat("x", 0.1f, true);
    static final Field Y = MOVER.qfloat("y", 0.01f, true);
    static final Field SEQ = MOVER.intField("seq", true);
    static final Field ALIVE = MOVER.boolField("alive");
    static final Field NAME = MOVER.stringField("name");
    static final Field SCORE = MOVER.intField("score", false);
    static final Field BIG = MOVER.qfloat("big", 0.5f, false);

    static final Schema WIDE = new Schema("wide");
    static final Schema BARE = new Schema("bare").freeze();

    static final int[] EDGE_INTS = {0, 1, -1, 3, -4, 4, 7, 8, -32, 32, 63, 64, -512, 512, 1023, 1024,
        -32768, 32768, 65535, 65536, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE + 1,
        Integer.MAX_VALUE - 1};
    static final float[] EDGE_FLOATS = {0f, -0.04f, 0.05f, -1.5f, 2000f, -2000f, 1e6f, -1e6f, 3e9f, -3e9f,
        Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 123.456f, -0.001f};
    static final String[] STRINGS = {"", "a", "bob", "héllo wörld", "日本語のテキスト", "🎮", "Zoë 👾 ünïcödé",
        "quote \" and \\ backslash", "nul\u0000inside", "x".repeat(300), "€".repeat(100), "tab\tnewline\n"};

    static {
        for (int f = 0; f < Schema.MAX_FIELDS; f++) {
            String name = "f" + f;
            switch (f % 4) {
                case 0 -> WIDE.intField(name, f % 8 == 0);
                case 1 -> WIDE.boolField(name);
                case 2 -> WIDE.stringField(name);
                default -> WIDE.qfloat(name, 0.25f, f % 8 == 3);
            }
        }
        MOVER.freeze();
        WIDE.freeze();
    }

    final World world = new World();
    private final SplittableRandom rng;
    private final Map<Integer, float[]> velocity = new HashMap<>();

    RandomWorld(long seed) {
        rng = new SplittableRandom(seed);
        world.createTable(MOVER);
        world.createTable(WIDE);
        world.createTable(BARE);
        world.freeze();
    }

    static List<Schema> schemas() {
        return List.of(MOVER, WIDE, BARE);
    }

    /** Applies one step of random changes: removes, field changes, steady motion and adds. */
    void step() {
        for (Table table : world.tables()) {
            removeSome(table);
            for (int row = 0; row < table.size(); row++) {
                if (table.schema() == MOVER) {
                    move(table, row);
                }
                if (rng.nextInt(3) == 0) {
                    changeSome(table, row);
                }
            }
            int adds = rng.nextInt(4) == 0 ? rng.nextInt(6) : 0;
            for (int i = 0; i < adds; i++) {
                table.addRow();
                int row = table.size() - 1;
                if (rng.nextInt(4) != 0) {
                    changeAll(table, row);
                }
            }
        }
    }

    private void removeSome(Table table) {
        if (table.size() == 0 || rng.nextInt(4) != 0) {
            return;
        }
        int n = 1 + rng.nextInt(Math.min(4, table.size()));
        for (int i = 0; i < n && table.size() > 0; i++) {
            int id = table.id(rng.nextInt(table.size()));
            table.remove(id);
            velocity.remove(id);
        }
    }

    private void move(Table table, int row) {
        float[] v = velocity.computeIfAbsent(table.id(row), id -> new float[] {
            (float) rng.nextDouble(-50, 50), (float) rng.nextDouble(-5, 5), rng.nextInt(-3, 4)});
        if (rng.nextInt(10) == 0) {
            v[0] = (float) rng.nextDouble(-500, 500);
        }
        table.setFloat(row, X, table.getFloat(row, X) + v[0]);
        table.setFloat(row, Y, table.getFloat(row, Y) + v[1]);
        table.setInt(row, SEQ, table.getInt(row, SEQ) + (int) v[2]);
    }

    private void changeSome(Table table, int row) {
        int n = table.schema().fieldCount();
        if (n == 0) {
            return;
        }
        int changes = 1 + rng.nextInt(Math.min(n, 5));
        for (int i = 0; i < changes; i++) {
            set(table, row, table.schema().field(rng.nextInt(n)));
        }
    }

    private void changeAll(Table table, int row) {
        for (Field f : table.schema().fields()) {
            if (rng.nextInt(3) != 0) {
                set(table, row, f);
            }
        }
    }

    private void set(Table table, int row, Field f) {
        FieldType type = f.type();
        if (type == FieldType.INT) {
            table.setInt(row, f, randomInt(table.getInt(row, f)));
        } else if (type == FieldType.BOOL) {
            table.setBool(row, f, rng.nextBoolean());
        } else if (type == FieldType.STRING) {
            table.setString(row, f, randomString());
        } else {
            table.setFloat(row, f, randomFloat(table.getFloat(row, f)));
        }
    }

    private int randomInt(int current) {
        return switch (rng.nextInt(6)) {
            case 0 -> current + rng.nextInt(-8, 9);
            case 1 -> EDGE_INTS[rng.nextInt(EDGE_INTS.length)];
            case 2 -> current + EDGE_INTS[rng.nextInt(EDGE_INTS.length)];
            case 3 -> rng.nextInt();
            case 4 -> rng.nextInt(-70_000, 70_000);
            default -> rng.nextInt(-1100, 1100);
        };
    }

    private float randomFloat(float current) {
        return switch (rng.nextInt(4)) {
            case 0 -> EDGE_FLOATS[rng.nextInt(EDGE_FLOATS.length)];
            case 1 -> current + (float) rng.nextDouble(-10, 10);
            case 2 -> (float) rng.nextDouble(-1e7, 1e7);
            default -> (float) rng.nextDouble(-100, 2100);
        };
    }

    private String randomString() {
        if (rng.nextInt(4) == 0) {
            StringBuilder s = new StringBuilder();
            int n = rng.nextInt(12);
            for (int i = 0; i < n; i++) {
                int cp;
                do {
                    cp = rng.nextInt(0x1F000);
                } while (cp >= 0xD800 && cp <= 0xDFFF);   // unpaired surrogates have no UTF-8 form
                s.appendCodePoint(cp);
            }
            return s.toString();
        }
        return STRINGS[rng.nextInt(STRINGS.length)];
    }
}
