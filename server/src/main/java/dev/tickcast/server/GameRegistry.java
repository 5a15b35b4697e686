package dev.tickcast.server;

import dev.tickcast.game.GameSpec;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The games a server hosts, by name. Registering a game is one line:
 * {@code games.register(GameSpec.of("mygame", MyGame::new).maxPlayers(8))}. Fill it before the
 * server starts; it is read-only afterwards.
 */
public final class GameRegistry {
    private final Map<String, GameSpec> specs = new LinkedHashMap<>();

    /** Adds a game; its name must be new. Returns this registry. */
    public GameRegistry register(GameSpec spec) {
        if (specs.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalArgumentException("game already registered: " + spec.name());
        }
        return this;
    }

    /** The game named {@code name}, or null. */
    public GameSpec find(String name) {
        return specs.get(name);
    }

    /** Every registered game. */
    public Collection<GameSpec> all() {
        return Collections.unmodifiableCollection(specs.values());
    }
}
