package dev.tickcast.game;

import dev.tickcast.state.World;

/**
 * The rules of one game, hosted by a room. The engine calls every method on the room's thread and
 * never concurrently, so an implementation needs no locks; it must not block, and should not
 * allocate in {@link #onInput} or {@link #step}. State that clients see lives in the {@link World}'s
 * tables; the engine snapshots and sends it. A game is deterministic for a given seed and inputs.
 *
 * <p>Order of calls: {@link #onCreate} once; then, between steps, {@link #onJoin}, {@link #onLeave}
 * and the inputs received since the last step ({@link #onInput}, in arrival order per player);
 * {@link #step} once per tick; {@link #onDispose} once at the end.
 */
public interface Game {
    /** Creates the world's tables and initial entities from the seed; called once, before any join. */
    void onCreate(World world, long seed);

    /**
     * Decides whether a player may join; returns null to admit, or a short reason to refuse. The
     * engine has already checked the room's player limit.
     */
    default String onJoinRequest(String name, int playersInRoom) {
        return null;
    }

    /** A player joined; returns the id of the entity the player controls, or -1 if none. */
    int onJoin(int playerId, String name);

    /**
     * Applies one input of a player. Returns false if the payload is malformed: the engine then
     * closes that player's connection with 1007. Inputs arrive in sequence order, each exactly once.
     */
    boolean onInput(int playerId, int seq, InputReader input);

    /** Advances the world by exactly one fixed step of {@code 1 / tickHz} seconds. */
    void step(int tick);

    /** A player left; remove its entity. */
    void onLeave(int playerId);

    /** The room is going away; release anything the game holds. */
    default void onDispose() {
    }
}
