package dev.tickcast.server;

import dev.tickcast.server.internal.cluster.HazelcastCluster;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two nodes from the real jar, each its own process, form a Hazelcast cluster on 127.0.0.1 behind
 * Debian's nginx running docs/deploy/nginx.conf (issue 12's acceptance 1 to 4, in order; the kill
 * comes last). A third cluster member in this JVM watches the event bus. Every player has its own
 * loopback source address, and the nodes allow each address one handshake per second (burst 4):
 * 40 players through one proxy get in only because the nodes count the address in
 * X-Forwarded-For.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final String NGINX = "/usr/sbin/nginx";
    private static final String SECRET = "cluster-it-shared-secret-0123456789";
    private static final String ADMIN = "cluster-it-admin-token";
    private static final int PLAYERS = 40;
    private static final int ROOM_SIZE = 10;
    private static final long WAIT_MS = 20_000;
    /** Ticks a room may drop (late past its 5 catch-up steps) while the machine is shared with other loads. */
    private static final int MAX_DROPPED_TICKS_UNDER_LOAD = 3;

    private final String clusterName = "tickcast-it-" + UUID.randomUUID();
    private Path nginxDir;
    private NodeProcess nginx;
    private NodeProcess nodeA;
    private NodeProcess nodeB;
    private int proxyPort;
    private int httpA;
    private int httpB;
    private Vertx clients;
    private Vertx member;
    private HttpClient http;
    private final List<ClusterPlayer> players = new ArrayList<>();
    private final List<JsonObject> events = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startCluster() throws Exception {
        assertTrue(Files.isExecutable(Path.of(NGINX)), NGINX + " is missing: .ci/run installs Debian's nginx");
        proxyPort = NodeProcess.freePort();
        httpA = NodeProcess.freePort();
        httpB = NodeProcess.freePort();
        int hzA = NodeProcess.freePort();
        int hzB = NodeProcess.freePort();
        int hzMember = NodeProcess.freePort();
        nginx = startNginx();
        List<String> members = List.of("127.0.0.1:" + hzA, "127.0.0.1:" + hzB, "127.0.0.1:" + hzMember);
        nodeA = startNode("a", httpA, hzA, members);
        nodeB = startNode("b", httpB, hzB, members);
        member = HazelcastCluster.start(clusterName, "127.0.0.1", hzMember, members, new VertxOptions())
                .toCompletionStage().toCompletableFuture().get(NodeProcess.START_SECONDS, TimeUnit.SECONDS);
        member.eventBus().<JsonObject>consumer(RoomEvents.ALL, m -> events.add(m.body()));
        clients = Vertx.vertx();
        http = clients.createHttpClient(new HttpClientOptions().setKeepAlive(false));
        nodeA.awaitReady();
        nodeB.awaitReady();
        await("both nodes see the whole cluster", () -> health(httpA).getInteger("nodes") == 3
                && health(httpB).getInteger("nodes") == 3);
    }

    @AfterAll
    void stopCluster() throws Exception {
        for (NodeProcess p : new NodeProcess[] {nodeA, nodeB, nginx}) {
            if (p != null) {
                p.stop();
                Files.writeString(Path.of("target", "cluster-it-" + p.name + ".log"), p.log()); // for a failed CI run
            }
        }
        for (Vertx v : new Vertx[] {clients, member}) {
            if (v != null) {
                v.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    @Order(1)
    void shouldSpreadRoomsOverTheNodesByLoadAndListThemEverywhere() throws Exception {
        for (int i = 0; i < PLAYERS; i++) { // one after the other: each placement sees the previous seats
            ClusterPlayer p = new ClusterPlayer(clients, "127.0.0.1", httpA, "127.0.1." + (i + 1));
            get(p.matchmake("p" + i));
            players.add(p);
        }
        List<Future<Void>> joins = new ArrayList<>();
        players.forEach(p -> joins.add(p.join()));
        get(Future.all(joins));
        Map<String, Set<String>> roomsByUrl = new HashMap<>();
        for (ClusterPlayer p : players) {
            roomsByUrl.computeIfAbsent(p.seat.url(), u -> new HashSet<>()).add(p.seat.roomId());
        }
        assertEquals(Set.of(wsUrl("a"), wsUrl("b")), roomsByUrl.keySet(), "seats on both nodes: " + roomsByUrl);
        assertEquals(2, roomsByUrl.get(wsUrl("a")).size(), "by players: 20 on each node, in rooms of 10");
        assertEquals(2, roomsByUrl.get(wsUrl("b")).size());
        await("every player gets snapshots from its room's node", () -> players.stream().allMatch(p -> p.snapshots.get() > 2));
        for (int port : new int[] {httpA, httpB}) {
            await("node :" + port + " lists all four full rooms with their node", () -> {
                JsonArray rooms = rooms(port);
                if (rooms.size() != 4) {
                    return false;
                }
                for (Object o : rooms) {
                    JsonObject r = (JsonObject) o;
                    String node = r.getString("node");
                    String owner = node.endsWith("/node/a") ? "a" : "b";
                    if (r.getInteger("players") != ROOM_SIZE || !roomsByUrl.get(wsUrl(owner)).contains(r.getString("id"))
                            || r.getInteger("tick", 0) <= 0) {
                        return false;
                    }
                }
                return true;
            });
        }
        JsonObject arena = httpJson(HttpMethod.GET, httpB, "/games", null).getJsonArray("list").getJsonObject(0);
        assertEquals(4, arena.getInteger("rooms"));
        assertEquals(PLAYERS, arena.getInteger("players"));
    }

    @Test
    @Order(2)
    void shouldCarryRoomEventsMessagesAndAnnouncementsAcrossNodes() throws Exception {
        ClusterPlayer onA = first("a");
        ClusterPlayer onB = first("b");
        for (ClusterPlayer p : List.of(onA, onB)) {
            get(p.client.close());
            players.remove(p);
            String room = p.seat.roomId();
            await("player.left of room " + room + " reaches another member", () -> events.stream().anyMatch(e ->
                    RoomEvents.PLAYER_LEFT.equals(e.getString("type")) && room.equals(e.getString("roomId"))));
            Message<Object> reply = get(member.eventBus().request(RoomEvents.room(room), new JsonObject().put("hello", 1)));
            assertEquals(room, ((JsonObject) reply.body()).getString("roomId"), "a message to the room, answered by its node");
        }
        JsonObject published = httpJson(HttpMethod.POST, httpA, "/admin/announce", new JsonObject().put("text", "maintenance at 5"));
        assertEquals(true, published.getBoolean("published"));
        await("the announcement reaches every player on both nodes", () -> players.stream().allMatch(p ->
                p.chat.stream().anyMatch(c -> c.isSystem() && c.text().equals("maintenance at 5"))));
    }

    @Test
    @Order(3)
    void shouldJoinAPrivateRoomByIdFromEitherNode() throws Exception {
        JsonObject created = httpJson(HttpMethod.POST, httpA, "/matchmake/create/arena",
                new JsonObject().put("name", "host").put("private", true));
        String id = created.getString("roomId");
        JsonObject joined = httpJson(HttpMethod.POST, httpB, "/matchmake/joinById/" + id, new JsonObject().put("name", "guest"));
        assertEquals(id, joined.getString("roomId"));
        assertEquals(created.getString("url"), joined.getString("url"), "both seats are on the room's node");
        for (int port : new int[] {httpA, httpB}) {
            assertTrue(rooms(port).stream().noneMatch(r -> id.equals(((JsonObject) r).getString("id"))), "private: unlisted");
        }
    }

    @Test
    @Order(4)
    void shouldPlayThroughNginxAndLimitHandshakesByTheRealClientAddress() throws Exception {
        for (int i = 0; i < 4; i++) {
            ClusterPlayer p = new ClusterPlayer(clients, "127.0.0.1", proxyPort, "127.0.2." + (i + 1));
            get(p.matchmake("proxied" + i));
            assertTrue(p.seat.url().startsWith("ws://127.0.0.1:" + proxyPort + "/node/"), p.seat.url());
            get(p.join());
            players.add(p);
        }
        await("bots behind the proxy play", () -> players.stream().allMatch(p -> p.snapshots.get() > 2));
        int refused = 0;
        for (int i = 0; i < 8; i++) { // burst 4: the address runs out, whatever X-Forwarded-For it claims
            refused += handshake("127.0.0.2", "/node/a/ws", "X-Forwarded-For: 198.51.100." + i + "\r\n") == 429 ? 1 : 0;
        }
        assertTrue(refused >= 3, refused + " of 8 handshakes from one client address refused");
        assertEquals(101, handshake("127.0.0.3", "/node/a/ws", ""), "another client address is not limited");
    }

    @Test
    @Order(5)
    void shouldForgetADeadNodeWithinFiveSecondsWhileTheOthersPlayOn() throws Exception {
        JsonObject before = ownRoom(httpA);
        long t0 = System.nanoTime();
        List<ClusterPlayer> survivors = players.stream().filter(p -> p.seat.url().equals(wsUrl("a"))).toList();
        List<ClusterPlayer> lost = players.stream().filter(p -> p.seat.url().equals(wsUrl("b"))).toList();
        assertFalse(survivors.isEmpty() || lost.isEmpty());
        survivors.forEach(ClusterPlayer::resetGap);
        nodeB.kill();
        long killedNs = System.nanoTime();
        await("node a lists none of b's rooms", () -> rooms(httpA).stream().noneMatch(r ->
                ((JsonObject) r).getString("node").endsWith("/node/b")));
        long goneMs = (System.nanoTime() - killedNs) / 1_000_000;
        assertTrue(goneMs < 5_000, "b's rooms left the directory after " + goneMs + " ms");
        for (ClusterPlayer p : lost) {
            p.closed.get(WAIT_MS, TimeUnit.MILLISECONDS);
        }
        await("node a deleted b's rooms from the cluster-wide map", () -> nodeA.logged("left the cluster: ")
                && !nodeA.logged("left the cluster: 0 of its rooms"));
        ClusterPlayer late = new ClusterPlayer(clients, "127.0.0.1", httpA, "127.0.3.1");
        get(late.matchmake("late"));
        assertEquals(wsUrl("a"), late.seat.url(), "matchmaking goes on, on the surviving node");
        get(late.join());
        await("a few seconds pass", () -> System.nanoTime() - t0 > 4_000_000_000L);
        JsonObject after = room(httpA, before.getString("id"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        double hz = (after.getInteger("tick") - before.getInteger("tick")) / seconds;
        System.out.printf("ClusterIT: b's rooms gone from a's directory %d ms after kill -9; surviving room %.1f Hz; "
                + "longest snapshot gap of a survivor %d ms (load average %s)%n", goneMs, hz,
                survivors.stream().mapToLong(ClusterPlayer::maxGapMs).max().orElse(0),
                Files.readString(Path.of("/proc/loadavg")).strip());
        assertTrue(hz > 54 && hz < 66, "the surviving room ticked at " + hz + " Hz");
        int dropped = after.getInteger("droppedTicks") - before.getInteger("droppedTicks");
        System.out.printf("ClusterIT: the surviving room dropped %d ticks while b died%n", dropped);
        // 0 on an otherwise idle 2-core machine; a few when other processes load it past its cores
        assertTrue(dropped <= MAX_DROPPED_TICKS_UNDER_LOAD, dropped + " ticks missed");
        for (ClusterPlayer p : survivors) {
            assertFalse(p.closed.isDone(), "a player on the surviving node stays connected");
            assertTrue(p.maxGapMs() < 1_000, "snapshots kept coming (longest gap " + p.maxGapMs() + " ms)");
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private NodeProcess startNginx() throws Exception {
        nginxDir = Files.createTempDirectory("tickcast-nginx");
        Files.createDirectories(nginxDir.resolve("temp"));
        Files.createDirectories(nginxDir.resolve("logs"));
        String conf = Files.readString(Path.of(System.getProperty("tickcast.docs.dir", "../docs"), "deploy", "nginx.conf"))
                .replace("{{LISTEN}}", "127.0.0.1:" + proxyPort).replace("{{NODE_A}}", "127.0.0.1:" + httpA)
                .replace("{{NODE_B}}", "127.0.0.1:" + httpB);
        assertFalse(conf.contains("{{"), "every placeholder filled");
        Path file = nginxDir.resolve("nginx.conf");
        Files.writeString(file, conf);
        NodeProcess p = NodeProcess.start("nginx", List.of(NGINX, "-p", nginxDir.toString(), "-c", file.toString(),
                "-e", "stderr", "-g", "daemon off;"), null);
        await("nginx listens", () -> {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxyPort)) {
                return true;
            } catch (IOException e) {
                assertTrue(p.process.isAlive(), p.log());
                return false;
            }
        });
        return p;
    }

    private NodeProcess startNode(String name, int httpPort, int hzPort, List<String> members) throws IOException {
        List<String> jvm = new ArrayList<>(NodeProcess.HAZELCAST_JVM_FLAGS);
        jvm.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC"));
        return NodeProcess.start("node-" + name, NodeProcess.server(jvm, List.of("--port", Integer.toString(httpPort),
                "--host", "127.0.0.1", "--event-loops", "2", "--cluster", "--cluster-name", clusterName,
                "--cluster-host", "127.0.0.1", "--cluster-port", Integer.toString(hzPort),
                "--cluster-members", String.join(",", members), "--cluster-secret", SECRET,
                "--public-url", "http://127.0.0.1:" + proxyPort + "/node/" + name, "--trusted-proxies", "127.0.0.1",
                "--rooms-cache-ms", "0", // GET /rooms as fresh as can be: the tick rate is measured through it
                "--admin-token", ADMIN, "--max-players", Integer.toString(ROOM_SIZE), "--handshakes-per-second", "1")),
                line -> line.contains("Tickcast listening on"));
    }

    private String wsUrl(String node) {
        return "ws://127.0.0.1:" + proxyPort + "/node/" + node + "/ws";
    }

    private ClusterPlayer first(String node) {
        return players.stream().filter(p -> p.seat.url().equals(wsUrl(node))).findFirst().orElseThrow();
    }

    /** A room of the node at {@code port} with live fields, hosted by that node. */
    private JsonObject ownRoom(int port) throws Exception {
        String self = port == httpA ? "/node/a" : "/node/b";
        return rooms(port).stream().map(o -> (JsonObject) o).filter(r -> r.getString("node").endsWith(self))
                .findFirst().orElseThrow();
    }

    private JsonObject room(int port, String id) throws Exception {
        return rooms(port).stream().map(o -> (JsonObject) o).filter(r -> id.equals(r.getString("id")))
                .findFirst().orElseThrow();
    }

    private JsonArray rooms(int port) throws Exception {
        return httpJson(HttpMethod.GET, port, "/rooms", null).getJsonArray("list");
    }

    private JsonObject health(int port) throws Exception {
        return httpJson(HttpMethod.GET, port, "/health", null);
    }

    /** The JSON answer of a request (an array comes as {"list": [...]}); fails on a status other than 2xx. */
    private JsonObject httpJson(HttpMethod method, int port, String path, JsonObject body) throws Exception {
        RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path)
                .putHeader("Authorization", "Bearer " + ADMIN).putHeader("X-Tickcast-Admin", "1")
                .putHeader("content-type", "application/json");
        String answer = get(http.request(options).compose(req -> (body == null ? req.send() : req.send(body.encode()))
                .compose(resp -> resp.body().map(b -> { // nested: see TickcastClient.matchmake
                    if (resp.statusCode() / 100 != 2) {
                        throw new IllegalStateException(path + ": HTTP " + resp.statusCode() + " " + b);
                    }
                    return b.toString();
                }))));
        return answer.startsWith("[") ? new JsonObject().put("list", new JsonArray(answer)) : new JsonObject(answer);
    }

    /** The status of a WebSocket handshake through the proxy from {@code localAddress}. */
    private int handshake(String localAddress, String path, String extraHeaders) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(localAddress, 0));
            s.connect(new InetSocketAddress("127.0.0.1", proxyPort), 5_000);
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + proxyPort + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: tickcast.v1\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\n' && line.length() < 200; c = in.read()) {
                line.append((char) c);
            }
            String[] parts = line.toString().split(" ");
            return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        }
    }

    private <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    /** Polls {@code check} until it holds, for at most {@link #WAIT_MS}; never a fixed sleep as synchronisation. */
    private void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling interval of a bounded wait
        }
        fail("not within " + WAIT_MS + " ms: " + what + (last == null ? "" : " (" + last + ")") + "\n" + logs());
    }

    private String logs() {
        StringBuilder b = new StringBuilder();
        for (NodeProcess p : new NodeProcess[] {nodeA, nodeB, nginx}) {
            if (p != null) {
                String log = p.log();
                b.append(log, Math.max(0, log.length() - 4000), log.length()).append('\n');
            }
        }
        return b.toString();
    }
}
