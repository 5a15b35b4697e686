package dev.tickcast.server.internal.match;

import dev.tickcast.game.Identity;
import dev.tickcast.server.internal.room.Room;
import dev.tickcast.server.internal.room.RoomJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Single-process matchmaking: every room is this process's. */
public final class LocalMatch implements MatchService {
    private final Matchmaker matchmaker;

    /** Matchmaking over {@code matchmaker} alone. */
    public LocalMatch(Matchmaker matchmaker) {
        this.matchmaker = matchmaker;
    }

    @Override
    public Future<Placed> joinOrCreate(String game, Identity player, String address) {
        return here(matchmaker.joinOrCreate(game, player, address));
    }

    @Override
    public Future<Placed> create(String game, Identity player, boolean isPrivate, String address) {
        return here(matchmaker.create(game, player, isPrivate, address));
    }

    @Override
    public Future<Placed> joinById(String roomId, Identity player, String address) {
        return here(matchmaker.joinById(roomId, player, address));
    }

    @Override
    public Future<List<JsonObject>> rooms() {
        return liveInfo(matchmaker.rooms());
    }

    /** The live summaries of {@code rooms} (those that answer), in order. */
    public static Future<List<JsonObject>> liveInfo(List<Room> rooms) {
        return liveInfo(rooms, room -> room.stats().map(s -> RoomJson.summary(s, room.broadcast())));
    }

    /** What {@code ask} answers for each of {@code rooms}, in order, leaving out the rooms that do not answer. */
    public static Future<List<JsonObject>> liveInfo(List<Room> rooms, Function<Room, Future<JsonObject>> ask) {
        List<Future<JsonObject>> infos = new ArrayList<>();
        for (Room room : rooms) {
            infos.add(ask.apply(room));
        }
        return Future.join(infos).transform(done -> {
            List<JsonObject> list = new ArrayList<>();
            for (Future<JsonObject> f : infos) {
                if (f.succeeded()) {
                    list.add(f.result());
                }
            }
            return Future.succeededFuture(list);
        });
    }

    private static Future<Placed> here(SeatGrant grant) {
        return Future.succeededFuture(new Placed(grant, null));
    }
}
