package dev.tickcast.game.driver;

import java.util.Map;

/**
 * The host's side of a {@link GameDriver}: how the game's messages reach seated players, where its
 * events go, and who hears of its faults. The server's room implements it over its connections,
 * {@code LocalRoom} by recording. The driver calls it on its own thread, from inside game calls
 * (a game sends messages and publishes events while the driver runs it).
 */
public interface RoomPort {
    /**
     * True if the player in {@code seat} can be sent a game message now (connected: not dropped,
     * not closing). Asked before the seat's per-tick message count is taken, so an unreachable
     * seat does not use up its count.
     */
    boolean reachable(int seat);

    /**
     * Sends one GAME_MESSAGE frame, {@code frame[0, length)}, to the player in {@code seat}. The
     * frame is the driver's reused buffer: the same bytes for every seat of one message, valid
     * until the {@link #flush()} that ends it, so copy it once per message, not once per seat.
     */
    void send(int seat, byte[] frame, int length);

    /** Ends one message that went to at least one seat: hand its sends over, forget its frame. */
    void flush();

    /**
     * The game kicks the player in {@code seat} ({@code RoomContext.kick}): close its connection
     * with 4012 and {@code reason}, and report the leave ({@link GameDriver#leave}) once it has
     * closed, never from inside this call.
     */
    void kick(int seat, String reason);

    /** The game published an event ({@code RoomContext.publish}): name and data as the game gave them. */
    void publish(String name, Map<String, Object> data);

    /**
     * Game code threw: a bug in the game. {@code callback} names the call ("step", "onInput", ...).
     * The first fault turns the driver failed, and the host should close the room (1011) and
     * dispose the driver; a fault in {@code onDispose} is reported too, even after an earlier one.
     * Must not throw.
     */
    void onFault(String callback, RuntimeException fault);

    /**
     * The game sent {@code frame[0, length)}, a GAME_MESSAGE frame, to every seated player (all, or
     * all but one): a recording keeps it. Called once per such message, before its sends; the frame
     * is the driver's reused buffer, valid during this call only. Nothing by default.
     */
    default void toEveryone(byte[] frame, int length) {
    }

    /** The game marked this moment ({@code RoomContext.mark}), text checked: a recording keeps it. Nothing by default. */
    default void mark(String text) {
    }
}
