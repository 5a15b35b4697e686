package dev.tickcast.game;

import dev.tickcast.state.World;

import java.util.Map;

/**
 * What the engine tells a game about the room hosting it, and the game's handles to the outside:
 * the world it fills, the messages it sends to players, and the events it publishes. Handed to
 * {@link Game#onCreate}; valid for the room's life; used on the room's thread only.
 */
public interface RoomContext {
    /** The longest text of a {@link #mark}, in UTF-8 bytes. */
    int MAX_MARK_BYTES = 200;

    /** The room id, as listed by {@code GET /rooms} and used in event-bus addresses. */
    String roomId();

    /** The spec the room was created from, with any operator overrides applied. */
    GameSpec spec();

    /** The room's seed: the game's only source of randomness, for determinism. */
    long seed();

    /** Simulation steps per second. */
    default int tickHz() {
        return spec().tickHz();
    }

    /** The length of one step in seconds ({@code 1 / tickHz}); every step advances time by exactly this. */
    default float dtSeconds() {
        return 1f / spec().tickHz();
    }

    /** Snapshots per second. */
    default double snapshotHz() {
        return spec().snapshotHz();
    }

    /** The most players in the room; player ids run from 0 to {@code maxPlayers() - 1}. */
    default int maxPlayers() {
        return spec().maxPlayers();
    }

    /** The synchronised state: create tables in {@link Game#onCreate} only. */
    World world();

    /**
     * The identity of the player in seat {@code playerId} (from its {@link Game#onJoin} until its
     * {@link Game#onLeave}), or null if the seat is free or out of range.
     */
    Identity identity(int playerId);

    /**
     * Closes player {@code playerId}'s connection with 4012 and {@code reason} (at most 123 UTF-8
     * bytes are sent), as an operator's kick does; its seat is freed ({@link Game#onLeave}) once the
     * connection has closed, after the current call returns. False if the seat is free.
     */
    boolean kick(int playerId, String reason);

    /**
     * Declares interest management (a big world: each player receives only what is near it), once,
     * in {@link Game#onCreate} after the tables are created; returns the views the game then sets,
     * per player id, whenever it likes ({@code views.setCircle(playerId, x, y, 600)} in each step).
     * Every table must be positioned or global in {@code spec}. Players then receive
     * SNAPSHOT_CELLS (docs/PROTOCOL.md 10.10); spectators still see the whole world. A game that never
     * calls it sends the whole world to everyone. IllegalStateException outside onCreate or on a
     * second call; IllegalArgumentException if the spec does not describe this world.
     */
    dev.tickcast.game.interest.Views interest(dev.tickcast.game.interest.InterestSpec spec);

    /**
     * The world as player {@code playerId} saw it when it sent the INPUT or GAME_SEND being handled
     * (lag compensation: docs/EXTENDING.md): the snapshots it drew between, by the view stamp of that
     * message, judged against the caps of {@link dev.tickcast.game.rewind.LagCompensation}. Call it from
     * {@link Game#onInput} or {@link Game#onMessage} for that message's player; the view is reused and
     * valid until that call returns. IllegalStateException anywhere else.
     */
    dev.tickcast.game.rewind.RewoundWorld rewind(int playerId);

    /** The tick the room is at: 0 before the first step, then the argument of the last {@link Game#step}. */
    int tick();

    /**
     * Starts a game message of {@code type} (0..255) to players: write the payload into the
     * returned writer, then send it with {@link MessageWriter#sendTo}, {@link MessageWriter#sendToAll}
     * or {@link MessageWriter#broadcast(int)}. The writer is the room's own, reused by the next call.
     */
    MessageWriter message(int type);

    /**
     * Marks this moment of the match in the room's recording ({@code room.mark("round 3")}): a marker
     * at the current tick that a replay's timeline shows and seeks to. At most {@value #MAX_MARK_BYTES}
     * UTF-8 bytes, else IllegalArgumentException (as for null). A no-op in a room that does not record
     * ({@link GameSpec#record()}); {@code LocalRoom} keeps every mark for tests.
     */
    void mark(String text);

    /**
     * Publishes a game event on the event bus (for example a round's result), as JSON at the
     * documented addresses ({@code tickcast.events} and {@code tickcast.events.<game>}):
     * {@code {"type":"game.event","event":name,"data":data,...}}. Values are strings, numbers,
     * booleans, lists and maps. Events are for the server side; players get game messages.
     */
    void publish(String name, Map<String, Object> data);
}
