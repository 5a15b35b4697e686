package dev.tickcast.server;

import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.Identity;
import dev.tickcast.game.InputReader;
import dev.tickcast.game.RoomContext;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Table;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test game of identities: it records the identity of every join request and join, and every
 * leave, and publishes each input's seat and sequence as the event "input"; a server message
 * {"kick": seat, "reason": text} kicks that seat ({@code RoomContext.kick}) from inside the game
 * call. Two seats, so that a room can be full.
 */
final class WhoGame implements Game {
    static final Schema PAWN = new Schema("pawn");
    static final GameSpec SPEC = GameSpec.of("who", WhoGame::new).rates(30, 10).maxPlayers(2);
    static final List<Identity> REQUESTS = new CopyOnWriteArrayList<>();
    static final List<Identity> JOINS = new CopyOnWriteArrayList<>();
    static final List<Integer> LEAVES = new CopyOnWriteArrayList<>();

    static {
        PAWN.intField("n", false);
        PAWN.freeze();
    }

    private RoomContext room;
    private Table pawns;

    static void clear() {
        REQUESTS.clear();
        JOINS.clear();
        LEAVES.clear();
    }

    @Override
    public void onCreate(RoomContext context) {
        room = context;
        pawns = context.world().createTable(PAWN);
    }

    @Override
    public String onJoinRequest(Identity player, int playersInRoom) {
        REQUESTS.add(player);
        return null;
    }

    @Override
    public int onJoin(int playerId, Identity player) {
        JOINS.add(player);
        if (!player.equals(room.identity(playerId))) {
            throw new IllegalStateException("the context does not know the seat's identity");
        }
        return pawns.id(pawns.addRow());
    }

    @Override
    public boolean onInput(int playerId, int seq, InputReader input) {
        room.publish("input", Map.of("seat", playerId, "seq", seq));
        return true;
    }

    @Override
    public void step(int tick) {
    }

    @Override
    public void onLeave(int playerId) {
        LEAVES.add(playerId);
    }

    @Override
    public boolean onServerMessage(Map<String, Object> message) {
        return message.get("kick") instanceof Integer seat && room.kick(seat, (String) message.get("reason"));
    }
}
