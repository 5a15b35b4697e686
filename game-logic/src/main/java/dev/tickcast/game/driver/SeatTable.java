package dev.tickcast.game.driver;

import dev.tickcast.game.Identity;

import java.util.Arrays;

/**
 * The seats of a driven room, one slot per player id: taken or free, its last
 * accepted input sequence, and the game messages it got this tick. Plain arrays: nothing is
 * allocated after construction.
 */
final class SeatTable {
    private final boolean[] taken;
    private final Identity[] identities;
    private final int[] lastSeq;
    private final int[] messageTick;
    private final int[] messagesThisTick;
    private int players;
    /** Each seat's lag compensation record: a new one for each new connection and a freed seat. */
    final SeatViews views;

    SeatTable(int seats, SeatViews views) {
        this.views = views;
        taken = new boolean[seats];
        identities = new Identity[seats];
        lastSeq = new int[seats];
        messageTick = new int[seats];
        messagesThisTick = new int[seats];
        Arrays.fill(messageTick, -1);
    }

    int size() {
        return taken.length;
    }

    int players() {
        return players;
    }

    /** The first free seat, or -1 if the room is full. */
    int freeSeat() {
        for (int i = 0; i < taken.length; i++) {
            if (!taken[i]) {
                return i;
            }
        }
        return -1;
    }

    /** True if {@code seat} is in range and taken. */
    boolean taken(int seat) {
        return seat >= 0 && seat < taken.length && taken[seat];
    }

    /** Takes a free seat for a new player: input sequence 0, no messages this tick. */
    void take(int seat, Identity player) {
        taken[seat] = true;
        identities[seat] = player;
        lastSeq[seat] = 0;
        resetMessages(seat);
        players++;
    }

    void free(int seat) {
        taken[seat] = false;
        identities[seat] = null;
        players--;
        views.newConnection(seat);
    }

    /** The identity in {@code seat}, or null if it is free or out of range. */
    Identity identity(int seat) {
        return taken(seat) ? identities[seat] : null;
    }

    int lastSeq(int seat) {
        return lastSeq[seat];
    }

    void lastSeq(int seat, int seq) {
        lastSeq[seat] = seq;
    }

    /** A new connection took the seat: its message count and lag compensation record start again. */
    void resetMessages(int seat) {
        messageTick[seat] = -1;
        messagesThisTick[seat] = 0;
        views.newConnection(seat);
    }

    /** Counts one game message to {@code seat} at {@code tick}; false once it is over {@code perTick}. */
    boolean takeMessage(int seat, int tick, int perTick) {
        if (messageTick[seat] != tick) {
            messageTick[seat] = tick;
            messagesThisTick[seat] = 0;
        }
        if (messagesThisTick[seat] >= perTick) {
            return false;
        }
        messagesThisTick[seat]++;
        return true;
    }
}
