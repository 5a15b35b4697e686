package dev.tickcast.server;

import dev.tickcast.game.Identity;
import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.InputReader;
import dev.tickcast.game.RoomContext;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Table;

import java.util.Map;

/**
 * A test game of game messages: type 1 is echoed to its sender as type 2 and announced to the
 * others as type 3 (the sender's id); type 9 publishes the event "announced". A server message
 * {"action":"bump"} is taken (and published as "bumped"); anything else is refused. It records the
 * threads it is called on.
 */
final class EchoGame implements Game {
    static final int ECHO = 1;
    static final int ECHOED = 2;
    static final int SEEN = 3;
    static final int ANNOUNCE = 9;
    static final Schema PAWN = new Schema("pawn");
    static final GameSpec SPEC = GameSpec.of("echo", EchoGame::new).rates(30, 10).maxPlayers(4);
    static final GameSpec NO_CHAT = GameSpec.of("quiet", EchoGame::new).rates(30, 10).maxPlayers(4).chat(false);
    static volatile Thread stepThread;
    static volatile Thread serverMessageThread;

    static {
        PAWN.intField("n", false);
        PAWN.freeze();
    }

    private RoomContext room;
    private Table pawns;
    private final byte[] payload = new byte[1024];

    @Override
    public void onCreate(RoomContext context) {
        room = context;
        pawns = context.world().createTable(PAWN);
    }

    @Override
    public int onJoin(int playerId, Identity player) {
        return pawns.id(pawns.addRow());
    }

    @Override
    public boolean onInput(int playerId, int seq, InputReader input) {
        return true;
    }

    @Override
    public boolean onMessage(int playerId, int type, InputReader in) {
        if (type == ECHO) {
            int n = in.remaining();
            for (int i = 0; i < n; i++) {
                payload[i] = (byte) in.readUnsignedByte();
            }
            room.message(ECHOED).writeBytes(payload, 0, n).sendTo(playerId);
            room.message(SEEN).writeVarUInt(playerId).broadcast(playerId);
            return true;
        }
        if (type == ANNOUNCE && in.remaining() == 0) {
            room.publish("announced", Map.of("by", playerId));
            return true;
        }
        return false;
    }

    @Override
    public boolean onServerMessage(Map<String, Object> message) {
        serverMessageThread = Thread.currentThread();
        if ("bump".equals(message.get("action"))) {
            room.publish("bumped", Map.of("tick", room.tick()));
            return true;
        }
        return false;
    }

    @Override
    public void step(int tick) {
        stepThread = Thread.currentThread();
    }

    @Override
    public void onLeave(int playerId) {
    }
}
