package dev.tickcast.tanks;

import dev.tickcast.state.Field;
import dev.tickcast.state.Schema;

/**
 * The synchronised state of a tanks room, in wire order: one {@code round} entity, one
 * {@code tank} per player and the {@code shell}s in flight. Positions go to 0.1 unit and angles to
 * 0.01 radian; moving fields are linear, so a tank in steady motion and a shell, whose flight is a
 * straight line at constant speed, cost no bits between their first two snapshots and their
 * removal.
 */
public final class TankSchemas {
    /** The round in progress: a single entity. */
    public static final Schema ROUND = new Schema("round");
    /** The round number, from 1. */
    public static final Field ROUND_NUMBER = ROUND.intField("number", false);
    /**
     * The tick at which the round ends unless a tank reaches the kill limit first; time left is
     * {@code (endTick - state.tick) / tickHz}, so the clock costs nothing on the wire.
     */
    public static final Field ROUND_END_TICK = ROUND.intField("endTick", false);
    /** Kills that end the round at once. */
    public static final Field ROUND_KILL_LIMIT = ROUND.intField("killLimit", false);

    /** One per player. */
    public static final Schema TANK = new Schema("tank");
    /** Hull centre x, 0..{@link TankGame#WORLD_SIZE}. */
    public static final Field TANK_X = TANK.qfloat("x", 0.1f, true);
    /** Hull centre y. */
    public static final Field TANK_Y = TANK.qfloat("y", 0.1f, true);
    /** Hull heading in radians, in [-pi, pi); 0 points along +x. */
    public static final Field TANK_HEADING = TANK.qfloat("heading", 0.01f, true);
    /** Turret angle in radians, in [-pi, pi): turns with the hull, set by an aimed FIRE. */
    public static final Field TANK_TURRET = TANK.qfloat("turret", 0.01f, true);
    /** The last input sequence applied to this tank (for prediction and reconciliation). */
    public static final Field TANK_LAST_INPUT_SEQ = TANK.intField("lastInputSeq", true);
    /** Hit points left, 1..{@link TankGame#MAX_HP}; a tank at 0 respawns at once with full hp. */
    public static final Field TANK_HP = TANK.intField("hp", false);
    /** Kills this round: the score. */
    public static final Field TANK_KILLS = TANK.intField("kills", false);
    /** Deaths this round. */
    public static final Field TANK_DEATHS = TANK.intField("deaths", false);
    /** The player's seat, as in HIT messages. */
    public static final Field TANK_PLAYER = TANK.intField("player", false);
    /** The player's name, set once on join. */
    public static final Field TANK_NAME = TANK.stringField("name");

    /** A projectile in flight: spawned by FIRE, removed on a hit, outside the world or when its time is up. */
    public static final Schema SHELL = new Schema("shell");
    /** Shell x. */
    public static final Field SHELL_X = SHELL.qfloat("x", 0.1f, true);
    /** Shell y. */
    public static final Field SHELL_Y = SHELL.qfloat("y", 0.1f, true);
    /** The entity id of the tank that fired it. */
    public static final Field SHELL_OWNER = SHELL.intField("owner", false);

    static {
        ROUND.freeze();
        TANK.freeze();
        SHELL.freeze();
    }

    private TankSchemas() {
    }
}
