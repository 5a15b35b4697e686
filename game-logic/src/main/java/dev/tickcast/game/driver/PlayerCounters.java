package dev.tickcast.game.driver;

/**
 * Running totals of what a driven room's players sent its game: INPUTs and GAME_SENDs passed to
 * the driver while the game ran (refused ones included), and how many the game took. Plain fields
 * counted on the driver's thread; another thread reading them may see a stale value.
 */
public final class PlayerCounters {
    long inputs;
    long inputsAccepted;
    long gameMessages;
    long gameMessagesAccepted;

    PlayerCounters() {
    }

    /** INPUTs passed to {@link GameDriver#input}. */
    public long inputs() {
        return inputs;
    }

    /** INPUTs the game took. */
    public long inputsAccepted() {
        return inputsAccepted;
    }

    /** GAME_SENDs passed to {@link GameDriver#message}. */
    public long gameMessages() {
        return gameMessages;
    }

    /** GAME_SENDs the game took. */
    public long gameMessagesAccepted() {
        return gameMessagesAccepted;
    }
}
