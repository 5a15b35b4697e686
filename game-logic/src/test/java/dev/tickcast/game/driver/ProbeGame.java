package dev.tickcast.game.driver;

import dev.tickcast.game.Identity;
import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.InputReader;
import dev.tickcast.game.RoomContext;
import dev.tickcast.state.Field;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A game for tests of its hosts: it logs every call it gets, refuses joins, inputs or messages on
 * demand, throws from a chosen callback, and sends game messages when asked. Shared through the
 * test-jar, so a real room's test can drive the same game as a {@code LocalRoom}'s.
 */
public final class ProbeGame implements Game {
    /** One table, one row per player. */
    public static final Schema DOT = new Schema("dot");
    private static final Field PLAYER = DOT.intField("player", false);

    static {
        DOT.freeze();
    }

    /** Every call, in order: "onCreate", "onJoinRequest ann 0", "onJoin 0 ann", "onInput 0 1", "step 1 1"... */
    public final List<String> calls = new ArrayList<>();
    /** A reason to refuse joins with, or null to admit. */
    public String refuseJoins;
    /** Inputs whose first byte is this value are refused as malformed (-1: none). */
    public int refuseInputByte = -1;
    /** Game messages of this type are refused (-1: none). */
    public int refuseMessageType = -1;
    /** Game messages of this type make the game send {@link #burst} messages of type 9 to everyone. */
    public int burstOnMessage = -1;
    /** How many messages a burst sends. */
    public int burst;
    /** What each send of the last burst returned (how many players got it). */
    public final List<Integer> burstCounts = new ArrayList<>();
    /** The callback that throws (its name: "onCreate", "step", "onInput"...), or null. */
    public String throwIn;
    private RoomContext room;
    private Table dots;

    /** A spec "probe" for {@code players} seats whose games are made by {@code factory}. */
    public static GameSpec spec(int players, Supplier<ProbeGame> factory) {
        return GameSpec.of("probe", factory).maxPlayers(players);
    }

    /** A probe that throws from {@code callback}. */
    public static ProbeGame throwingIn(String callback) {
        ProbeGame game = new ProbeGame();
        game.throwIn = callback;
        return game;
    }

    /** Sends {@link #burst} messages of type 9 (payload: the index) to every player now. */
    public void burst() {
        burstCounts.clear();
        for (int i = 0; i < burst; i++) {
            burstCounts.add(room.message(9).writeVarUInt(i).sendToAll());
        }
    }

    /** The room context the game was created with. */
    public RoomContext room() {
        return room;
    }

    private void call(String name, Object... args) {
        StringBuilder line = new StringBuilder(name);
        for (Object a : args) {
            line.append(' ').append(a);
        }
        calls.add(line.toString());
        if (name.equals(throwIn)) {
            throw new IllegalStateException("probe fails in " + name);
        }
    }

    @Override
    public void onCreate(RoomContext context) {
        room = context;
        dots = context.world().createTable(DOT);
        call("onCreate");
    }

    @Override
    public String onJoinRequest(Identity player, int playersInRoom) {
        call("onJoinRequest", player.name(), playersInRoom);
        return refuseJoins;
    }

    @Override
    public int onJoin(int playerId, Identity player) {
        call("onJoin", playerId, player.name());
        int row = dots.addRow();
        dots.setInt(row, PLAYER, playerId);
        return dots.id(row);
    }

    @Override
    public boolean onInput(int playerId, int seq, InputReader input) {
        call("onInput", playerId, seq);
        return input.remaining() == 0 || input.readUnsignedByte() != refuseInputByte;
    }

    @Override
    public boolean onMessage(int playerId, int type, InputReader payload) {
        call("onMessage", playerId, type, payload.remaining());
        if (type == burstOnMessage) {
            burst();
        }
        return type != refuseMessageType;
    }

    @Override
    public boolean onServerMessage(Map<String, Object> message) {
        call("onServerMessage", message);
        return true;
    }

    @Override
    public void step(int tick) {
        call("step", tick, room.tick());
        if (burst > 0 && burstOnMessage < 0) {
            burst();
        }
    }

    @Override
    public void onLeave(int playerId) {
        call("onLeave", playerId);
    }

    @Override
    public void onDispose() {
        call("onDispose");
    }
}
