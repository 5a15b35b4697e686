package dev.tickcast.tanks;

import dev.tickcast.state.Table;

import java.util.Arrays;

import static dev.tickcast.tanks.TankGame.SPAWN_POINTS;
import static dev.tickcast.tanks.TankGame.SPAWN_RING;
import static dev.tickcast.tanks.TankGame.WORLD_SIZE;

/**
 * Where tanks (re)spawn: {@value TankGame#SPAWN_POINTS} points on a ring around the centre, the tank
 * facing the centre. A tank takes the point farthest from every tank already placed, trying the points
 * from one picked by the room's seed, so the first two tanks of a room face each other across it.
 */
final class SpawnRing {
    private final Table tanks;
    private final int[] tankEntity;
    private final boolean[] placed;
    private final int offset;

    /**
     * A ring over the {@code tank} table; {@code tankEntity} is the game's seat-to-entity array (-1: empty
     * seat), read as it changes.
     */
    SpawnRing(Table tanks, int[] tankEntity, int offset) {
        this.tanks = tanks;
        this.tankEntity = tankEntity;
        this.placed = new boolean[tankEntity.length];
        this.offset = offset;
    }

    /** Puts the tank of {@code player} on the spawn point farthest from every placed tank, facing the centre. */
    void place(int player, int row) {
        int best = offset;
        float bestDistance = -1;
        for (int k = 0; k < SPAWN_POINTS; k++) {
            int point = (offset + k) % SPAWN_POINTS;
            float nearest = nearestPlacedTank(x(point), y(point));
            if (nearest > bestDistance) {
                bestDistance = nearest;
                best = point;
            }
        }
        float x = x(best);
        float y = y(best);
        float heading = (float) StrictMath.atan2(WORLD_SIZE / 2 - y, WORLD_SIZE / 2 - x);
        tanks.setFloat(row, TankSchemas.TANK_X, x);
        tanks.setFloat(row, TankSchemas.TANK_Y, y);
        tanks.setFloat(row, TankSchemas.TANK_HEADING, heading);
        tanks.setFloat(row, TankSchemas.TANK_TURRET, heading);
        placed[player] = true;
    }

    /** The tank of {@code player} no longer counts as placed (it left, or is about to respawn). */
    void lift(int player) {
        placed[player] = false;
    }

    /** No tank counts as placed (a new round places them all again). */
    void liftAll() {
        Arrays.fill(placed, false);
    }

    /** The squared distance from (x, y) to the nearest placed tank, or +infinity if none is placed. */
    private float nearestPlacedTank(float x, float y) {
        float nearest = Float.POSITIVE_INFINITY;
        for (int p = 0; p < tankEntity.length; p++) {
            if (tankEntity[p] >= 0 && placed[p]) {
                int row = tanks.rowOf(tankEntity[p]);
                float dx = tanks.getFloat(row, TankSchemas.TANK_X) - x;
                float dy = tanks.getFloat(row, TankSchemas.TANK_Y) - y;
                nearest = Math.min(nearest, dx * dx + dy * dy);
            }
        }
        return nearest;
    }

    static float x(int point) {
        return WORLD_SIZE / 2 + SPAWN_RING * (float) StrictMath.cos(point * TankMotion.TWO_PI / SPAWN_POINTS);
    }

    static float y(int point) {
        return WORLD_SIZE / 2 + SPAWN_RING * (float) StrictMath.sin(point * TankMotion.TWO_PI / SPAWN_POINTS);
    }
}
