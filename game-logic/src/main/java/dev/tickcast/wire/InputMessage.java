package dev.tickcast.wire;

/**
 * INPUT (client to server): one input of the player. The server reads INPUT frames in place,
 * without this record; this record is for clients and tests.
 *
 * @param seq     the input sequence number, strictly increasing per connection, starting at 1
 * @param view    the view stamp: what the client was drawing when it sent the input, 0 for none
 *                ({@link dev.tickcast.game.rewind.ViewStamp}, docs/PROTOCOL.md 7.6)
 * @param payload the game-defined input bytes (at most {@link Protocol#MAX_INPUT_PAYLOAD_BYTES})
 */
public record InputMessage(int seq, int view, byte[] payload) {
}
