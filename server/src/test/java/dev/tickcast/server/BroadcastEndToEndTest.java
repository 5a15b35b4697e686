package dev.tickcast.server;

import dev.tickcast.games.arena.ArenaGame;
import dev.tickcast.record.BroadcastPlayer;
import dev.tickcast.record.Blocks;
import dev.tickcast.record.RecordingHead;
import dev.tickcast.server.internal.broadcast.Broadcasts;
import dev.tickcast.server.internal.room.Room;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recording arena room broadcasting live (D = 0) over loopback HTTP: GET /rooms names its sync, a viewer
 * starts at the newest fragment (sync, start, full, delta) and rolls on fragment by fragment, decoding the very
 * states the room broadcast; a room of a game that does not record has no broadcast; a disposed room's ends.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class BroadcastEndToEndTest {
    private static final String BID_PATH = "/broadcasts/[A-Za-z0-9_-]{22}/sync";

    private record Answer(int status, String cache, Buffer body) {
    }

    private static Answer get(HttpClient http, int port, String uri) {
        RequestOptions o = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port).setURI(uri);
        return Bot.get(http.request(o).compose(req -> req.send().compose(resp -> resp.body()
                .map(b -> new Answer(resp.statusCode(), resp.getHeader("Cache-Control"), b))))
                .toCompletionStage().toCompletableFuture(), uri);
    }

    @Test
    void shouldLetAViewerStartAtTheNewestFragmentAndRollOnThroughTheRoomsStates(Vertx vertx, @TempDir Path dir) {
        TickcastOptions options = TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(2)
                .with(RecordSettings.RECORD, List.of("arena")).with(RecordSettings.RECORDINGS_DIR, dir.toString())
                .with(RecordSettings.RECORDING_FRAGMENT_SECONDS, 1).with(RecordSettings.BROADCAST_DELAY_MS, 0);
        ServerFixture fixture = new ServerFixture(vertx, options,
                new GameRegistry().register(ArenaGame.SPEC).register(EchoGame.SPEC));
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
        int port = fixture.port();
        String roomId = Bot.join(vertx, port, "ann").welcome().roomId();
        String echoRoom = new Bot(vertx, port).joinGame("echo", "bob").welcome().roomId();

        JsonObject listed = null;
        JsonObject echo = null;
        for (Object o : new JsonArray(get(http, port, "/rooms").body())) {
            JsonObject room = (JsonObject) o;
            listed = roomId.equals(room.getString("id")) ? room : listed;
            echo = echoRoom.equals(room.getString("id")) ? room : echo;
        }
        assertNotNull(listed);
        String sync = listed.getString("broadcast");
        assertTrue(sync != null && sync.matches(BID_PATH), listed.encode());
        assertNull(echo.getString("broadcast"), "a room that does not record does not broadcast");
        assertEquals(sync, Bot.get(fixture.server.broadcastLink(roomId).toCompletionStage().toCompletableFuture()));
        assertTrue(fixture.server.broadcastLink(echoRoom).failed());

        int fragmentTicks = ArenaGame.SPEC.tickHz(); // 1 s
        fixture.awaitRoom(roomId, r -> r.tick() >= 3 * fragmentTicks + 10);
        JsonObject first = new JsonObject(get(http, port, sync).body());
        assertEquals(0, first.getInteger("delayMs"));
        assertEquals(fragmentTicks, first.getInteger("fragmentTicks"));
        assertEquals("arena", first.getString("game"));
        assertEquals(roomId, first.getString("room"));
        int n = first.getInteger("fragment");
        assertTrue(n >= 1, first.encode());
        String base = sync.substring(0, sync.length() - "sync".length());
        byte[] start = get(http, port, base + n + "/start").body().getBytes();
        RecordingHead head = RecordingHead.parse(start, Blocks.HEADER_BYTES, Blocks.bodyLength(start, 0));
        List<String> mismatches = new ArrayList<>();
        int[] states = {0};
        BroadcastPlayer player = new BroadcastPlayer(head, s -> {
            states[0]++;
            String live = fixture.state(roomId, s.tick());
            if (!s.describe().equals(live)) {
                mismatches.add("tick " + s.tick() + ": " + s.describe() + " vs " + live);
            }
        });
        byte[] full = get(http, port, base + n + "/full").body().getBytes();
        assertTrue(player.start(n, full, 0, full.length));
        assertEquals(first.getInteger("startTick"), player.state().tick());
        Answer delta = get(http, port, base + n + "/delta");
        assertEquals("public, max-age=31536000, immutable", delta.cache());
        assertTrue(player.append(delta.body().getBytes()), player.error());
        int end = first.getInteger("endTick");
        fixture.awaitRoom(roomId, r -> r.tick() >= end + 2 * fragmentTicks + 10);
        for (int k = n + 1; k <= n + 2; k++) {
            assertTrue(player.append(get(http, port, base + k + "/delta").body().getBytes()), player.error());
        }
        assertEquals(List.of(), mismatches);
        assertTrue(states[0] >= 3 * 20, "three fragments of 20 snapshots: " + states[0]);
        assertEquals(404, get(http, port, base + (n + 50) + "/delta").status());

        Room room = fixture.server.room(roomId);
        assertTrue(fixture.server.matchmaker().dispose(roomId, "test over"));
        Bot.get(room.recorded().toCompletionStage().toCompletableFuture(), "the room's disposal");
        JsonObject last = new JsonObject(get(http, port, sync).body());
        assertTrue(last.getBoolean("ended"), last.encode());
        assertTrue(last.getInteger("fragment") >= n + 2, last.encode());
        Broadcasts casts = fixture.server.broadcasts();
        assertEquals(1, casts.size(), "held a minute after the end");
        Bot.get(fixture.server.shutdown().toCompletionStage().toCompletableFuture());
    }

    @Test
    void shouldGiveTheAdminASignedLinkToAPrivateRoomsBroadcast(Vertx vertx, @TempDir Path dir) {
        String token = "an-admin-token-0123456789";
        TickcastOptions options = TickcastOptions.defaults().withAddress("127.0.0.1", 0).withEventLoops(1)
                .with(RecordSettings.RECORD, List.of("arena")).with(RecordSettings.RECORDINGS_DIR, dir.toString())
                .with(RecordSettings.RECORDING_FRAGMENT_SECONDS, 1).with(RecordSettings.BROADCAST_DELAY_MS, 0)
                .withAdminToken(token);
        ServerFixture fixture = new ServerFixture(vertx, options, new GameRegistry().register(ArenaGame.SPEC));
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false));
        int port = fixture.port();
        Bot solo = new Bot(vertx, port);
        solo.client.join(HttpGet.seat(vertx, port, "/matchmake/create/arena", "{\"name\":\"solo\",\"private\":true}"));
        String roomId = solo.welcome().roomId();
        fixture.awaitRoom(roomId, r -> r.tick() >= 2 * ArenaGame.SPEC.tickHz() + 10);
        assertEquals(0, new JsonArray(get(http, port, "/rooms").body()).size(), "a private room is not listed");
        JsonObject admin = HttpGet.request(vertx, HttpMethod.GET, port, "/admin/api/rooms", "Bearer " + token, null).json();
        String link = admin.getJsonArray("rooms").getJsonObject(0).getString("broadcast");
        assertTrue(link.matches(BID_PATH.replace("/sync", "/sync\\?exp=[0-9]+&sig=[A-Za-z0-9_-]{43}")), link);
        String sync = link.substring(0, link.indexOf('?'));
        String query = link.substring(link.indexOf('?'));
        assertEquals(403, get(http, port, sync).status());
        assertEquals(403, get(http, port, sync.replace("sync", "0/full")).status());
        JsonObject first = new JsonObject(get(http, port, link).body());
        String base = sync.substring(0, sync.length() - "sync".length());
        assertEquals(200, get(http, port, base + first.getInteger("fragment") + "/delta" + query).status());
        assertEquals(link.substring(0, link.indexOf("&")).replaceAll("exp=.*", ""),
                Bot.get(fixture.server.broadcastLink(roomId).toCompletionStage().toCompletableFuture())
                        .replaceAll("exp=.*", ""));
        Bot.get(fixture.server.shutdown().toCompletionStage().toCompletableFuture());
        try (var files = java.nio.file.Files.list(dir)) { // the shutdown waited for the disposed room's archive
            List<Path> left = files.toList();
            assertEquals(1, left.size(), left.toString());
            assertTrue(dev.tickcast.record.ArchiveReader.read(left.get(0)).finished(), left.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
