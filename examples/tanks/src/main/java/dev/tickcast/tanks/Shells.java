package dev.tickcast.tanks;

import dev.tickcast.state.Table;

/**
 * The shells in flight: a fixed pool of slots, each holding one live {@code shell} entity and what
 * only the server needs (velocity, owner seat, last tick of flight). Live slots are packed at the
 * front; a removed shell's slot takes the last live one. Allocation-free after construction.
 */
final class Shells {
    /** What a shell may hit: the game's tanks. */
    interface Target {
        /**
         * Tests the segment a shell of {@code ownerPlayer} flew this step against every other tank;
         * applies the hit to the first tank on it and returns true, or returns false.
         */
        boolean strike(int ownerPlayer, float x0, float y0, float x1, float y1);
    }

    private final Table table;
    private final float worldSize;
    private final int[] entity;
    private final int[] owner;
    private final int[] lastTick;
    private final float[] vx;
    private final float[] vy;
    private int live;

    Shells(Table table, int capacity, float worldSize) {
        this.table = table;
        this.worldSize = worldSize;
        entity = new int[capacity];
        owner = new int[capacity];
        lastTick = new int[capacity];
        vx = new float[capacity];
        vy = new float[capacity];
    }

    /** The shells in flight. */
    int live() {
        return live;
    }

    /**
     * Spawns a shell at (x, y) flying along {@code angle} at {@code speed} units a second until the
     * step of tick {@code lastTick}; returns its entity id, or -1 if the pool is full.
     */
    int fire(int ownerPlayer, int ownerEntity, float x, float y, float angle, float speed, int lastTick) {
        if (live == entity.length) {
            return -1;
        }
        int row = table.addRow();
        table.setFloat(row, TankSchemas.SHELL_X, x);
        table.setFloat(row, TankSchemas.SHELL_Y, y);
        table.setInt(row, TankSchemas.SHELL_OWNER, ownerEntity);
        int slot = live++;
        entity[slot] = table.id(row);
        owner[slot] = ownerPlayer;
        this.lastTick[slot] = lastTick;
        vx[slot] = speed * (float) StrictMath.cos(angle);
        vy[slot] = speed * (float) StrictMath.sin(angle);
        return entity[slot];
    }

    /**
     * Moves every shell one step of {@code dtSeconds}; a shell that hits a tank, leaves the world
     * or has flown its last tick is removed.
     */
    void step(int tick, float dtSeconds, Target target) {
        int slot = 0;
        while (slot < live) {
            int row = table.rowOf(entity[slot]);
            float x0 = table.getFloat(row, TankSchemas.SHELL_X);
            float y0 = table.getFloat(row, TankSchemas.SHELL_Y);
            float x1 = x0 + vx[slot] * dtSeconds;
            float y1 = y0 + vy[slot] * dtSeconds;
            boolean gone = target.strike(owner[slot], x0, y0, x1, y1)
                    || tick >= lastTick[slot] || x1 < 0 || x1 > worldSize || y1 < 0 || y1 > worldSize;
            if (gone) {
                remove(slot);
            } else {
                table.setFloat(row, TankSchemas.SHELL_X, x1);
                table.setFloat(row, TankSchemas.SHELL_Y, y1);
                slot++;
            }
        }
    }

    /** Removes the shells of {@code ownerPlayer} (who left). */
    void removeOwnedBy(int ownerPlayer) {
        int slot = 0;
        while (slot < live) {
            if (owner[slot] == ownerPlayer) {
                remove(slot);
            } else {
                slot++;
            }
        }
    }

    /** Removes every shell. */
    void clear() {
        while (live > 0) {
            remove(live - 1);
        }
    }

    private void remove(int slot) {
        table.remove(entity[slot]);
        int last = --live;
        entity[slot] = entity[last];
        owner[slot] = owner[last];
        lastTick[slot] = lastTick[last];
        vx[slot] = vx[last];
        vy[slot] = vy[last];
    }
}
