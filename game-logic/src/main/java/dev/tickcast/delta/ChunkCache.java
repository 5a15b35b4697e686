package dev.tickcast.delta;

import com.esotericsoftware.kryo.io.Output;

import java.util.Arrays;

/**
 * The shared parts of one broadcast of a room with interest, each encoded once into one reused
 * arena: per variant (a baseline and predictor pair, or the keyframe pair), the global part and
 * the chunk of each cell that some player needed, each with its length in bits. Players' messages copy from the arena, so
 * nothing here outlives the broadcast. Grows only; the room's thread.
 */
final class ChunkCache {
    private static final int ARENA_BYTES = 16 * 1024;

    final Output arena = new Output(ARENA_BYTES, -1);
    private final int cellCount;
    private int[] pairBase = new int[4];
    private int[] pairPred = new int[4];
    private int[] globalOff = new int[4];
    private long[] globalBits = new long[4];
    private int[][] chunkOff = new int[4][];
    private long[][] chunkBits = new long[4][];
    private int pairCount;
    private int[] touched = new int[64];
    private int touchedCount;
    private int encodes;

    ChunkCache(int cellCount) {
        this.cellCount = cellCount;
    }

    /** Forgets the last broadcast's parts. */
    void begin() {
        for (int i = 0; i < touchedCount; i++) {
            int key = touched[i];
            chunkOff[key / cellCount][key % cellCount] = -1;
        }
        touchedCount = 0;
        pairCount = 0;
        arena.reset();
    }

    /** The variant of (baseTick, predTick), added if new. */
    int pair(int baseTick, int predTick) {
        for (int i = 0; i < pairCount; i++) {
            if (pairBase[i] == baseTick && pairPred[i] == predTick) {
                return i;
            }
        }
        if (pairCount == pairBase.length) {
            int n = pairCount * 2;
            pairBase = Arrays.copyOf(pairBase, n);
            pairPred = Arrays.copyOf(pairPred, n);
            globalOff = Arrays.copyOf(globalOff, n);
            globalBits = Arrays.copyOf(globalBits, n);
            chunkOff = Arrays.copyOf(chunkOff, n);
            chunkBits = Arrays.copyOf(chunkBits, n);
        }
        int p = pairCount++;
        pairBase[p] = baseTick;
        pairPred[p] = predTick;
        globalOff[p] = -1;
        if (chunkOff[p] == null) {
            chunkOff[p] = new int[cellCount];
            chunkBits[p] = new long[cellCount];
            Arrays.fill(chunkOff[p], -1);
        }
        return p;
    }

    int baseTick(int pair) {
        return pairBase[pair];
    }

    int predTick(int pair) {
        return pairPred[pair];
    }

    boolean hasGlobal(int pair) {
        return globalOff[pair] >= 0;
    }

    void putGlobal(int pair, int offset, long bits) {
        globalOff[pair] = offset;
        globalBits[pair] = bits;
        encodes++;
    }

    int globalOffset(int pair) {
        return globalOff[pair];
    }

    long globalBits(int pair) {
        return globalBits[pair];
    }

    boolean hasChunk(int pair, int cell) {
        return chunkOff[pair][cell] >= 0;
    }

    void putChunk(int pair, int cell, int offset, long bits) {
        chunkOff[pair][cell] = offset;
        chunkBits[pair][cell] = bits;
        if (touchedCount == touched.length) {
            touched = Arrays.copyOf(touched, touchedCount * 2);
        }
        touched[touchedCount++] = pair * cellCount + cell;
        encodes++;
    }

    int chunkOffset(int pair, int cell) {
        return chunkOff[pair][cell];
    }

    long chunkBits(int pair, int cell) {
        return chunkBits[pair][cell];
    }

    /** Parts encoded since the room started. */
    long encodes() {
        return encodes;
    }
}
