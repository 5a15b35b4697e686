package dev.tickcast.wire;

/**
 * CHAT_SEND (client to server): a chat line for everyone in the room.
 *
 * @param text at most {@link Protocol#MAX_CHAT_BYTES} UTF-8 bytes; shown as text, never as markup
 */
public record ChatSendMessage(String text) {
}
