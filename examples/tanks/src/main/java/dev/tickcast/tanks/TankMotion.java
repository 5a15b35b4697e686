package dev.tickcast.tanks;

import dev.tickcast.state.Table;

import static dev.tickcast.tanks.TankGame.SHELL_RADIUS;
import static dev.tickcast.tanks.TankGame.TANK_RADIUS;
import static dev.tickcast.tanks.TankGame.TANK_SPEED;
import static dev.tickcast.tanks.TankGame.TURN_RATE;
import static dev.tickcast.tanks.TankGame.WORLD_SIZE;

/**
 * The tanks' geometry over the {@code tank} table: driving a hull by its input, and finding the tank
 * a shell's flight segment hits. Deterministic (StrictMath) and allocation-free.
 */
final class TankMotion {
    static final float TWO_PI = (float) (2 * Math.PI);

    private final Table tanks;

    TankMotion(Table tanks) {
        this.tanks = tanks;
    }

    /** Turns the hull and turret of the tank in {@code row} and moves it along its heading, for one step. */
    void drive(int row, int input, float dtSeconds) {
        float turn = TankInput.turn(input) * TURN_RATE * dtSeconds;
        float heading = wrapAngle(tanks.getFloat(row, TankSchemas.TANK_HEADING) + turn);
        tanks.setFloat(row, TankSchemas.TANK_HEADING, heading);
        tanks.setFloat(row, TankSchemas.TANK_TURRET, wrapAngle(tanks.getFloat(row, TankSchemas.TANK_TURRET) + turn));
        float distance = TankInput.throttle(input) * TANK_SPEED * dtSeconds;
        if (distance != 0) {
            tanks.setFloat(row, TankSchemas.TANK_X,
                    clamp(tanks.getFloat(row, TankSchemas.TANK_X) + distance * (float) StrictMath.cos(heading)));
            tanks.setFloat(row, TankSchemas.TANK_Y,
                    clamp(tanks.getFloat(row, TankSchemas.TANK_Y) + distance * (float) StrictMath.sin(heading)));
        }
    }

    /**
     * The row of the first tank, other than {@code shooter}'s, that a shell flying from (x0, y0) to
     * (x1, y1) touches, or -1: shells are swept along the segment, so they never tunnel.
     */
    int firstHit(int shooter, float x0, float y0, float x1, float y1) {
        float dx = x1 - x0;
        float dy = y1 - y0;
        float len2 = dx * dx + dy * dy;
        float reach2 = (TANK_RADIUS + SHELL_RADIUS) * (TANK_RADIUS + SHELL_RADIUS);
        int hitRow = -1;
        float hitT = 2f;
        for (int row = 0; row < tanks.size(); row++) {
            if (tanks.getInt(row, TankSchemas.TANK_PLAYER) == shooter) {
                continue;
            }
            float cx = tanks.getFloat(row, TankSchemas.TANK_X) - x0;
            float cy = tanks.getFloat(row, TankSchemas.TANK_Y) - y0;
            float t = len2 == 0 ? 0 : Math.max(0f, Math.min(1f, (cx * dx + cy * dy) / len2));
            float ex = cx - t * dx;
            float ey = cy - t * dy;
            if (ex * ex + ey * ey <= reach2 && t < hitT) {
                hitT = t;
                hitRow = row;
            }
        }
        return hitRow;
    }

    /** {@code a} (at most one turn off) brought into [-pi, pi). */
    static float wrapAngle(float a) {
        if (a >= Math.PI) {
            return a - TWO_PI;
        }
        return a < -Math.PI ? a + TWO_PI : a;
    }

    private static float clamp(float v) {
        return Math.max(TANK_RADIUS, Math.min(v, WORLD_SIZE - TANK_RADIUS));
    }
}
