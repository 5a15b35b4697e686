package dev.tickcast.bench;

import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.delta.DeltaEncoder;
import dev.tickcast.record.ArchiveReader;
import dev.tickcast.record.Replay;
import dev.tickcast.state.FieldType;
import dev.tickcast.state.Schema;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.TableSnapshot;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Which tables a recording's deltas pay for, one minute of it at a time: each snapshot of the minute
 * is encoded again from the one before (with the one before that as predictor, as the spectators' deltas
 * are), once whole and once per table with every other table held still, so the difference from an
 * encode where nothing changed is that table's share. The sum of the shares is about the whole (the
 * header is counted once, in {@code empty}).
 */
final class TableCosts {
    private TableCosts() {
    }

    /** Mean bytes per snapshot in minute {@code minute} (0-based) of {@code r}: the whole delta, the empty one, and per table. */
    static JsonObject of(ArchiveReader r, int minute, int snapshots) {
        List<Schema> schemas = r.head().schemas();
        Replay replay = r.replay();
        int from = r.fragments().get(0).startTick() + minute * 60 * r.head().tickHz();
        if (from > r.endTick() || !replay.seek(from)) {
            return new JsonObject().put("error", "no snapshot at minute " + minute + ": " + replay.error());
        }
        DeltaEncoder encoder = new DeltaEncoder();
        Output out = new Output(1 << 16, -1);
        Snapshot before = null;
        Snapshot base = null;
        long whole = 0;
        long empty = 0;
        long[] tables = new long[schemas.size()];
        int n = 0;
        for (int i = 0; i < snapshots; i++) {
            Snapshot now = new Snapshot(schemas);
            now.copyFrom(replay.state());
            if (before != null) {
                n++;
                whole += size(encoder, out, now, base, before);
                empty += size(encoder, out, base, base, base);
                for (int t = 0; t < tables.length; t++) {
                    tables[t] += size(encoder, out, only(schemas, base, now, t), base, only(schemas, base, before, t));
                }
            }
            before = base;
            base = now;
            if (!replay.next()) {
                break;
            }
        }
        JsonObject perTable = new JsonObject();
        for (int t = 0; t < tables.length; t++) {
            perTable.put(schemas.get(t).name(), mean(tables[t] - empty, n));
        }
        return new JsonObject().put("minute", minute).put("snapshots", n).put("whole", mean(whole, n))
                .put("empty", mean(empty, n)).put("tables", perTable);
    }

    private static int size(DeltaEncoder encoder, Output out, Snapshot now, Snapshot base, Snapshot pred) {
        out.reset();
        encoder.encode(now, base, pred, out);
        return out.position();
    }

    /** {@code base} with table {@code t} as in {@code from} (and {@code from}'s tick). */
    private static Snapshot only(List<Schema> schemas, Snapshot base, Snapshot from, int t) {
        Snapshot s = new Snapshot(schemas);
        s.copyFrom(base);
        copy(from.table(t), s.table(t));
        s.tick(from.tick());
        return s;
    }

    private static void copy(TableSnapshot from, TableSnapshot to) {
        to.clear();
        int fields = from.schema().fields().size();
        for (int r = 0; r < from.count(); r++) {
            int row = to.appendRow(from.id(r));
            for (int f = 0; f < fields; f++) {
                if (from.schema().fields().get(f).type() == FieldType.STRING) {
                    to.setString(row, f, from.string(r, f));
                } else {
                    to.setValue(row, f, from.value(r, f));
                }
            }
        }
    }

    private static double mean(long total, int n) {
        return n == 0 ? 0 : Math.round(total * 10.0 / n) / 10.0;
    }
}
