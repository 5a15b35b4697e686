/**
 * Recordings (docs/PROTOCOL.md, section 14): the bytes a whole-world spectator receives, cut into
 * fragments that each decode from their own keyframe, framed in CRC-checked blocks of one archive
 * file ({@code .tcrec}). {@link dev.tickcast.record.FragmentBuilder} builds a fragment on the room's
 * thread, {@link dev.tickcast.record.ArchiveWriter} writes and finishes a file on a worker,
 * {@link dev.tickcast.record.ArchiveReader} reads one (also a damaged one, up to the damage) and
 * {@link dev.tickcast.record.Replay} rebuilds the states tick by tick. No Vert.x here.
 */
package dev.tickcast.record;
