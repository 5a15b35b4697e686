package dev.tickcast.wire;

/**
 * CHAT (server to client): a chat line relayed to everyone in the room, or a line from the server
 * itself. A player's name is 1..{@link Protocol#MAX_NAME_BYTES} bytes, so an empty {@code name}
 * never names a player: it marks a <em>system line</em> (docs/PROTOCOL.md 8.3), such as the notice
 * that a chat line was dropped for being over the chat rate, whose {@code playerId} is 0 and means
 * nothing.
 *
 * @param playerId the sender's player id in the room; 0 for a system line
 * @param name     the sender's name; "" for a system line
 * @param text     the line, as sent
 */
public record ChatMessage(int playerId, String name, String text) {
    /** A line from the server itself, not from a player: {@code ChatMessage(0, "", text)}. */
    public static ChatMessage system(String text) {
        return new ChatMessage(0, "", text);
    }

    /** True for a line from the server itself (its name is empty). */
    public boolean isSystem() {
        return name.isEmpty();
    }
}
