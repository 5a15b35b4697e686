package dev.tickcast.games.arena;

import dev.tickcast.game.Identity;
import dev.tickcast.game.InputReader;
import dev.tickcast.game.RoomContext;
import dev.tickcast.state.Table;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The rules of ARENA-SCENARIO.md for a world of any {@link ArenaConfig}, shared by the arena and
 * Arena-Wide: static orbs in a grid ({@link OrbField}, so an eater tests only the orbs near it and a
 * step costs about O(NPCs + players)), NPCs on a random walk, one body per player moved by its
 * input. Creates the tables {@code orb}, {@code npc} and {@code player} ({@link ArenaSchemas}), in
 * that order. Deterministic for a seed and a sequence of joins, inputs and leaves (StrictMath, one
 * SplittableRandom). Called on the room's thread only; allocation-free after a join.
 */
public final class ArenaRules {
    static final float NPC_SPEED = 100f;
    static final float PLAYER_SPEED = 200f;
    static final float SPRINT_SPEED = 300f;
    static final float NPC_TURN = 0.2f;
    static final float MAX_RADIUS = 120f;
    private static final float DIAGONAL = (float) (1 / Math.sqrt(2));

    private final float worldSize;
    private final float dtSeconds;
    private final Table npcs;
    private final Table players;
    private final OrbField orbs;
    private final SplittableRandom rng;
    private final int[] playerEntity;
    private final int[] playerInput;
    private boolean playerScored;

    /** Creates the tables of {@code room}'s world and fills them with orbs and NPCs; call from {@code onCreate}. */
    public ArenaRules(RoomContext room, ArenaConfig config) {
        worldSize = config.worldSize();
        dtSeconds = room.dtSeconds();
        playerEntity = new int[room.maxPlayers()];
        playerInput = new int[room.maxPlayers()];
        Arrays.fill(playerEntity, -1);
        rng = new SplittableRandom(room.seed());
        orbs = new OrbField(room.world().createTable(ArenaSchemas.ORB), config.orbCount(), worldSize);
        npcs = room.world().createTable(ArenaSchemas.NPC);
        players = room.world().createTable(ArenaSchemas.PLAYER);
        orbs.spawnAll(rng);
        for (int i = 0; i < config.npcCount(); i++) {
            int row = npcs.addRow();
            npcs.setFloat(row, ArenaSchemas.NPC_X, randomCoordinate());
            npcs.setFloat(row, ArenaSchemas.NPC_Y, randomCoordinate());
            npcs.setFloat(row, ArenaSchemas.NPC_ANGLE, (float) ((rng.nextDouble() * 2 - 1) * Math.PI));
            npcs.setFloat(row, ArenaSchemas.NPC_RADIUS, radius(0));
        }
    }

    /** Spawns the body of {@code player} in seat {@code playerId} at a random place; returns its entity id. */
    public int join(int playerId, Identity player) {
        int row = players.addRow();
        int id = players.id(row);
        players.setFloat(row, ArenaSchemas.PLAYER_X, randomCoordinate());
        players.setFloat(row, ArenaSchemas.PLAYER_Y, randomCoordinate());
        players.setFloat(row, ArenaSchemas.PLAYER_RADIUS, radius(0));
        players.setString(row, ArenaSchemas.PLAYER_NAME, player.name());
        playerEntity[playerId] = id;
        playerInput[playerId] = ArenaInput.encode(0, 0, false);
        return id;
    }

    /** Applies one {@link ArenaInput} byte; false if the payload is malformed (nothing is applied). */
    public boolean input(int playerId, int seq, InputReader input) {
        int b = input.readUnsignedByte();
        if (!input.complete() || !ArenaInput.valid(b)) {
            return false;
        }
        playerInput[playerId] = b;
        int row = players.rowOf(playerEntity[playerId]);
        players.setInt(row, ArenaSchemas.PLAYER_LAST_INPUT_SEQ, seq);
        return true;
    }

    /** Advances every NPC, then every seated player, by one step; eaters eat the orbs they overlap. */
    public void step() {
        playerScored = false;
        for (int row = 0; row < npcs.size(); row++) {
            stepNpc(row);
        }
        for (int p = 0; p < playerEntity.length; p++) {
            if (playerEntity[p] >= 0) {
                stepPlayer(players.rowOf(playerEntity[p]), playerInput[p]);
            }
        }
    }

    /** Removes the body of the player in seat {@code playerId}. */
    public void leave(int playerId) {
        players.remove(playerEntity[playerId]);
        playerEntity[playerId] = -1;
    }

    /** The orbs' table. */
    public Table orbs() {
        return orbs.table();
    }

    /** The NPCs' table. */
    public Table npcs() {
        return npcs;
    }

    /** The entity id of the body of the player in seat {@code playerId}, or -1 if the seat is free. */
    public int entityOf(int playerId) {
        return playerEntity[playerId];
    }

    /** The players' table (rows in entity-id order). */
    public Table players() {
        return players;
    }

    /** True if some player's score changed in the last {@link #step()}. */
    public boolean playerScored() {
        return playerScored;
    }

    /** ARENA-SCENARIO v1.1: min(20 + score / 10, 120), so an old room does not fill with giants. */
    public static float radius(int score) {
        return Math.min(20f + score / 10f, MAX_RADIUS);
    }

    private void stepNpc(int row) {
        float angle = npcs.getFloat(row, ArenaSchemas.NPC_ANGLE)
                + (float) ((rng.nextDouble() * 2 - 1) * NPC_TURN);
        float step = NPC_SPEED * dtSeconds;
        float x = npcs.getFloat(row, ArenaSchemas.NPC_X) + step * (float) StrictMath.cos(angle);
        float y = npcs.getFloat(row, ArenaSchemas.NPC_Y) + step * (float) StrictMath.sin(angle);
        if (x < 0 || x > worldSize) {
            angle = (float) Math.PI - angle;
            x = clamp(x);
        }
        if (y < 0 || y > worldSize) {
            angle = -angle;
            y = clamp(y);
        }
        npcs.setFloat(row, ArenaSchemas.NPC_ANGLE, wrapAngle(angle));
        npcs.setFloat(row, ArenaSchemas.NPC_X, x);
        npcs.setFloat(row, ArenaSchemas.NPC_Y, y);
        int score = npcs.getInt(row, ArenaSchemas.NPC_SCORE)
                + orbs.eat(x, y, npcs.getFloat(row, ArenaSchemas.NPC_RADIUS), rng);
        npcs.setInt(row, ArenaSchemas.NPC_SCORE, score);
        npcs.setFloat(row, ArenaSchemas.NPC_RADIUS, radius(score));
    }

    private void stepPlayer(int row, int input) {
        int dx = ArenaInput.dx(input);
        int dy = ArenaInput.dy(input);
        float speed = (ArenaInput.sprint(input) ? SPRINT_SPEED : PLAYER_SPEED) * dtSeconds;
        if (dx != 0 && dy != 0) {
            speed *= DIAGONAL;
        }
        float x = clamp(players.getFloat(row, ArenaSchemas.PLAYER_X) + dx * speed);
        float y = clamp(players.getFloat(row, ArenaSchemas.PLAYER_Y) + dy * speed);
        players.setFloat(row, ArenaSchemas.PLAYER_X, x);
        players.setFloat(row, ArenaSchemas.PLAYER_Y, y);
        int eaten = orbs.eat(x, y, players.getFloat(row, ArenaSchemas.PLAYER_RADIUS), rng);
        if (eaten != 0) {
            playerScored = true;
        }
        int score = players.getInt(row, ArenaSchemas.PLAYER_SCORE) + eaten;
        players.setInt(row, ArenaSchemas.PLAYER_SCORE, score);
        players.setFloat(row, ArenaSchemas.PLAYER_RADIUS, radius(score));
    }

    private float randomCoordinate() {
        return (float) (rng.nextDouble() * worldSize);
    }

    private float clamp(float v) {
        return v < 0 ? 0 : Math.min(v, worldSize);
    }

    private static float wrapAngle(float a) {
        float twoPi = (float) (2 * Math.PI);
        if (a >= Math.PI) {
            return a - twoPi;
        }
        return a < -Math.PI ? a + twoPi : a;
    }
}
