package dev.tickcast.games.arena;

import dev.tickcast.state.Table;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The arena's orbs: a fixed number of slots, each holding one live orb entity, and a uniform grid
 * over the world so an eater tests only the orbs near it. An eaten orb's slot respawns at once as a
 * new entity (new id) somewhere else. Allocation-free after construction.
 */
final class OrbField {
    private static final float CELL = 50f;

    private final Table table;
    private final float worldSize;
    private final int cellsPerSide;
    private final int[] head;
    private final int[] next;
    private final int[] cellOf;
    private final int[] entity;
    private final float[] x;
    private final float[] y;
    private final int[] value;

    OrbField(Table table, int slots, float worldSize) {
        this.table = table;
        this.worldSize = worldSize;
        cellsPerSide = (int) Math.ceil(worldSize / CELL);
        head = new int[cellsPerSide * cellsPerSide];
        Arrays.fill(head, -1);
        next = new int[slots];
        cellOf = new int[slots];
        entity = new int[slots];
        x = new float[slots];
        y = new float[slots];
        value = new int[slots];
    }

    Table table() {
        return table;
    }

    void spawnAll(SplittableRandom rng) {
        for (int slot = 0; slot < entity.length; slot++) {
            spawn(slot, rng);
        }
    }

    /** Eats every orb within {@code radius} of (px, py); returns the total value eaten. */
    int eat(float px, float py, float radius, SplittableRandom rng) {
        int eaten = 0;
        int cx0 = cell(px - radius);
        int cx1 = cell(px + radius);
        int cy0 = cell(py - radius);
        int cy1 = cell(py + radius);
        float r2 = radius * radius;
        for (int cy = cy0; cy <= cy1; cy++) {
            for (int cx = cx0; cx <= cx1; cx++) {
                int slot = head[cy * cellsPerSide + cx];
                while (slot >= 0) {
                    int following = next[slot];
                    float ddx = x[slot] - px;
                    float ddy = y[slot] - py;
                    if (ddx * ddx + ddy * ddy < r2) {
                        eaten += value[slot];
                        unlink(slot);
                        table.remove(entity[slot]);
                        spawn(slot, rng);
                    }
                    slot = following;
                }
            }
        }
        return eaten;
    }

    private void spawn(int slot, SplittableRandom rng) {
        x[slot] = (float) (rng.nextDouble() * worldSize);
        y[slot] = (float) (rng.nextDouble() * worldSize);
        value[slot] = 1 + rng.nextInt(5);
        int row = table.addRow();
        int id = table.id(row);
        table.setFloat(row, ArenaSchemas.ORB_X, x[slot]);
        table.setFloat(row, ArenaSchemas.ORB_Y, y[slot]);
        table.setInt(row, ArenaSchemas.ORB_VALUE, value[slot]);
        entity[slot] = id;
        int c = cell(y[slot]) * cellsPerSide + cell(x[slot]);
        cellOf[slot] = c;
        next[slot] = head[c];
        head[c] = slot;
    }

    private void unlink(int slot) {
        int c = cellOf[slot];
        if (head[c] == slot) {
            head[c] = next[slot];
            return;
        }
        int s = head[c];
        while (next[s] != slot) {
            s = next[s];
        }
        next[s] = next[slot];
    }

    private int cell(float coordinate) {
        int c = (int) (coordinate / CELL);
        return c < 0 ? 0 : Math.min(c, cellsPerSide - 1);
    }
}
