package dev.tickcast.bench.load;

import dev.tickcast.state.Field;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;

import java.util.Arrays;

/**
 * The positioned entities of one state at one tick, sorted by id: a table is positioned when its
 * schema has fields named {@code x} and {@code y} (Arena-Wide's orb, npc and player; not its leader
 * table). A spectator's frame is the whole world; a bot's frame is what it holds. Immutable.
 *
 * @param tick the state's tick
 * @param ids  the entity ids, increasing
 * @param x    their x, in world units
 * @param y    their y, in world units
 */
public record WideFrame(int tick, int[] ids, float[] x, float[] y) {
    /** The positioned entities of {@code state}, copied (the state is reused by its mirror). */
    public static WideFrame of(Snapshot state) {
        int n = 0;
        for (int t = 0; t < state.tableCount(); t++) {
            if (xy(state.table(t)) != null) {
                n += state.table(t).count();
            }
        }
        long[] order = new long[n];
        float[] xs = new float[n];
        float[] ys = new float[n];
        int k = 0;
        for (int t = 0; t < state.tableCount(); t++) {
            TableSnapshot table = state.table(t);
            Field[] xy = xy(table);
            if (xy == null) {
                continue;
            }
            for (int row = 0; row < table.count(); row++) {
                order[k] = ((long) table.id(row) << 32) | k;
                xs[k] = table.value(row, xy[0].index()) / (float) xy[0].scale();
                ys[k] = table.value(row, xy[1].index()) / (float) xy[1].scale();
                k++;
            }
        }
        // ids are unique in a room (PROTOCOL.md 10.1) and non-negative: sorting the packed longs sorts by id
        Arrays.sort(order);
        int[] ids = new int[n];
        float[] sx = new float[n];
        float[] sy = new float[n];
        for (int i = 0; i < n; i++) {
            int from = (int) order[i];
            ids[i] = (int) (order[i] >>> 32);
            sx[i] = xs[from];
            sy[i] = ys[from];
        }
        return new WideFrame(state.tick(), ids, sx, sy);
    }

    /** The ids of the positioned entities of {@code state}, increasing (what a checking bot holds). */
    public static int[] idsOf(Snapshot state) {
        int n = 0;
        for (int t = 0; t < state.tableCount(); t++) {
            if (xy(state.table(t)) != null) {
                n += state.table(t).count();
            }
        }
        int[] ids = new int[n];
        int k = 0;
        for (int t = 0; t < state.tableCount(); t++) {
            TableSnapshot table = state.table(t);
            if (xy(table) != null) {
                for (int row = 0; row < table.count(); row++) {
                    ids[k++] = table.id(row);
                }
            }
        }
        Arrays.sort(ids);
        return ids;
    }

    /** The index of {@code id} in this frame, or a negative number. */
    public int indexOf(int id) {
        return Arrays.binarySearch(ids, id);
    }

    /** The number of entities. */
    public int size() {
        return ids.length;
    }

    /** The fields x and y of a positioned table, or null. */
    private static Field[] xy(TableSnapshot table) {
        Field x = null;
        Field y = null;
        for (Field f : table.schema().fields()) {
            if (f.name().equals("x")) {
                x = f;
            } else if (f.name().equals("y")) {
                y = f;
            }
        }
        return x == null || y == null ? null : new Field[] {x, y};
    }
}
