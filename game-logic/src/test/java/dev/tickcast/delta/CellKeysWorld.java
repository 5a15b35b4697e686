package dev.tickcast.delta;

import dev.tickcast.game.interest.Interest;
import dev.tickcast.game.interest.InterestSpec;
import dev.tickcast.game.interest.Views;
import dev.tickcast.state.Field;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Table;
import dev.tickcast.state.World;

import java.util.SplittableRandom;

/**
 * A small randomized world with interest keys, for {@link CellKeysPropertyTest}: units on a random
 * walk (positioned), a team-state table keyed by team (its entities change team now and then, and
 * a few carry a team no viewer can hold, or none at all), with a captain field and an owner-only
 * secret, and a global clock. Viewers are on team {@code v % 2}; some switch team, some have keys
 * but no shape, some lose everything for a while.
 */
final class CellKeysWorld {
    static final int TEAMS = 3;
    static final Schema UNIT = new Schema("unit");
    static final Field UX = UNIT.qfloat("x", 0.1f, true);
    static final Field UY = UNIT.qfloat("y", 0.1f, true);
    static final Field HP = UNIT.intField("hp", false);
    static final Schema TEAM = new Schema("teamState");
    static final Field KEY = TEAM.intField("team", false);
    static final Field CAPTAIN = TEAM.intField("captain", false);
    static final Field SECRET = TEAM.intField("secret", false);
    static final Field PLAN = TEAM.stringField("plan");
    static final Field TX = TEAM.qfloat("x", 1f, false);
    static final Schema CLOCK = new Schema("clock");
    static final Field TIME = CLOCK.intField("time", true);

    static {
        UNIT.freeze();
        TEAM.freeze();
        CLOCK.freeze();
    }

    static final double SIZE = 1000;

    final World world = new World();
    final Table units = world.createTable(UNIT);
    final Table teams = world.createTable(TEAM);
    final Table clock = world.createTable(CLOCK);
    final Interest interest;
    final int viewers;
    private final SplittableRandom rng;

    CellKeysWorld(long seed, int viewers) {
        this.rng = new SplittableRandom(seed);
        this.viewers = viewers;
        world.freeze();
        InterestSpec spec = InterestSpec.builder().grid(125, SIZE, SIZE).positioned(units, UX, UY)
                .keys(TEAMS).keyed(teams, KEY).global(clock).ownerOnly(teams, CAPTAIN, SECRET).build();
        spec.checkCovers(world);
        interest = new Interest(spec, new Views(viewers, TEAMS));
        for (int i = 0; i < 50; i++) {
            int row = units.addRow();
            units.setFloat(row, UX, (float) (rng.nextDouble() * SIZE));
            units.setFloat(row, UY, (float) (rng.nextDouble() * SIZE));
            units.setInt(row, HP, 100);
        }
        for (int i = 0; i < 12; i++) {
            addTeamEntity();
        }
        clock.addRow();
        Views views = interest.views();
        for (int v = 0; v < viewers; v++) {
            views.addKey(v, v % 2);
        }
    }

    private void addTeamEntity() {
        int row = teams.addRow();
        teams.setInt(row, KEY, rng.nextInt(10) == 0 ? TEAMS + rng.nextInt(3) : rng.nextInt(TEAMS));
        teams.setInt(row, CAPTAIN, rng.nextInt(viewers + 1) - 1);
        teams.setInt(row, SECRET, rng.nextInt(1000));
        teams.setString(row, PLAN, "p" + rng.nextInt(5));
        teams.setFloat(row, TX, rng.nextInt(100));
    }

    /** One step: units walk, team states change (values, team, entities come and go), the clock ticks, views move. */
    void step() {
        for (int row = 0; row < units.size(); row++) {
            float x = units.getFloat(row, UX) + (float) (rng.nextDouble() * 30 - 15);
            float y = units.getFloat(row, UY) + (float) (rng.nextDouble() * 30 - 15);
            units.setFloat(row, UX, Math.max(0, Math.min((float) SIZE, x)));
            units.setFloat(row, UY, Math.max(0, Math.min((float) SIZE, y)));
            if (rng.nextInt(20) == 0) {
                units.setInt(row, HP, rng.nextInt(101));
            }
        }
        for (int row = 0; row < teams.size(); row++) {
            int r = rng.nextInt(40);
            if (r == 0) {
                teams.setInt(row, KEY, rng.nextInt(TEAMS + 1)); // sometimes out of range: sent to nobody
            } else if (r < 6) {
                teams.setInt(row, SECRET, rng.nextInt(1000));
                teams.setFloat(row, TX, rng.nextInt(100));
            } else if (r == 6) {
                teams.setString(row, PLAN, rng.nextBoolean() ? "" : "plan " + rng.nextInt(9));
            }
        }
        if (rng.nextInt(15) == 0 && teams.size() > 4) {
            teams.remove(teams.id(rng.nextInt(teams.size())));
        }
        if (rng.nextInt(15) == 0) {
            addTeamEntity();
        }
        clock.setInt(0, TIME, clock.getInt(0, TIME) + 1);
        moveViews();
    }

    private void moveViews() {
        Views views = interest.views();
        for (int v = 0; v < viewers; v++) {
            int r = rng.nextInt(100);
            if (r == 0) {
                views.clear(v); // shape and keys
            } else if (r == 1) {
                int team = views.keyCount(v) > 0 ? views.key(v, 0) : v % 2;
                views.removeKey(v, team);
                views.addKey(v, 1 - Math.min(team, 1)); // switches team
            } else if (r == 2) {
                views.clearShape(v); // keys only
            } else if (r == 3) {
                views.addKey(v, 2); // a second key for a while
            } else if (r == 4) {
                views.removeKey(v, 2);
            } else if (views.keyCount(v) == 0 && r < 20) {
                views.addKey(v, v % 2);
            } else if (v % 4 != 3 && (r < 10 || views.isSet(v))) {
                double cx = views.isSet(v) && r >= 10 ? views.x(v) + rng.nextInt(41) - 20 : rng.nextDouble() * SIZE;
                double cy = views.isSet(v) && r >= 10 ? views.y(v) + rng.nextInt(41) - 20 : rng.nextDouble() * SIZE;
                views.setCircle(v, cx, cy, 150);
            }
        }
    }
}
