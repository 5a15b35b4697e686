package dev.tickcast.game.driver;

import dev.tickcast.game.GameSpec;
import dev.tickcast.game.Identity;
import dev.tickcast.game.MessageWriter;
import dev.tickcast.game.RoomContext;
import dev.tickcast.game.interest.Interest;
import dev.tickcast.game.interest.InterestSpec;
import dev.tickcast.game.interest.Views;
import dev.tickcast.state.World;
import dev.tickcast.wire.Protocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The room as a driven game sees it: the driver's settings, world and tick, and the game's
 * messages, which go to reachable seated players within their per-tick cap.
 */
final class DriverContext implements RoomContext, MessageWriter.Outbox {
    private final GameDriver driver;
    private final GameSpec spec;
    private final String roomId;
    private final long seed;
    private final SeatTable seats;
    private final RoomPort port;
    private final World world = new World();
    private final MessageWriter writer = new MessageWriter(this);
    private Interest declared;

    DriverContext(GameDriver driver, GameSpec spec, String roomId, long seed, SeatTable seats, RoomPort port) {
        this.driver = driver;
        this.spec = spec;
        this.roomId = roomId;
        this.seed = seed;
        this.seats = seats;
        this.port = port;
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
    public Identity identity(int playerId) {
        return seats.identity(playerId);
    }

    /** Asks the host to close the seat's connection; the seat is freed when the host reports the leave. */
    @Override
    public boolean kick(int playerId, String reason) {
        if (driver.disposed() || !seats.taken(playerId)) {
            return false;
        }
        port.kick(playerId, reason == null ? "kicked by the game" : reason);
        return true;
    }

    @Override
    public int tick() {
        return driver.tick();
    }

    @Override
    public MessageWriter message(int type) {
        return writer.begin(type);
    }

    @Override
    public Views interest(InterestSpec spec) {
        if (!driver.creating) {
            throw new IllegalStateException("interest(spec) is declared in onCreate");
        }
        if (declared != null) {
            throw new IllegalStateException("interest(spec) is declared once");
        }
        spec.checkCovers(world);
        declared = new Interest(spec, new Views(spec().maxPlayers(), spec.keys()));
        return declared.views();
    }

    @Override
    public dev.tickcast.game.rewind.RewoundWorld rewind(int playerId) {
        return seats.views.rewound(playerId, driver.tick());
    }

    /** The game's interest declaration, or null for a whole-world game. */
    Interest declared() {
        return declared;
    }

    @Override
    public void mark(String text) {
        if (text == null || text.getBytes(StandardCharsets.UTF_8).length > MAX_MARK_BYTES) {
            throw new IllegalArgumentException("a mark is a text of at most " + MAX_MARK_BYTES + " UTF-8 bytes: "
                    + (text == null ? "null" : text.length() + " chars"));
        }
        if (!driver.disposed()) {
            port.mark(text);
        }
    }

    @Override
    public void publish(String name, Map<String, Object> data) {
        port.publish(name, data);
    }

    /**
     * Sends the frame to each listed seat (every seat but {@code except} when {@code players} is
     * null) that is taken, reachable and under {@link Protocol#MAX_GAME_MESSAGES_PER_TICK} this
     * tick; a seat listed twice gets it twice. Returns how many got it: none once the driver is
     * disposed (a real room has closed its players by then).
     */
    @Override
    public int deliver(int[] players, int count, int except, byte[] frame, int length) {
        if (driver.disposed()) {
            return 0;
        }
        if (players == null) {
            port.toEveryone(frame, length);
        }
        int n = players == null ? seats.size() : count;
        int tick = driver.tick();
        int sent = 0;
        for (int i = 0; i < n; i++) {
            int seat = players == null ? i : players[i];
            if (seat == except || !seats.taken(seat) || !port.reachable(seat)
                    || !seats.takeMessage(seat, tick, Protocol.MAX_GAME_MESSAGES_PER_TICK)) {
                continue;
            }
            port.send(seat, frame, length);
            sent++;
        }
        if (sent > 0) {
            port.flush();
        }
        return sent;
    }
}
