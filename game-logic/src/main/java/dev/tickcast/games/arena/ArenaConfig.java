package dev.tickcast.games.arena;

/**
 * The size of an arena world: its side, the number of orbs it always holds and the number of NPCs.
 * Everything else (speeds, radius, inputs) is the same in every arena (ARENA-SCENARIO.md).
 *
 * @param worldSize the side of the square world, in units; positions run from 0 to it
 * @param orbCount  the orbs alive at any time (an eaten orb respawns at once)
 * @param npcCount  the NPCs, created with the room
 */
public record ArenaConfig(float worldSize, int orbCount, int npcCount) {
    /** Checks the sizes: a positive world, at least one orb, no negative NPC count. */
    public ArenaConfig {
        if (!(worldSize > 0) || orbCount < 1 || npcCount < 0) {
            throw new IllegalArgumentException("arena: world " + worldSize + ", orbs " + orbCount + ", NPCs " + npcCount);
        }
    }
}
