package dev.tickcast.server.internal.http;

import io.vertx.core.json.JsonObject;

/**
 * The per-connection limits a client paces itself under, as {@code GET /games} lists them
 * (docs/PROTOCOL.md): the SDK reads them instead of keeping copies that drift.
 *
 * @param messagesPerSecond     client messages per second, all types
 * @param messageBurst          the burst of the message limit
 * @param chatPerSecond         chat lines per second
 * @param chatBurst             the burst of the chat limit
 * @param gameMessagesPerSecond game messages (GAME_SEND) per second
 * @param gameMessageBurst      the burst of the game-message limit
 */
public record ClientLimits(double messagesPerSecond, int messageBurst, double chatPerSecond, int chatBurst,
                           double gameMessagesPerSecond, int gameMessageBurst) {
    /** The {@code limits} object of a {@code GET /games} entry. */
    public JsonObject toJson() {
        return new JsonObject().put("messagesPerSecond", messagesPerSecond).put("messageBurst", messageBurst)
                .put("chatPerSecond", chatPerSecond).put("chatBurst", chatBurst)
                .put("gameMessagesPerSecond", gameMessagesPerSecond).put("gameMessageBurst", gameMessageBurst);
    }
}
