package dev.tickcast.wire;

/**
 * CHAT (server to client): a chat line relayed to everyone in the room.
 *
 * @param playerId the sender's player id in the room
 * @param name     the sender's name
 * @param text     the line, as sent
 */
public record ChatMessage(int playerId, String name, String text) {
}
