package dev.tickcast.tanks;

import dev.tickcast.game.InputReader;
import dev.tickcast.game.RoomContext;
import dev.tickcast.game.rewind.RewoundWorld;
import dev.tickcast.state.Table;

/**
 * The rail gun: a hitscan shot judged with lag compensation. The ray starts at the shooter's present
 * position (its own tank is predicted by its page, so the present is what it drew for itself) and
 * runs along the aim it sent (the turret as its page drew it); it is tested against every other tank
 * the shooter saw, where the shooter saw it ({@link RoomContext#rewind}), each a circle of
 * {@link TankGame#TANK_RADIUS}. The nearest tank along the ray within {@link #RANGE} is hit. Every
 * player then gets {@link TankGame#RAIL_SHOT}, so pages draw the beam.
 *
 * <p>The shooter is favoured: a tank that has moved out of the ray since the shooter saw it is hit
 * all the same (it is behind cover on its own screen; that is the price of hitting what you aim at).
 * Two exceptions: a tank destroyed since (its deaths count or the round changed) is not hit, since
 * the shot would strike its respawned self across the field; and a tank that left is not. A clamped
 * view (no stamp, a refused or too old one) is still tested: it is the view the server allows, within
 * its caps, and the shot says it was clamped. Allocation-free; called on the room's thread.
 */
final class RailGun {
    /** What {@link #fire} returns for a malformed payload (the sender is closed with 1007). */
    static final int MALFORMED = -2;
    /** What {@link #fire} returns when no present tank takes a hit point. */
    static final int NO_HIT = -1;
    /** The aim's steps per turn: a RAIL payload is a varuint below this. */
    static final int AIM_STEPS = 4096;
    /** How far the rail reaches, in units. */
    static final float RANGE = 900f;
    /** The least time between two rail shots of a tank, in seconds. */
    static final float COOLDOWN_SECONDS = 1.5f;

    private final RoomContext room;
    private final Table tanks;
    private final Table round;
    private final int cooldownTicks;
    private final int[] nextTick;

    RailGun(RoomContext room, Table tanks, Table round) {
        this.room = room;
        this.tanks = tanks;
        this.round = round;
        cooldownTicks = Math.max(1, Math.round(COOLDOWN_SECONDS * room.tickHz()));
        nextTick = new int[room.maxPlayers()];
    }

    /** A new player in {@code playerId}'s seat may fire at once. */
    void reset(int playerId) {
        nextTick[playerId] = 0;
    }

    /**
     * Handles a RAIL from {@code playerId}, whose tank is entity {@code entity}: returns
     * {@link #MALFORMED}, {@link #NO_HIT} (also within the cooldown, when nothing is sent), or the
     * present row of the tank that takes the hit.
     */
    int fire(int playerId, int entity, InputReader payload) {
        int aim = payload.remaining() == 0 ? -1 : payload.readVarUInt();
        if (!payload.complete() || aim >= AIM_STEPS) {
            return MALFORMED;
        }
        int now = room.tick();
        if (now < nextTick[playerId]) {
            return NO_HIT;
        }
        nextTick[playerId] = now + cooldownTicks;
        int row = tanks.rowOf(entity);
        float angle = aim < 0 ? tanks.getFloat(row, TankSchemas.TANK_TURRET)
                : TankMotion.wrapAngle(aim * TankMotion.TWO_PI / AIM_STEPS);
        tanks.setFloat(row, TankSchemas.TANK_TURRET, angle);
        float x0 = tanks.getFloat(row, TankSchemas.TANK_X);
        float y0 = tanks.getFloat(row, TankSchemas.TANK_Y);
        float dx = (float) StrictMath.cos(angle);
        float dy = (float) StrictMath.sin(angle);
        RewoundWorld view = room.rewind(playerId);
        int hitRow = -1;
        float hitAt = RANGE;
        for (int r = 0; r < view.size(tanks); r++) {
            if (!view.seen(tanks, r) || view.id(tanks, r) == entity) {
                continue;
            }
            float along = entry(view.getFloat(tanks, r, TankSchemas.TANK_X) - x0,
                    view.getFloat(tanks, r, TankSchemas.TANK_Y) - y0, dx, dy);
            if (along >= 0 && along < hitAt) {
                hitAt = along;
                hitRow = r;
            }
        }
        int target = hitRow < 0 ? NO_HIT : present(view, hitRow);
        room.message(TankGame.RAIL_SHOT).writeVarUInt(playerId)
                .writeVarInt(Math.round(x0)).writeVarInt(Math.round(y0))
                .writeVarInt(Math.round(x0 + hitAt * dx)).writeVarInt(Math.round(y0 + hitAt * dy))
                .writeVarInt(target < 0 ? -1 : tanks.getInt(target, TankSchemas.TANK_PLAYER))
                .writeBool(view.clamped()).sendToAll();
        return target;
    }

    /**
     * The present row of the tank in the view's row {@code r}, or {@link #NO_HIT} if it left, or was
     * destroyed (and respawned) since the shooter saw it.
     */
    private int present(RewoundWorld view, int r) {
        int row = tanks.rowOf(view.id(tanks, r));
        if (row < 0 || tanks.getInt(row, TankSchemas.TANK_DEATHS) != view.getInt(tanks, r, TankSchemas.TANK_DEATHS)) {
            return NO_HIT;
        }
        int roundNow = round.getInt(0, TankSchemas.ROUND_NUMBER);
        return view.getInt(round, 0, TankSchemas.ROUND_NUMBER) == roundNow ? row : NO_HIT;
    }

    /**
     * How far along the ray (unit direction dx, dy) it enters a tank's circle centred (cx, cy) from
     * the ray's start: 0 if the start is inside, -1 if the ray misses it or the tank is behind.
     */
    static float entry(float cx, float cy, float dx, float dy) {
        float along = cx * dx + cy * dy;
        float off2 = cx * cx + cy * cy - along * along;
        float r2 = TankGame.TANK_RADIUS * TankGame.TANK_RADIUS;
        if (off2 > r2) {
            return -1;
        }
        float t = along - (float) StrictMath.sqrt(r2 - off2);
        if (t < 0) {
            return cx * cx + cy * cy <= r2 ? 0 : -1;
        }
        return t;
    }
}
