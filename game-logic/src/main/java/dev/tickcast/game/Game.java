package dev.tickcast.game;

import java.util.Map;

/**
 * The rules of one game, hosted by a room. The engine calls every method on the room's thread and
 * never concurrently, so an implementation needs no locks; it must not block, and should not
 * allocate in {@link #onInput} or {@link #step}. State that clients see lives in the tables of
 * {@link RoomContext#world()}; the engine snapshots and sends it. A game is deterministic for a
 * given seed and sequence of calls.
 *
 * <p>Order of calls: {@link #onCreate} once; then, between steps, {@link #onJoin}, {@link #onLeave},
 * the inputs and game messages received since the last step ({@link #onInput} and
 * {@link #onMessage}, in arrival order per player) and messages from the server side
 * ({@link #onServerMessage}); {@link #step} once per tick; {@link #onDispose} once at the end.
 *
 * <p>An exception thrown by any method is a bug in the game: the engine closes that room's players
 * with 1011 and disposes the room; other rooms keep running.
 */
public interface Game {
    /**
     * Creates the world's tables and initial entities; called once, before any join. {@code room}
     * stays valid for the room's life: keep it to read the tick rate and to send game messages.
     */
    void onCreate(RoomContext room);

    /**
     * Decides whether {@code player} may join; returns null to admit, or a short reason to refuse
     * (the client is closed with 1008 and that reason). The engine has already checked the room's
     * player limit. With identity on, {@code player} is verified: refuse a banned subject here.
     */
    default String onJoinRequest(Identity player, int playersInRoom) {
        return null;
    }

    /**
     * A player joined; returns the id of the entity the player controls, or -1 if none. Player ids
     * are seats: {@code 0 <= playerId < room.maxPlayers()}, reused after a leave. Show
     * {@code player.name()} to others; key what a player owns by {@code player.subject()} (null for
     * a guest). {@link RoomContext#identity(int)} gives the identity in a seat later on.
     */
    int onJoin(int playerId, Identity player);

    /**
     * Applies one input of a player. Returns false if the payload is malformed: the engine then
     * closes that player's connection with 1007. Inputs arrive in sequence order, each exactly once.
     */
    boolean onInput(int playerId, int seq, InputReader input);

    /**
     * A game message from a player (a client's {@code GAME_SEND}: a type 0..255 and a payload of at
     * most 1024 bytes), in order with that player's inputs, once. Returns false if the game does not
     * take this type or the payload is malformed: the engine closes that player with 1007. The
     * default takes no messages.
     */
    default boolean onMessage(int playerId, int type, InputReader payload) {
        return false;
    }

    /**
     * A message from the server side (a verticle, an admin tool) sent over the event bus to this
     * room's address; the body is the message's JSON object as a map (strings, numbers, booleans,
     * lists and maps). Returns true if the game took it; the sender's reply says so. The default
     * takes none.
     */
    default boolean onServerMessage(Map<String, Object> message) {
        return false;
    }

    /** Advances the world by exactly one fixed step of {@link RoomContext#dtSeconds()}. */
    void step(int tick);

    /** A player left; remove its entity. */
    void onLeave(int playerId);

    /** The room is going away; release anything the game holds. */
    default void onDispose() {
    }
}
