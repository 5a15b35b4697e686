package dev.tickcast.record;

import dev.tickcast.wire.Protocol;

/** The parsed start of a fragment body, and a walk over its entries. */
final class FragmentBody {
    final byte[] data;
    final int number;
    final int startTick;
    final boolean hasFull;
    final int fullOffset;
    final int fullLength;
    /** Where the entry count starts. */
    final int entriesAt;
    final int end;

    private FragmentBody(byte[] data, int number, int startTick, boolean hasFull, int fullOffset, int fullLength,
                         int entriesAt, int end) {
        this.data = data;
        this.number = number;
        this.startTick = startTick;
        this.hasFull = hasFull;
        this.fullOffset = fullOffset;
        this.fullLength = fullLength;
        this.entriesAt = entriesAt;
        this.end = end;
    }

    /** Parses the body at {@code data[offset, offset + length)}; null if malformed. */
    static FragmentBody parse(byte[] data, int offset, int length) {
        Cursor c = new Cursor(data, offset, offset + length);
        int number = c.varuint();
        int start = c.varuint();
        int flags = c.varuint();
        if (c.failed || (flags & ~1) != 0) {
            return null;
        }
        int fullOffset = -1;
        int fullLength = 0;
        if (flags == 1) {
            fullLength = c.length(Blocks.MAX_BODY_BYTES);
            if (fullLength < 1) {
                return null;
            }
            fullOffset = c.pos;
            c.pos += fullLength;
        }
        return new FragmentBody(data, number, start, flags == 1, fullOffset, fullLength, c.pos, offset + length);
    }

    /**
     * Walks the entries; returns the last entry's tick ({@link #startTick} when there is none),
     * or -1 if the entries are malformed (the visitor then got the entries before the bad one).
     */
    int walk(EntryVisitor v) {
        Cursor c = new Cursor(data, entriesAt, end);
        int count = c.varuint();
        long tick = startTick;
        for (int i = 0; i < count && !c.failed; i++) {
            int delta = c.varuint();
            int type = c.u8();
            tick += Math.max(delta, 0);
            if (c.failed || tick > Integer.MAX_VALUE || !entry(c, type, (int) tick, v)) {
                return -1;
            }
        }
        return c.failed || !c.atEnd() ? -1 : (int) tick;
    }

    private static boolean entry(Cursor c, int type, int tick, EntryVisitor v) {
        switch (type) {
            case EntryVisitor.SNAPSHOT, EntryVisitor.CHAT, EntryVisitor.GAME_MESSAGE -> {
                int n = c.length(Blocks.MAX_BODY_BYTES);
                if (n < 1) {
                    return false;
                }
                int at = c.pos;
                c.pos += n;
                if (type == EntryVisitor.SNAPSHOT) {
                    v.snapshot(tick, c.data, at, n);
                } else if (type == EntryVisitor.CHAT) {
                    v.chat(tick, c.data, at, n);
                } else {
                    v.gameMessage(tick, c.data, at, n);
                }
            }
            case EntryVisitor.JOIN -> {
                int player = c.varuint();
                String name = c.string(Protocol.MAX_STRING_BYTES);
                if (c.failed) {
                    return false;
                }
                v.join(tick, player, name);
            }
            case EntryVisitor.LEAVE -> {
                int player = c.varuint();
                if (c.failed) {
                    return false;
                }
                v.leave(tick, player);
            }
            case EntryVisitor.MARK -> {
                String text = c.string(EntryVisitor.MAX_MARK_BYTES);
                if (c.failed) {
                    return false;
                }
                v.mark(tick, text);
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
