package dev.tickcast.server.match;

import dev.tickcast.server.room.Room;

/**
 * A seat claimed with its token: the room to join and the name reserved with it.
 *
 * @param room the room
 * @param name the player's name
 */
public record Claim(Room room, String name) {
}
