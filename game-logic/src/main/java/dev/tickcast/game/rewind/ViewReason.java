package dev.tickcast.game.rewind;

/** How the server judged a message's view stamp, and so which view a {@link RewoundWorld} shows. */
public enum ViewReason {
    /** The stamp named snapshots sent to that client, within the cap and agreeing with its round trip: its own view. */
    EXACT,
    /** The message carried no view: the view the round trip and declared delay suggest, capped. */
    NO_VIEW,
    /**
     * The stamp was refused (a tick never sent to that client, a future tick, a fraction past the
     * newest snapshot it had): the view the round trip and declared delay suggest, capped.
     */
    REFUSED,
    /** The view was older than the cap: the oldest view allowed instead. */
    TOO_OLD,
    /**
     * The stamp disagreed with the measured round trip plus the declared interpolation delay by more
     * than the allowed margin: the view those suggest, capped.
     */
    DISAGREES
}
