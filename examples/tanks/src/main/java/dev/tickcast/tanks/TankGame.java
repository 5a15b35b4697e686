package dev.tickcast.tanks;

import dev.tickcast.game.Identity;
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
 * {@value #SHELL_SECONDS} s; a {@link #RAIL} fires the rail gun, a hitscan shot that hits the tanks
 * where the shooter saw them ({@link RailGun}, lag compensation). A hit costs one hit point and is announced to every player with
 * {@link #HIT}; the last one scores a kill for the shooter and respawns the target at once with
 * full hp. A round lasts {@value #ROUND_SECONDS} s or until a tank reaches {@value #KILL_LIMIT}
 * kills (or the server sends {@code {"action":"endRound"}}); then the game publishes
 * {@value #ROUND_OVER_EVENT} ({@link RoundReport}) on the event bus, sends {@link #ROUND_OVER} to
 * every player, and starts the next round with scores and hp reset.
 *
 * <p>Spawns are a seeded layout ({@link SpawnRing}): {@value #SPAWN_POINTS} points on a ring around
 * the centre, the tank facing the centre; a tank takes the point farthest from every other tank,
 * starting from a point picked by the room's seed, so the first two tanks of a room face each other
 * across it. Driving and the shells' hit test are {@link TankMotion}'s.
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
    /**
     * RAIL (client to server): fire the rail gun, a hitscan shot judged where the shooter saw the
     * other tanks (lag compensation: {@link RailGun}). Payload: empty (along the turret), or varuint
     * {@code aim} (0..4095), the turret angle {@code aim * 2 pi / 4096} radians as the page drew it,
     * to which the turret turns. Anything else is malformed (1007). A RAIL within 1.5 s of the
     * player's last is ignored. A hit costs one hit point, announced with {@link #HIT} as a shell's.
     */
    public static final int RAIL = 4;
    /**
     * RAIL_SHOT (server to every player): a rail shot, sent before its {@link #HIT}. Payload: varuint
     * shooter player id; zig-zag varints x0, y0, x1, y1, the ray from the shooter to where it stopped
     * (the hit, or its range), in whole units; zig-zag varint the target's player id, or -1 for a
     * miss; bool whether the shooter's view was clamped (not the one it stamped).
     */
    public static final int RAIL_SHOT = 5;
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
    private RailGun rail;
    private TankMotion motion;
    private SpawnRing spawns;
    private int[] tankEntity;
    private int[] input;
    private int[] nextFireTick;
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
        round = context.world().createTable(TankSchemas.ROUND);
        tanks = context.world().createTable(TankSchemas.TANK);
        motion = new TankMotion(tanks);
        spawns = new SpawnRing(tanks, tankEntity, new SplittableRandom(context.seed()).nextInt(SPAWN_POINTS));
        int perTank = shellTicks / cooldownTicks + 1;
        shells = new Shells(context.world().createTable(TankSchemas.SHELL), players * perTank, WORLD_SIZE);
        rail = new RailGun(context, tanks, round);
        int row = round.addRow();
        round.setInt(row, TankSchemas.ROUND_NUMBER, 1);
        round.setInt(row, TankSchemas.ROUND_END_TICK, context.tick() + roundTicks);
        round.setInt(row, TankSchemas.ROUND_KILL_LIMIT, KILL_LIMIT);
    }

    @Override
    public int onJoin(int playerId, Identity player) {
        int row = tanks.addRow();
        int id = tanks.id(row);
        tanks.setInt(row, TankSchemas.TANK_PLAYER, playerId);
        tanks.setString(row, TankSchemas.TANK_NAME, player.name());
        tanks.setInt(row, TankSchemas.TANK_HP, MAX_HP);
        tankEntity[playerId] = id;
        input[playerId] = TankInput.IDLE;
        nextFireTick[playerId] = 0;
        rail.reset(playerId);
        spawns.place(playerId, row);
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
        if (type == RAIL) {
            int row = rail.fire(playerId, tankEntity[playerId], payload);
            if (row >= 0) {
                damage(playerId, row);
            }
            return row != RailGun.MALFORMED;
        }
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
        float angle = aim < 0 ? tanks.getFloat(row, TankSchemas.TANK_TURRET)
                : TankMotion.wrapAngle(aim * TankMotion.TWO_PI / 256f);
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
                motion.drive(tanks.rowOf(tankEntity[p]), input[p], dtSeconds);
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
        spawns.lift(playerId);
    }

    /** The shells in flight (tests). */
    int shellsInFlight() {
        return shells.live();
    }

    /** Shells.Target: the first tank (other than the shooter's) on the segment takes the hit. */
    private boolean strike(int shooter, float x0, float y0, float x1, float y1) {
        int row = motion.firstHit(shooter, x0, y0, x1, y1);
        if (row < 0) {
            return false;
        }
        damage(shooter, row);
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
        spawns.lift(target);
        spawns.place(target, row);
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
        spawns.liftAll();
        for (int p = 0; p < tankEntity.length; p++) {
            if (tankEntity[p] >= 0) {
                int row = tanks.rowOf(tankEntity[p]);
                tanks.setInt(row, TankSchemas.TANK_KILLS, 0);
                tanks.setInt(row, TankSchemas.TANK_DEATHS, 0);
                tanks.setInt(row, TankSchemas.TANK_HP, MAX_HP);
                spawns.place(p, row);
            }
        }
        round.setInt(0, TankSchemas.ROUND_NUMBER, number + 1);
        round.setInt(0, TankSchemas.ROUND_END_TICK, tick + roundTicks);
    }

    private static int ticks(float seconds, int hz) {
        return Math.max(1, Math.round(seconds * hz));
    }
}
