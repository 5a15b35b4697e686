package dev.tickcast.game.testing;

import dev.tickcast.game.Game;
import dev.tickcast.game.GameSpec;
import dev.tickcast.game.InputReader;
import dev.tickcast.game.MessageWriter;
import dev.tickcast.game.RoomContext;
import dev.tickcast.state.World;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A room without a server, for unit tests of a game and for tools: it calls the {@link Game} the
 * way the engine does (create, joins, inputs, messages, steps, leaves) on the caller's thread, and
 * records the game messages the game sends and the events it publishes. Deterministic: no clock,
 * no threads.
 *
 * <pre>{@code
 * LocalRoom room = LocalRoom.create(TankGame.SPEC, 42);
 * int tank = room.join("ann");
 * room.message(0, TankGame.FIRE, new byte[] {10});
 * room.step(30);
 * assertEquals(1, room.sent(TankGame.HIT).size());
 * }</pre>
 */
public final class LocalRoom implements RoomContext {
    /** A game message the game sent: to whom, its type and payload. */
    public record Sent(int playerId, int type, byte[] payload) {
    }

    /** An event the game published. */
    public record Event(String name, Map<String, Object> data) {
    }

    private final GameSpec spec;
    private final String roomId;
    private final long seed;
    private final Game game;
    private final World world = new World();
    private final boolean[] seated;
    private final int[] seqs;
    private final InputReader reader = new InputReader();
    private final MessageWriter writer = new MessageWriter(this::deliver);
    private final List<Sent> sent = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private int tick;
    private int lastEntity = -1;

    private LocalRoom(GameSpec spec, String roomId, long seed) {
        this.spec = spec;
        this.roomId = roomId;
        this.seed = seed;
        this.game = spec.newGame();
        this.seated = new boolean[spec.maxPlayers()];
        this.seqs = new int[spec.maxPlayers()];
    }

    /** Creates the game of {@code spec} in a room "local" with {@code seed}, as the engine does. */
    public static LocalRoom create(GameSpec spec, long seed) {
        LocalRoom room = new LocalRoom(spec, "local", seed);
        room.game.onCreate(room);
        room.world.freeze();
        return room;
    }

    /** The game under test. */
    public Game game() {
        return game;
    }

    /** Seats a player in the first free seat; returns its player id (the entity: {@link #lastEntity}). */
    public int join(String name) {
        for (int p = 0; p < seated.length; p++) {
            if (!seated[p]) {
                seated[p] = true;
                seqs[p] = 0;
                lastEntity = game.onJoin(p, name);
                return p;
            }
        }
        throw new IllegalStateException("room full");
    }

    /** The entity id onJoin returned for the last join. */
    public int lastEntity() {
        return lastEntity;
    }

    /** A player leaves. */
    public void leave(int playerId) {
        seated[playerId] = false;
        game.onLeave(playerId);
    }

    /** Sends an input with the player's next sequence number; returns what the game returned. */
    public boolean input(int playerId, byte... payload) {
        reader.reset(payload, 0, payload.length);
        return game.onInput(playerId, ++seqs[playerId], reader);
    }

    /** Sends a game message from a player; returns what the game returned. */
    public boolean message(int playerId, int type, byte... payload) {
        reader.reset(payload, 0, payload.length);
        return game.onMessage(playerId, type, reader);
    }

    /** Sends a server-side message (as over the event bus); returns whether the game took it. */
    public boolean serverMessage(Map<String, Object> message) {
        return game.onServerMessage(message);
    }

    /** Runs {@code steps} fixed steps. */
    public void step(int steps) {
        for (int i = 0; i < steps; i++) {
            game.step(++tick);
        }
    }

    /** Every game message sent so far, in order (one entry per recipient). */
    public List<Sent> sent() {
        return Collections.unmodifiableList(sent);
    }

    /** The game messages of {@code type} sent so far. */
    public List<Sent> sent(int type) {
        return sent.stream().filter(s -> s.type == type).toList();
    }

    /** Every event published so far, in order. */
    public List<Event> events() {
        return Collections.unmodifiableList(events);
    }

    @Override
    public String roomId() {
        return roomId;
    }

    @Override
    public GameSpec spec() {
        return spec;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public World world() {
        return world;
    }

    @Override
    public int tick() {
        return tick;
    }

    @Override
    public MessageWriter message(int type) {
        return writer.begin(type);
    }

    @Override
    public void publish(String name, Map<String, Object> data) {
        events.add(new Event(name, data));
    }

    private int deliver(int[] players, int count, int except, byte[] frame, int length) {
        int headerType = frame[1] & 0xFF;
        int offset = 2;
        int type = headerType;
        if ((headerType & 0x80) != 0) {
            type = (headerType & 0x7F) | (frame[2] & 0xFF) << 7;
            offset = 3;
        }
        byte[] payload = Arrays.copyOfRange(frame, offset, length);
        int n = 0;
        if (players == null) {
            for (int p = 0; p < seated.length; p++) {
                if (seated[p] && p != except) {
                    sent.add(new Sent(p, type, payload));
                    n++;
                }
            }
            return n;
        }
        for (int i = 0; i < count; i++) {
            if (players[i] >= 0 && players[i] < seated.length && seated[players[i]]) {
                sent.add(new Sent(players[i], type, payload));
                n++;
            }
        }
        return n;
    }
}
