package dev.tickcast.server.internal.match;

/**
 * What the matchmaker may hand out: rooms per process, and reserved seats not claimed yet, per
 * remote address and in total.
 *
 * @param maxRooms                    past it, a request that needs a new room is refused (503)
 * @param maxUnclaimedSeatsPerAddress past it, the address gets no further seat until it claims one (429)
 * @param maxUnclaimedSeats           past it, nobody gets a new seat until some are claimed or expire (503)
 */
public record MatchLimits(int maxRooms, int maxUnclaimedSeatsPerAddress, int maxUnclaimedSeats) {
    /** No limit (tests of other things). */
    public static final MatchLimits NONE = new MatchLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);
}
