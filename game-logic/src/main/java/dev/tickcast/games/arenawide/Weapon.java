package dev.tickcast.games.arenawide;

import dev.tickcast.game.InputReader;
import dev.tickcast.game.RoomContext;
import dev.tickcast.game.rewind.RewoundWorld;
import dev.tickcast.games.arena.ArenaRules;
import dev.tickcast.games.arena.ArenaSchemas;
import dev.tickcast.state.Table;

/**
 * Arena-Wide's scoring weapon, the bench's probe of lag compensation (docs/PROTOCOL.md 11): a shot
 * at a point hits if another player's body (its radius by the arena's rules) covers that point, in
 * the world as the shooter saw it ({@code RoomContext.rewind}) or in the present world, as the shot
 * asks. It changes nothing in the world: the shooter alone is told the outcome, with the nanoseconds
 * the rewind and the test took.
 */
final class Weapon {
    /** GAME_SEND type of a shot: aim x * 16, aim y * 16 (zig-zag varints), mode (one byte). */
    static final int SHOOT = 1;
    /** GAME_MESSAGE type of the answer: hit, clamped, reason (bytes), nanoseconds (varuint). */
    static final int SHOT = 1;
    /** Mode byte: tested in the present world. */
    static final int PRESENT = 0;
    /** Mode byte: tested in the world as the shooter saw it. */
    static final int REWIND = 1;
    /** The reason byte of a shot tested in the present (no view is judged). */
    static final int NO_REASON = 255;
    /** Aim coordinates travel in 16ths of a unit. */
    static final float AIM_SCALE = 16f;

    /** The largest body a player can have: candidates for a hit are within it of the aim. */
    private static final float MAX_RADIUS = ArenaRules.radius(Integer.MAX_VALUE);

    private final RoomContext room;
    private final ArenaRules rules;
    private final int[] rows = new int[64];

    Weapon(RoomContext room, ArenaRules rules) {
        this.room = room;
        this.rules = rules;
    }

    /** Handles one SHOOT of {@code playerId}; false if the payload is malformed. */
    boolean shoot(int playerId, InputReader in) {
        float x = in.readVarInt() / AIM_SCALE;
        float y = in.readVarInt() / AIM_SCALE;
        int mode = in.readUnsignedByte();
        if (!in.complete() || (mode != PRESENT && mode != REWIND)) {
            return false;
        }
        int self = rules.entityOf(playerId);
        long t0 = System.nanoTime();
        boolean hit;
        boolean clamped = false;
        int reason = NO_REASON;
        if (mode == REWIND) {
            RewoundWorld view = room.rewind(playerId);
            hit = hit(view, self, x, y);
            clamped = view.clamped();
            reason = view.reason().ordinal();
        } else {
            hit = hit(rules.players(), self, x, y);
        }
        long nanos = System.nanoTime() - t0;
        room.message(SHOT).writeBool(hit).writeBool(clamped).writeByte(reason)
                .writeVarUInt((int) Math.min(Integer.MAX_VALUE, nanos)).sendTo(playerId);
        return true;
    }

    private boolean hit(RewoundWorld view, int self, float x, float y) {
        Table players = rules.players();
        int n = view.near(players, ArenaSchemas.PLAYER_X, ArenaSchemas.PLAYER_Y, x, y, MAX_RADIUS, rows);
        for (int i = 0; i < n; i++) {
            int row = rows[i];
            if (view.id(players, row) != self && covers(view.getFloat(players, row, ArenaSchemas.PLAYER_X),
                    view.getFloat(players, row, ArenaSchemas.PLAYER_Y),
                    view.getFloat(players, row, ArenaSchemas.PLAYER_RADIUS), x, y)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hit(Table players, int self, float x, float y) {
        for (int row = 0; row < players.size(); row++) {
            if (players.id(row) != self && covers(players.getFloat(row, ArenaSchemas.PLAYER_X),
                    players.getFloat(row, ArenaSchemas.PLAYER_Y), players.getFloat(row, ArenaSchemas.PLAYER_RADIUS), x, y)) {
                return true;
            }
        }
        return false;
    }

    private static boolean covers(float cx, float cy, float radius, float x, float y) {
        float dx = cx - x;
        float dy = cy - y;
        return dx * dx + dy * dy <= radius * radius;
    }
}
