package dev.tickcast.server.internal.match;

/**
 * A room's seat counts as the matchmaker sees them.
 *
 * @param id         the room id
 * @param game       the game name
 * @param seated     players holding a seat (dropped ones waiting to reconnect included)
 * @param reserved   seats handed out and not claimed yet
 * @param maxPlayers the room size
 * @param isPrivate  unlisted, joined by id only
 */
public record RoomSummary(String id, String game, int seated, int reserved, int maxPlayers, boolean isPrivate) {
    /** Seats taken: seated plus reserved. */
    public int taken() {
        return seated + reserved;
    }
}
