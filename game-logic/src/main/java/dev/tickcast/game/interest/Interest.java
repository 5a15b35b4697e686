package dev.tickcast.game.interest;

/**
 * A room's declared interest: the game's {@link InterestSpec} and the {@link Views} it sets, as the
 * engine reads them ({@code GameDriver.interest()}); null there for a whole-world game.
 *
 * @param spec what the game declared
 * @param views what each player id sees, set by the game
 */
public record Interest(InterestSpec spec, Views views) {
}
