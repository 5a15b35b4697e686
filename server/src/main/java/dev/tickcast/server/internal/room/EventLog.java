package dev.tickcast.server.internal.room;

import dev.tickcast.game.GameSpec;
import dev.tickcast.server.RoomEvents;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access and event log: one INFO line per room created or disposed and per player joined,
 * dropped, resumed or left, with the room id and game, on the logger {@code dev.tickcast.events}
 * (so that an operator can route it or turn it off on its own). A verified player's line adds its
 * subject. A player's name is client input (a subject comes from a token): both are quoted, and
 * control characters are escaped so that neither can forge a line.
 */
final class EventLog {
    private static final Logger LOG = LoggerFactory.getLogger("dev.tickcast.events");

    private EventLog() {
    }

    /** A room event of room {@code roomId} at {@code tick}: its creation or its end. */
    static void room(String roomId, GameSpec spec, int tick, String type, JsonObject fields) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        if (RoomEvents.ROOM_CREATED.equals(type)) {
            LOG.info("room {} game {} created (max {} players, {} Hz)", roomId, spec.name(),
                    spec.maxPlayers(), spec.tickHz());
        } else if (RoomEvents.ROOM_DISPOSED.equals(type)) {
            LOG.info("room {} game {} disposed at tick {}: {} {}", roomId, spec.name(), tick,
                    fields.getInteger("code"), fields.getString("reason"));
        }
    }

    /** A player event; {@code players} is the number of seated players after it. */
    static void player(String roomId, GameSpec spec, String type, Session s, int players) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        String what = switch (type) {
            case RoomEvents.PLAYER_JOINED -> "joined";
            case RoomEvents.PLAYER_LEFT -> "left";
            case RoomEvents.PLAYER_DROPPED -> "dropped";
            case RoomEvents.PLAYER_RESUMED -> "resumed";
            default -> type;
        };
        String subject = s.identity.subject();
        if (subject == null) {
            LOG.info("room {} game {} player {} \"{}\" {} from {} ({}/{} seated)", roomId, spec.name(),
                    s.playerId, escape(s.name), what, s.link.remote(), players, spec.maxPlayers());
        } else {
            LOG.info("room {} game {} player {} \"{}\" subject \"{}\" {} from {} ({}/{} seated)", roomId, spec.name(),
                    s.playerId, escape(s.name), escape(subject), what, s.link.remote(), players, spec.maxPlayers());
        }
    }

    /** The name with control characters and quotes escaped. */
    static String escape(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '"' || c == '\\' || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
