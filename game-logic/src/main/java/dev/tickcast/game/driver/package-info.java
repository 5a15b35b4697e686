/**
 * The {@link dev.tickcast.game.driver.GameDriver} that runs a game under the engine's rules, shared by
 * the server's rooms and {@link dev.tickcast.game.testing.LocalRoom}, and its outcomes
 * ({@link dev.tickcast.game.driver.Admission}, {@link dev.tickcast.game.driver.Verdict}). A game author
 * meets the outcomes in tests; only a host of games (the engine, a tool) drives a game itself.
 */
package dev.tickcast.game.driver;
