package dev.tickcast.games.arenawide;

import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.delta.DeltaEncoder;
import dev.tickcast.game.GameProvider;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.driver.Admission;
import dev.tickcast.game.testing.LocalRoom;
import dev.tickcast.games.arena.ArenaInput;
import dev.tickcast.games.arena.ArenaSchemas;
import dev.tickcast.state.Field;
import dev.tickcast.state.Table;
import dev.tickcast.state.World;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arena-Wide keeps the rules of ARENA-WIDE-SCENARIO.md in a LocalRoom, deterministically for a seed. */
class ArenaWideGameTest {
    private static final long SEED = 20_261_205L;
    private static final float WORLD = 8000f;

    @Test
    void shouldDescribeTheScenarioInItsSpec() {
        GameSpec spec = ArenaWideGame.SPEC;
        assertEquals("arena-wide", spec.name());
        assertEquals(60, spec.tickHz());
        assertEquals(20.0, spec.snapshotHz());
        assertEquals(GameSpec.MAX_PLAYERS, spec.maxPlayers());
        assertTrue(spec.maxPlayers() >= 1000);
        assertEquals("/arena-wide/", spec.page());
    }

    @Test
    void shouldBeOfferedToTheStockServerBesideTheArena() {
        List<String> names = new ArrayList<>();
        for (GameProvider provider : ServiceLoader.load(GameProvider.class)) {
            provider.games().forEach(spec -> names.add(spec.name()));
        }
        assertEquals(List.of("arena", "arena-wide"), names, "game-logic's META-INF/services, in this order");
        assertEquals(List.of(ArenaWideGame.SPEC), new ArenaWideProvider().games());
    }

    @Test
    void shouldGiveByteIdenticalSnapshotsForTheSameSeed() {
        byte[] a = fullStateAfter(SEED, 300);
        assertArrayEquals(a, fullStateAfter(SEED, 300));
        assertFalse(Arrays.equals(a, fullStateAfter(SEED + 1, 300)), "another seed, another world");
    }

    @Test
    void shouldKeepCountsAndRespawnEatenOrbsWithNewIds() {
        WideBots bots = new WideBots(SEED, 100);
        Table orbs = bots.world().table(WideBots.ORBS);
        Set<Integer> initial = ids(orbs);
        int highest = orbs.id(orbs.size() - 1);
        for (int t = 0; t < 600; t++) {
            bots.step();
            assertEquals(4000, orbs.size(), "orbs at tick " + t);
            assertEquals(512, bots.world().table(WideBots.NPCS).size(), "NPCs at tick " + t);
        }
        Set<Integer> now = ids(orbs);
        assertFalse(initial.containsAll(now), "some orbs were eaten and respawned");
        assertTrue(orbs.id(orbs.size() - 1) > highest, "a respawned orb has a new, larger id");
        for (int row = 0; row < orbs.size(); row++) {
            int value = orbs.getInt(row, ArenaSchemas.ORB_VALUE);
            assertTrue(value >= 1 && value <= 5, "orb value " + value);
            assertInWorld(orbs, row, ArenaSchemas.ORB_X, ArenaSchemas.ORB_Y);
        }
    }

    @Test
    void shouldKeepEveryBodyInTheWorld() {
        WideBots bots = new WideBots(SEED, 200);
        Table players = bots.world().table(WideBots.PLAYERS);
        LocalRoom room = bots.room();
        float[][] corners = {{0, 0}, {WORLD, 0}, {0, WORLD}, {WORLD, WORLD}};
        int[][] outward = {{-1, -1}, {1, -1}, {-1, 1}, {1, 1}};
        int corner = room.join("edge");
        for (int c = 0; c < 4; c++) {
            int p = c == 0 ? corner : room.join("edge-" + c);
            int row = players.rowOf(room.lastEntity());
            players.setFloat(row, ArenaSchemas.PLAYER_X, corners[c][0] + (corners[c][0] == 0 ? 5 : -5));
            players.setFloat(row, ArenaSchemas.PLAYER_Y, corners[c][1] + (corners[c][1] == 0 ? 5 : -5));
            assertTrue(room.input(p, (byte) ArenaInput.encode(outward[c][0], outward[c][1], true)));
        }
        for (int t = 0; t < 600; t++) {
            bots.step();
        }
        Table npcs = bots.world().table(WideBots.NPCS);
        for (int row = 0; row < players.size(); row++) {
            assertInWorld(players, row, ArenaSchemas.PLAYER_X, ArenaSchemas.PLAYER_Y);
        }
        for (int row = 0; row < npcs.size(); row++) {
            assertInWorld(npcs, row, ArenaSchemas.NPC_X, ArenaSchemas.NPC_Y);
        }
        int lastRow = players.size() - 1;
        assertEquals(WORLD, players.getFloat(lastRow, ArenaSchemas.PLAYER_X), "pushed into the far corner");
        assertEquals(WORLD, players.getFloat(lastRow, ArenaSchemas.PLAYER_Y));
    }

    @Test
    void shouldHoldTheTopTenInOrderRefreshedAtLeastOnceASecond() {
        WideBots bots = new WideBots(SEED, 60);
        int changes = 0;
        int correctAt = 0;
        List<Integer> before = List.of();
        for (int t = 1; t <= 1200; t++) {
            bots.step();
            List<Integer> ranking = leaderIds(bots.world());
            if (leadersCurrent(bots.world())) {
                checkLeaders(bots.world());
                correctAt = t;
            }
            assertTrue(t - correctAt <= ArenaWideGame.LEADER_REFRESH_TICKS, "stale since tick " + correctAt);
            changes += ranking.equals(before) ? 0 : 1;
            before = ranking;
        }
        assertTrue(changes > 5, "the ranking changed " + changes + " times");
        assertTrue(bots.world().table(WideBots.LEADERS).getInt(0, ArenaWideSchemas.LEADER_SCORE) > 0);
    }

    @Test
    void shouldRankFewerThanTenPlayersAndFollowLeaves() {
        LocalRoom room = LocalRoom.create(ArenaWideGame.SPEC, SEED);
        room.step(1);
        assertEquals(0, room.world().table(WideBots.LEADERS).size());
        for (String name : new String[] {"ann", "Zoë", "玩家"}) {
            room.join(name);
        }
        room.step(1);
        assertEquals(Set.of("ann", "Zoë", "玩家"), new HashSet<>(leaderNames(room.world())));
        checkLeaders(room.world());
        room.leave(0);
        room.step(1);
        assertEquals(Set.of("Zoë", "玩家"), new HashSet<>(leaderNames(room.world())), "ann left");
        checkLeaders(room.world());
    }

    @Test
    void shouldBreakTiesByJoinOrderAndRewriteOnlyWhatChanged() {
        World world = new World();
        world.createTable(ArenaSchemas.ORB);
        world.createTable(ArenaSchemas.NPC);
        Table players = world.createTable(ArenaSchemas.PLAYER);
        Table leaders = world.createTable(ArenaWideSchemas.LEADER);
        int[] scores = {5, 9, 5, 0, 9, 7, 5, 1, 2, 3, 4, 6};
        for (int score : scores) {
            int row = players.addRow();
            players.setInt(row, ArenaSchemas.PLAYER_SCORE, score);
            players.setString(row, ArenaSchemas.PLAYER_NAME, "p" + row);
        }
        Leaderboard board = new Leaderboard(leaders, players, ArenaWideGame.LEADERS);
        board.refresh();
        assertEquals(List.of("p1", "p4", "p5", "p11", "p0", "p2", "p6", "p10", "p9", "p8"), leaderNames(world));
        checkLeaders(world);
        int firstLeaderId = leaders.id(0);
        players.setInt(3, ArenaSchemas.PLAYER_SCORE, 8);
        board.refresh();
        assertEquals(List.of("p1", "p4", "p3", "p5", "p11", "p0", "p2", "p6", "p10", "p9"), leaderNames(world));
        assertEquals(firstLeaderId, leaders.id(0), "rows stay, their cells change");
    }

    @Test
    void shouldSeatAThousandPlayers() {
        WideBots bots = new WideBots(SEED, 1000);
        LocalRoom room = bots.room();
        for (int p = 1000; p < GameSpec.MAX_PLAYERS; p++) {
            room.join("late-" + p);
        }
        Admission refused = room.tryJoin("one-too-many");
        assertFalse(refused.admitted(), "the room is full at " + GameSpec.MAX_PLAYERS);
        for (int t = 0; t <= ArenaWideGame.LEADER_REFRESH_TICKS && (t < 30 || !leadersCurrent(bots.world())); t++) {
            bots.step();
        }
        assertEquals(GameSpec.MAX_PLAYERS, bots.world().table(WideBots.PLAYERS).size());
        assertEquals(ArenaWideGame.LEADERS, bots.world().table(WideBots.LEADERS).size());
        checkLeaders(bots.world());
    }

    /** The players' entity ids in score order (ties: the lower id first), at most ten. */
    private static List<Integer> ranked(World world) {
        Table players = world.table(WideBots.PLAYERS);
        List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < players.size(); row++) {
            rows.add(row);
        }
        rows.sort(Comparator.<Integer>comparingInt(r -> -players.getInt(r, ArenaSchemas.PLAYER_SCORE))
                .thenComparingInt(players::id));
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < Math.min(10, rows.size()); i++) {
            ids.add(players.id(rows.get(i)));
        }
        return ids;
    }

    /** True if the leader table holds the current top ten with their current scores. */
    private static boolean leadersCurrent(World world) {
        Table players = world.table(WideBots.PLAYERS);
        Table leaders = world.table(WideBots.LEADERS);
        if (!leaderIds(world).equals(ranked(world))) {
            return false;
        }
        for (int i = 0; i < leaders.size(); i++) {
            int row = players.rowOf(leaders.getInt(i, ArenaWideSchemas.LEADER_PLAYER));
            if (players.getInt(row, ArenaSchemas.PLAYER_SCORE) != leaders.getInt(i, ArenaWideSchemas.LEADER_SCORE)) {
                return false;
            }
        }
        return true;
    }

    private static List<Integer> leaderIds(World world) {
        Table leaders = world.table(WideBots.LEADERS);
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < leaders.size(); i++) {
            ids.add(leaders.getInt(i, ArenaWideSchemas.LEADER_PLAYER));
        }
        return ids;
    }

    /** Checks the leader table against a sort of the players; returns the ranked entity ids. */
    private static List<Integer> checkLeaders(World world) {
        Table players = world.table(WideBots.PLAYERS);
        Table leaders = world.table(WideBots.LEADERS);
        List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < players.size(); row++) {
            rows.add(row);
        }
        rows.sort(Comparator.<Integer>comparingInt(r -> -players.getInt(r, ArenaSchemas.PLAYER_SCORE))
                .thenComparingInt(players::id));
        assertEquals(Math.min(10, players.size()), leaders.size());
        List<Integer> ranked = new ArrayList<>();
        for (int i = 0; i < leaders.size(); i++) {
            int row = rows.get(i);
            assertEquals(i + 1, leaders.getInt(i, ArenaWideSchemas.LEADER_RANK));
            assertEquals(players.id(row), leaders.getInt(i, ArenaWideSchemas.LEADER_PLAYER), "rank " + (i + 1));
            assertEquals(players.getInt(row, ArenaSchemas.PLAYER_SCORE), leaders.getInt(i, ArenaWideSchemas.LEADER_SCORE));
            assertEquals(players.getString(row, ArenaSchemas.PLAYER_NAME), leaders.getString(i, ArenaWideSchemas.LEADER_NAME));
            ranked.add(players.id(row));
        }
        return ranked;
    }

    private static List<String> leaderNames(World world) {
        Table leaders = world.table(WideBots.LEADERS);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < leaders.size(); i++) {
            names.add(leaders.getString(i, ArenaWideSchemas.LEADER_NAME));
        }
        return names;
    }

    private static byte[] fullStateAfter(long seed, int ticks) {
        WideBots bots = new WideBots(seed, 50);
        for (int t = 0; t < ticks; t++) {
            bots.step();
        }
        Output out = new Output(1 << 16, -1);
        new DeltaEncoder().encode(bots.capture(), null, null, out);
        return out.toBytes();
    }

    private static void assertInWorld(Table table, int row, Field x, Field y) {
        float px = table.getFloat(row, x);
        float py = table.getFloat(row, y);
        assertTrue(px >= 0 && px <= WORLD && py >= 0 && py <= WORLD,
                table.schema().name() + " #" + table.id(row) + " at " + px + ", " + py);
    }

    private static Set<Integer> ids(Table table) {
        Set<Integer> ids = new HashSet<>();
        for (int row = 0; row < table.size(); row++) {
            ids.add(table.id(row));
        }
        return ids;
    }
}
