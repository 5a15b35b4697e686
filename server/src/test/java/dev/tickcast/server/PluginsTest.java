package dev.tickcast.server;

import dev.tickcast.game.GameSpec;
import dev.tickcast.games.arena.ArenaGame;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which games a server hosts: plug-ins found, names picked, operator overrides. */
class PluginsTest {
    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void shouldFindTheArenaOnTheClassPath() {
        Map<String, GameSpec> found = Plugins.games(loader);
        assertEquals(ArenaGame.SPEC, found.get("arena"), "game-logic's META-INF/services names ArenaProvider");
    }

    @Test
    void shouldHostEveryGameFoundByDefaultAndOnlyThePickedOnesOtherwise() {
        GameRegistry all = new GameRegistry();
        Plugins.host(all, Map.of("arena", ArenaGame.SPEC, "echo", EchoGame.SPEC), TickcastOptions.defaults());
        assertEquals(2, all.all().size());
        GameRegistry picked = new GameRegistry();
        Plugins.host(picked, Map.of("arena", ArenaGame.SPEC, "echo", EchoGame.SPEC),
                TickcastOptions.defaults().withGames(List.of("echo")));
        assertNull(picked.find("arena"));
        assertEquals(EchoGame.SPEC, picked.find("echo"));
    }

    @Test
    void shouldRefuseAnUnknownGameWithTheNamesFound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plugins.host(new GameRegistry(),
                Plugins.games(loader), TickcastOptions.defaults().withGames(List.of("tag"))));
        assertTrue(e.getMessage().contains("unknown game 'tag'") && e.getMessage().contains("arena"), e.getMessage());
    }

    @Test
    void shouldApplyOverridesAndRefuseBadOnes() {
        GameRegistry games = new GameRegistry();
        Plugins.host(games, Plugins.games(loader), TickcastOptions.defaults()
                .withGameSettings("arena", new GameSettings(30, null, null))
                .withGameSettings("arena", new GameSettings(null, 10.0, 8)));
        GameSpec arena = games.find("arena");
        assertEquals(30, arena.tickHz());
        assertEquals(3, arena.snapshotEveryTicks());
        assertEquals(8, arena.maxPlayers());
        assertThrows(IllegalArgumentException.class, () -> Plugins.host(new GameRegistry(), Plugins.games(loader),
                TickcastOptions.defaults().withGameSettings("arena", new GameSettings(30, null, null))),
                "20 Hz snapshots do not divide 30 Hz ticks");
        assertThrows(IllegalArgumentException.class, () -> Plugins.host(new GameRegistry(), Plugins.games(loader),
                TickcastOptions.defaults().withGameSettings("tag", new GameSettings(30, null, null))), "not hosted");
    }

    /** The options a verticle reads from its deployment's JSON config host the same games (every setting: SettingsTest). */
    @Test
    void shouldKeepTheOptionsThroughJson() {
        TickcastOptions options = TickcastOptions.defaults().withAddress("127.0.0.1", 9000).withGames(List.of("arena"))
                .withGameSettings("arena", new GameSettings(30, 15.0, 4)).withMaxRooms(1).withKeepAlive(1_000, 3_000);
        TickcastOptions back = new TickcastOptions(new io.vertx.core.json.JsonObject(options.toJson().encode()));
        assertEquals("127.0.0.1", back.host());
        assertEquals(9000, back.port());
        assertEquals(1, back.maxRooms(), "a limit is not lost on the way");
        assertEquals(3_000, back.idleTimeoutMs());
        assertEquals(List.of("arena"), back.games());
        assertEquals(new GameSettings(30, 15.0, 4), back.gameSettings().get("arena"));
        GameRegistry games = new GameRegistry();
        Plugins.host(games, Plugins.games(loader), back);
        assertEquals(4, games.find("arena").maxPlayers());
        assertEquals(2, games.find("arena").snapshotEveryTicks());
    }
}
