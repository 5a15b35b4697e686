package dev.tickcast.server.internal.match;

import dev.tickcast.game.GameSpec;
import dev.tickcast.server.internal.room.Room;

/** Creates a room for the matchmaker, choosing the event loop it lives on. */
@FunctionalInterface
public interface RoomFactory {
    /** A new, not yet started room for {@code spec} with the given id. */
    Room create(String roomId, GameSpec spec, Matchmaker matchmaker);
}
