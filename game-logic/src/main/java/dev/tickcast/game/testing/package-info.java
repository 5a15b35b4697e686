/**
 * {@link dev.tickcast.game.testing.LocalRoom}: a room without a server, for unit tests of a game.
 */
package dev.tickcast.game.testing;
