package dev.tickcast.server;

import dev.tickcast.game.GameProvider;
import dev.tickcast.game.GameSpec;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Finds plug-ins ({@link GameProvider}, {@link TickcastExtension}) with {@link ServiceLoader} and
 * decides which games a server hosts. Every refusal is an IllegalArgumentException whose message
 * is meant for the operator.
 */
public final class Plugins {
    private static final String EVERY_GAME = GameSettingsKind.EVERY_GAME;

    private Plugins() {
    }

    /** A class loader over every {@code *.jar} in {@code dir}, in name order, with {@code parent} first. */
    public static ClassLoader fromDirectory(Path dir, ClassLoader parent) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--plugins " + dir + ": not a directory");
        }
        List<URL> jars = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                jars.add(p.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("--plugins " + dir + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("--plugins " + dir + ": cannot list it: " + e.getMessage(), e);
        }
        return new URLClassLoader("tickcast-plugins", jars.toArray(URL[]::new), parent);
    }

    /** Every game of every provider visible to {@code loader}, by name; a name offered twice is refused. */
    public static Map<String, GameSpec> games(ClassLoader loader) {
        Map<String, GameSpec> found = new LinkedHashMap<>();
        for (GameProvider provider : ServiceLoader.load(GameProvider.class, loader)) {
            for (GameSpec spec : provider.games()) {
                if (found.putIfAbsent(spec.name(), spec) != null) {
                    throw new IllegalArgumentException("game " + spec.name() + " is offered by two plug-ins (the second is "
                            + provider.getClass().getName() + ")");
                }
            }
        }
        return found;
    }

    /** Every extension visible to {@code loader}. */
    public static List<TickcastExtension> extensions(ClassLoader loader) {
        List<TickcastExtension> out = new ArrayList<>();
        ServiceLoader.load(TickcastExtension.class, loader).forEach(out::add);
        return out;
    }

    /**
     * Registers in {@code registry} the games {@code options} picks from {@code found} (all of them
     * when it names none; games already registered in code stay hosted), with the operator's
     * overrides applied (those of {@code "*"} to every game, a game's own winning). Refuses an
     * unknown game name and an override of a game not hosted.
     */
    public static void host(GameRegistry registry, Map<String, GameSpec> found, TickcastOptions options) {
        List<String> wanted = options.games().isEmpty() ? new ArrayList<>(found.keySet()) : options.games();
        for (String name : wanted) {
            if (!found.containsKey(name) && !registry.contains(name)) {
                throw new IllegalArgumentException("unknown game '" + name + "'; games found: " + available(registry, found));
            }
        }
        Map<String, GameSettings> overrides = options.gameSettings();
        for (String name : overrides.keySet()) {
            if (!name.equals(EVERY_GAME) && !wanted.contains(name) && !registry.contains(name)) {
                throw new IllegalArgumentException("settings for game '" + name + "', which is not hosted; hosted: "
                        + String.join(", ", wanted));
            }
        }
        GameSettings everyGame = overrides.getOrDefault(EVERY_GAME, GameSettings.NONE);
        for (String name : wanted) {
            GameSettings settings = everyGame.with(overrides.getOrDefault(name, GameSettings.NONE));
            if (registry.contains(name)) {
                registry.replace(settings.apply(registry.find(name)));
            } else {
                registry.register(settings.apply(found.get(name)));
            }
        }
    }

    private static String available(GameRegistry registry, Map<String, GameSpec> found) {
        List<String> names = new ArrayList<>(found.keySet());
        for (GameSpec spec : registry.all()) {
            if (!names.contains(spec.name())) {
                names.add(spec.name());
            }
        }
        return names.isEmpty() ? "none (is the plug-in's jar on the classpath or in --plugins?)" : String.join(", ", names);
    }
}
