package dev.tickcast.server;

import dev.tickcast.game.GameSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The games a server hosts, by name. Registering a game is one line, before or after the server
 * starts: {@code Tickcast.of(vertx).games().register(MyGame.SPEC)}; matchmaking finds it at once.
 * Thread-safe.
 */
public final class GameRegistry {
    private final Map<String, GameSpec> specs = new LinkedHashMap<>();

    /** Adds a game; its name must be new (IllegalArgumentException otherwise). Returns this registry. */
    public synchronized GameRegistry register(GameSpec spec) {
        if (specs.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalArgumentException("game already registered: " + spec.name());
        }
        return this;
    }

    /** The game named {@code name}, or null. */
    public synchronized GameSpec find(String name) {
        return specs.get(name);
    }

    /** True if a game of that name is registered. */
    public synchronized boolean contains(String name) {
        return specs.containsKey(name);
    }

    /** Replaces the spec of a registered game (operator overrides); later rooms use it. */
    synchronized void replace(GameSpec spec) {
        if (!specs.containsKey(spec.name())) {
            throw new IllegalArgumentException("no such game: " + spec.name());
        }
        specs.put(spec.name(), spec);
    }

    /** Every registered game, in registration order (a copy). */
    public synchronized Collection<GameSpec> all() {
        return List.copyOf(new ArrayList<>(specs.values()));
    }
}
