package dev.tickcast.record;

/**
 * Receives the entries of a fragment in order (docs/PROTOCOL.md 14.4), each with its absolute
 * tick. Message bytes are views into the archive's buffer, valid during the call only. Every
 * method does nothing by default.
 */
public interface EntryVisitor {
    /** Entry type 1: a SNAPSHOT message, type byte included. */
    int SNAPSHOT = 1;
    /** Entry type 2: a CHAT message as sent. */
    int CHAT = 2;
    /** Entry type 3: a GAME_MESSAGE broadcast to every player. */
    int GAME_MESSAGE = 3;
    /** Entry type 4: a player took a seat. */
    int JOIN = 4;
    /** Entry type 5: a player left their seat. */
    int LEAVE = 5;
    /** Entry type 6: a marker the game set ({@code RoomContext.mark}). */
    int MARK = 6;
    /** The longest marker text, in UTF-8 bytes. */
    int MAX_MARK_BYTES = 200;

    /** A SNAPSHOT message of {@code tick}. */
    default void snapshot(int tick, byte[] data, int offset, int length) {
    }

    /** A CHAT message. */
    default void chat(int tick, byte[] data, int offset, int length) {
    }

    /** A GAME_MESSAGE sent to every player. */
    default void gameMessage(int tick, byte[] data, int offset, int length) {
    }

    /** A player joined. */
    default void join(int tick, int playerId, String name) {
    }

    /** A player left. */
    default void leave(int tick, int playerId) {
    }

    /** A marker. */
    default void mark(int tick, String text) {
    }
}
