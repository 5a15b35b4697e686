/**
 * The game SPI: a {@link dev.tickcast.game.Game} holds the rules of one game and is driven by a room
 * through its {@link dev.tickcast.game.RoomContext}; a {@link dev.tickcast.game.GameSpec} says how the
 * server hosts it, and a {@link dev.tickcast.game.GameProvider} lists a plug-in's games. No Vert.x here:
 * a game is plain Java, tested with {@link dev.tickcast.game.testing.LocalRoom}. docs/EXTENDING.md is
 * the guided tour.
 */
package dev.tickcast.game;
