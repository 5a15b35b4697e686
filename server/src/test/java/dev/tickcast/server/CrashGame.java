package dev.tickcast.server;

import dev.tickcast.game.Identity;
import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.InputReader;
import dev.tickcast.state.Schema;
import dev.tickcast.game.RoomContext;

/** A game with a bug: it throws at its 30th step once a player is in. */
final class CrashGame implements Game {
    static final Schema THING = new Schema("thing");
    static final GameSpec SPEC = GameSpec.of("crash", CrashGame::new);
    static {
        THING.intField("n", false);
    }

    private int players;
    private int stepsWithPlayers;

    @Override
    public void onCreate(RoomContext room) {
        room.world().createTable(THING);
    }

    @Override
    public int onJoin(int playerId, Identity player) {
        players++;
        return -1;
    }

    @Override
    public boolean onInput(int playerId, int seq, InputReader input) {
        return true;
    }

    @Override
    public void step(int tick) {
        if (players > 0 && ++stepsWithPlayers == 30) {
            throw new IllegalStateException("deliberate bug in game code");
        }
    }

    @Override
    public void onLeave(int playerId) {
        players--;
    }
}
