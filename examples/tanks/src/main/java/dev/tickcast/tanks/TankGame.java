package dev.tickcast.tanks;

import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.InputReader;
import dev.tickcast.game.RoomContext;
import dev.tickcast.state.Table;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Top-down tank battle in a {@value #WORLD_SIZE} x {@value #WORLD_SIZE} field, up to 8 players.
 * Each player drives a tank ({@link TankInput}); a {@link #FIRE} game message launches a shell,
 * which flies straight until it hits another tank, leaves the field or has flown
 * {@value #SHELL_SECONDS} s. A hit costs one hit point and is announced to every player with
 * {@link #HIT}; the last one scores a kill for the shooter and respawns the target at once with
 * full hp. A round lasts {@value #ROUND_SECONDS} s or until a tank reaches {@value #KILL_LIMIT}
 * kills (or the server sends {@code {"action":"endRound"}}); then the game publishes
 * {@value #ROUND_OVER_EVENT} ({@link RoundReport}) on the event bus, sends {@link #ROUND_OVER} to
 * every player, and starts the next round with scores and hp reset.
 *
 * <p>Spawns are a seeded layout: {@value #SPAWN_POINTS} points on a ring around the centre, the
 * tank facing the centre; a tank takes the point farthest from every other tank, starting from a
 * point picked by the room's seed, so the first two tanks of a room face each other across it.
 *
 * <p>Every duration is in seconds and converted to ticks with the room's tick rate, and every
 * movement is scaled by {@link RoomContext#dtSeconds()}, so the game plays the same at any rate;
 * shells are tested against tanks along the segment they flew in a step, so they never tunnel.
 * Deterministic for a seed and a sequence of calls (StrictMath). Called on the room's thread only;
 * {@link #step} and {@link #onInput} allocate nothing.
 */
public final class TankGame implements Game {
    /**
     * The registration: 30 Hz ticks are plenty for tanks (a shell moves 15 units a step and is
     * swept anyway), and 15 Hz snapshots cost little because tanks and shells move linearly, which
     * the codec predicts; 8 tanks a room.
     */
    public static final GameSpec SPEC = GameSpec.of("tanks", TankGame::new)
            .rates(30, 15).maxPlayers(8).page("/tanks/");

    /**
     * FIRE (client to server): launch a shell. Payload: empty (along the turret), or one byte
     * {@code aim} (0..255), the turret angle {@code aim * 2 pi / 256} radians, to which the turret
     * turns before firing. Longer payloads are malformed (the sender is closed with 1007). A FIRE
     * within {@value #FIRE_COOLDOWN_SECONDS} s of the player's last shot is ignored.
     */
    public static final int FIRE = 1;
    /**
     * HIT (server to every player): a shell hit a tank. Payload: varuint shooter player id,
     * varuint target player id, varuint the target's hp left (0: a kill; the target respawned).
     */
    public static final int HIT = 2;
    /**
     * ROUND_OVER (server to every player): a round ended. Payload: varuint round number, string
     * the winner's name ("" for a draw). The next round has started when it arrives.
     */
    public static final int ROUND_OVER = 3;
    /** The name of the event published when a round ends (data: {@link RoundReport}). */
    public static final String ROUND_OVER_EVENT = "round.over";

    /** The field's side, in units. */
    public static final float WORLD_SIZE = 1000f;
    /** A tank's radius, for hits and for the walls. */
    public static final float TANK_RADIUS = 20f;
    /** Forward or reverse speed, in units a second. */
    public static final float TANK_SPEED = 160f;
    /** Hull (and turret) turn rate, in radians a second. */
    public static final float TURN_RATE = 2.5f;
    /** Shell speed, in units a second. */
    public static final float SHELL_SPEED = 450f;
    /** A shell's radius. */
    public static final float SHELL_RADIUS = 4f;
    /** How long a shell flies. */
    public static final float SHELL_SECONDS = 2f;
    /** The least time between two shots of a tank. */
    public static final float FIRE_COOLDOWN_SECONDS = 0.5f;
    /** Hit points of a fresh tank. */
    public static final int MAX_HP = 3;
    /** A round's length. */
    public static final int ROUND_SECONDS = 60;
    /** Kills that end a round early. */
    public static final int KILL_LIMIT = 5;
    /** The number of spawn points. */
    public static final int SPAWN_POINTS = 8;
    /** The spawn ring's radius around the centre. */
    public static final float SPAWN_RING = 300f;

    private static final float TWO_PI = (float) (2 * Math.PI);
    private static final float MUZZLE = TANK_RADIUS + SHELL_RADIUS + 1f;

    private final Shells.Target strike = this::strike;
    private RoomContext room;
    private float dtSeconds;
    private int cooldownTicks;
    private int shellTicks;
    private int roundTicks;
    private Table round;
    private Table tanks;
    private Shells shells;
    private int[] tankEntity;
    private int[] input;
    private int[] nextFireTick;
    private boolean[] placed;
    private int spawnOffset;
    private boolean killLimitReached;

    @Override
    public void onCreate(RoomContext context) {
        room = context;
        dtSeconds = context.dtSeconds();
        int hz = context.tickHz();
        cooldownTicks = ticks(FIRE_COOLDOWN_SECONDS, hz);
        shellTicks = ticks(SHELL_SECONDS, hz);
        roundTicks = ROUND_SECONDS * hz;
        int players = context.maxPlayers();
        tankEntity = new int[players];
        Arrays.fill(tankEntity, -1);
        input = new int[players];
        nextFireTick = new int[players];
        placed = new boolean[players];
        spawnOffset = new SplittableRandom(context.seed()).nextInt(SPAWN_POINTS);
        round = context.world().createTable(TankSchemas.ROUND);
        tanks = context.world().createTable(TankSchemas.TANK);
        int perTank = shellTicks / cooldownTicks + 1;
        shells = new Shells(context.world().createTable(TankSchemas.SHELL), players * perTank, WORLD_SIZE);
        int row = round.addRow();
        round.setInt(row, TankSchemas.ROUND_NUMBER, 1);
        round.setInt(row, TankSchemas.ROUND_END_TICK, context.tick() + roundTicks);
        round.setInt(row, TankSchemas.ROUND_KILL_LIMIT, KILL_LIMIT);
    }

    @Override
    public int onJoin(int playerId, String name) {
        int row = tanks.addRow();
        int id = tanks.id(row);
        tanks.setInt(row, TankSchemas.TANK_PLAYER, playerId);
        tanks.setString(row, TankSchemas.TANK_NAME, name);
        tanks.setInt(row, TankSchemas.TANK_HP, MAX_HP);
        tankEntity[playerId] = id;
        input[playerId] = TankInput.IDLE;
        nextFireTick[playerId] = 0;
        spawn(playerId, row);
        return id;
    }

    @Override
    public boolean onInput(int playerId, int seq, InputReader in) {
        int b = in.readUnsignedByte();
        if (!in.complete() || !TankInput.valid(b)) {
            return false;
        }
        input[playerId] = b;
        tanks.setInt(tanks.rowOf(tankEntity[playerId]), TankSchemas.TANK_LAST_INPUT_SEQ, seq);
        return true;
    }

    @Override
    public boolean onMessage(int playerId, int type, InputReader payload) {
        if (type != FIRE || payload.remaining() > 1) {
            return false;
        }
        int aim = payload.remaining() == 1 ? payload.readUnsignedByte() : -1;
        if (!payload.complete()) {
            return false;
        }
        int now = room.tick();
        if (now < nextFireTick[playerId]) {
            return true;
        }
        nextFireTick[playerId] = now + cooldownTicks;
        int row = tanks.rowOf(tankEntity[playerId]);
        float angle = aim < 0 ? tanks.getFloat(row, TankSchemas.TANK_TURRET) : wrapAngle(aim * TWO_PI / 256f);
        tanks.setFloat(row, TankSchemas.TANK_TURRET, angle);
        float x = tanks.getFloat(row, TankSchemas.TANK_X) + MUZZLE * (float) StrictMath.cos(angle);
        float y = tanks.getFloat(row, TankSchemas.TANK_Y) + MUZZLE * (float) StrictMath.sin(angle);
        shells.fire(playerId, tankEntity[playerId], x, y, angle, SHELL_SPEED, now + shellTicks);
        return true;
    }

    @Override
    public boolean onServerMessage(Map<String, Object> message) {
        if (!"endRound".equals(message.get("action"))) {
            return false;
        }
        endRound(room.tick());
        return true;
    }

    @Override
    public void step(int tick) {
        for (int p = 0; p < tankEntity.length; p++) {
            if (tankEntity[p] >= 0) {
                drive(tanks.rowOf(tankEntity[p]), input[p]);
            }
        }
        shells.step(tick, dtSeconds, strike);
        if (killLimitReached || tick >= round.getInt(0, TankSchemas.ROUND_END_TICK)) {
            endRound(tick);
        }
    }

    @Override
    public void onLeave(int playerId) {
        shells.removeOwnedBy(playerId);
        tanks.remove(tankEntity[playerId]);
        tankEntity[playerId] = -1;
        placed[playerId] = false;
    }

    /** The shells in flight (tests). */
    int shellsInFlight() {
        return shells.live();
    }

    private void drive(int row, int b) {
        float turn = TankInput.turn(b) * TURN_RATE * dtSeconds;
        float heading = wrapAngle(tanks.getFloat(row, TankSchemas.TANK_HEADING) + turn);
        tanks.setFloat(row, TankSchemas.TANK_HEADING, heading);
        tanks.setFloat(row, TankSchemas.TANK_TURRET, wrapAngle(tanks.getFloat(row, TankSchemas.TANK_TURRET) + turn));
        float distance = TankInput.throttle(b) * TANK_SPEED * dtSeconds;
        if (distance != 0) {
            tanks.setFloat(row, TankSchemas.TANK_X,
                    clamp(tanks.getFloat(row, TankSchemas.TANK_X) + distance * (float) StrictMath.cos(heading)));
            tanks.setFloat(row, TankSchemas.TANK_Y,
                    clamp(tanks.getFloat(row, TankSchemas.TANK_Y) + distance * (float) StrictMath.sin(heading)));
        }
    }

    /** Shells.Target: the first tank (other than the shooter's) on the segment takes the hit. */
    private boolean strike(int shooter, float x0, float y0, float x1, float y1) {
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
        if (hitRow < 0) {
            return false;
        }
        damage(shooter, hitRow);
        return true;
    }

    private void damage(int shooter, int row) {
        int target = tanks.getInt(row, TankSchemas.TANK_PLAYER);
        int hp = tanks.getInt(row, TankSchemas.TANK_HP) - 1;
        room.message(HIT).writeVarUInt(shooter).writeVarUInt(target).writeVarUInt(hp).sendToAll();
        if (hp > 0) {
            tanks.setInt(row, TankSchemas.TANK_HP, hp);
            return;
        }
        tanks.setInt(row, TankSchemas.TANK_DEATHS, tanks.getInt(row, TankSchemas.TANK_DEATHS) + 1);
        tanks.setInt(row, TankSchemas.TANK_HP, MAX_HP);
        placed[target] = false;
        spawn(target, row);
        int shooterRow = tanks.rowOf(tankEntity[shooter]);
        int kills = tanks.getInt(shooterRow, TankSchemas.TANK_KILLS) + 1;
        tanks.setInt(shooterRow, TankSchemas.TANK_KILLS, kills);
        killLimitReached |= kills >= KILL_LIMIT;
    }

    /** Ends the round at {@code tick}: report it, reset scores, hp and positions, start the next. */
    private void endRound(int tick) {
        int number = round.getInt(0, TankSchemas.ROUND_NUMBER);
        if (tanks.size() > 0) {
            room.publish(ROUND_OVER_EVENT, RoundReport.of(number, tanks));
        }
        String winner = RoundReport.winner(tanks);
        room.message(ROUND_OVER).writeVarUInt(number).writeString(winner == null ? "" : winner).sendToAll();
        shells.clear();
        killLimitReached = false;
        Arrays.fill(placed, false);
        for (int p = 0; p < tankEntity.length; p++) {
            if (tankEntity[p] >= 0) {
                int row = tanks.rowOf(tankEntity[p]);
                tanks.setInt(row, TankSchemas.TANK_KILLS, 0);
                tanks.setInt(row, TankSchemas.TANK_DEATHS, 0);
                tanks.setInt(row, TankSchemas.TANK_HP, MAX_HP);
                spawn(p, row);
            }
        }
        round.setInt(0, TankSchemas.ROUND_NUMBER, number + 1);
        round.setInt(0, TankSchemas.ROUND_END_TICK, tick + roundTicks);
    }

    /** Puts the tank of {@code player} on the spawn point farthest from every placed tank, facing the centre. */
    private void spawn(int player, int row) {
        int best = spawnOffset;
        float bestDistance = -1;
        for (int k = 0; k < SPAWN_POINTS; k++) {
            int point = (spawnOffset + k) % SPAWN_POINTS;
            float nearest = nearestPlacedTank(spawnX(point), spawnY(point));
            if (nearest > bestDistance) {
                bestDistance = nearest;
                best = point;
            }
        }
        float x = spawnX(best);
        float y = spawnY(best);
        float heading = (float) StrictMath.atan2(WORLD_SIZE / 2 - y, WORLD_SIZE / 2 - x);
        tanks.setFloat(row, TankSchemas.TANK_X, x);
        tanks.setFloat(row, TankSchemas.TANK_Y, y);
        tanks.setFloat(row, TankSchemas.TANK_HEADING, heading);
        tanks.setFloat(row, TankSchemas.TANK_TURRET, heading);
        placed[player] = true;
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

    static float spawnX(int point) {
        return WORLD_SIZE / 2 + SPAWN_RING * (float) StrictMath.cos(point * TWO_PI / SPAWN_POINTS);
    }

    static float spawnY(int point) {
        return WORLD_SIZE / 2 + SPAWN_RING * (float) StrictMath.sin(point * TWO_PI / SPAWN_POINTS);
    }

    private static int ticks(float seconds, int hz) {
        return Math.max(1, Math.round(seconds * hz));
    }

    private static float clamp(float v) {
        return Math.max(TANK_RADIUS, Math.min(v, WORLD_SIZE - TANK_RADIUS));
    }

    private static float wrapAngle(float a) {
        if (a >= Math.PI) {
            return a - TWO_PI;
        }
        return a < -Math.PI ? a + TWO_PI : a;
    }
}
