package dev.tickcast.wire;

/**
 * WELCOME (server to client): the answer to a JOIN, followed by SCHEMA and a full SNAPSHOT.
 *
 * @param version            the protocol version
 * @param roomId             the room's id
 * @param game               the game's registered name
 * @param playerId           the player's id in the room
 * @param entityId           the id of the entity the player controls, or -1
 * @param tickHz             simulation steps per second
 * @param snapshotEveryTicks one snapshot every this many ticks
 */
public record WelcomeMessage(int version, String roomId, String game, int playerId, int entityId, int tickHz,
                             int snapshotEveryTicks) {
}
