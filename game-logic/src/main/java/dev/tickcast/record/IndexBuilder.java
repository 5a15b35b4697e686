package dev.tickcast.record;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Gathers an {@link ArchiveIndex} from fragment blocks, in file order (the writer's and the reader's scan). */
final class IndexBuilder implements EntryVisitor {
    final List<ArchiveIndex.Entry> fragments = new ArrayList<>();
    final List<Integer> numbers = new ArrayList<>();
    final List<Integer> endTicks = new ArrayList<>();
    final List<Integer> lengths = new ArrayList<>();
    private final List<ArchiveIndex.Marker> markers = new ArrayList<>();
    private final Set<Integer> seated = new HashSet<>();
    private int players;
    private int endTick;

    /**
     * Adds the fragment block at {@code data[at, ...)} found at file offset {@code fileOffset};
     * returns null, or why it cannot follow the fragments before it.
     */
    String add(byte[] data, int at, long fileOffset) {
        int length = Blocks.bodyLength(data, at);
        FragmentBody body = FragmentBody.parse(data, at + Blocks.HEADER_BYTES, length);
        if (body == null) {
            return "malformed fragment";
        }
        if (body.number != fragments.size()) {
            return "fragment number " + body.number + " where " + fragments.size() + " was due";
        }
        if (!fragments.isEmpty() && body.startTick < endTick) {
            return "fragment " + body.number + " starts at tick " + body.startTick + ", before tick " + endTick;
        }
        int markerCount = markers.size();
        Set<Integer> seatedBefore = Set.copyOf(seated);
        int playersBefore = players;
        int last = body.walk(this);
        if (last < 0) {
            markers.subList(markerCount, markers.size()).clear();
            seated.clear();
            seated.addAll(seatedBefore);
            players = playersBefore;
            return "malformed entries in fragment " + body.number;
        }
        fragments.add(new ArchiveIndex.Entry(fileOffset, body.startTick, body.hasFull));
        numbers.add(body.number);
        endTicks.add(last);
        lengths.add(length + Blocks.OVERHEAD);
        endTick = last;
        return null;
    }

    /** The index of the fragments added, of a room running at {@code tickHz}. */
    ArchiveIndex build(int tickHz, List<ArchiveIndex.Entry> entries) {
        long duration = fragments.isEmpty() ? 0 : (endTick - (long) fragments.get(0).startTick()) * 1000L / tickHz;
        return new ArchiveIndex(List.copyOf(entries), List.copyOf(markers), endTick, players, duration);
    }

    @Override
    public void join(int tick, int playerId, String name) {
        seated.add(playerId);
        players = Math.max(players, seated.size());
    }

    @Override
    public void leave(int tick, int playerId) {
        seated.remove(playerId);
    }

    @Override
    public void mark(int tick, String text) {
        markers.add(new ArchiveIndex.Marker(tick, text));
    }
}
