package dev.tickcast.server.internal.cluster;

import dev.tickcast.game.Identity;
import dev.tickcast.server.internal.match.LocalMatch;
import dev.tickcast.server.internal.match.Matchmaker;
import dev.tickcast.server.internal.match.SeatGrant;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * A node's matchmaker on the event bus, at {@link #address(String)}: the node that hosts a room
 * is the one that reserves its seats (its counts stay authoritative, and it can verify the token
 * it signs), whichever node the client asked. Requests are JSON objects:
 * <ul>
 *   <li>{@code {"op":"load"}}: answers {@code {"load": seats taken on the node, "url": its public URL}};</li>
 *   <li>{@code {"op":"live"}}: answers {@code {"rooms": [the live summary of each listed room of the node]}};</li>
 *   <li>{@code {"op":"joinOrCreate"|"create"|"joinById", "game", "roomId", "private", "address",
 *       "subject", "name", "claims"}} (the player's identity, {@link IdentityJson}, checked):
 *       reserves a seat and answers the grant ({@link ClusterMatch#grantJson}) once the directory
 *       shows the reservation, so that the next placement decision counts it.</li>
 * </ul>
 */
final class NodeEndpoint {
    private final Matchmaker matchmaker;
    private final RoomDirectory directory;
    private final String nodeUrl;
    private MessageConsumer<Object> consumer;

    NodeEndpoint(Matchmaker matchmaker, RoomDirectory directory, String nodeUrl) {
        this.matchmaker = matchmaker;
        this.directory = directory;
        this.nodeUrl = nodeUrl;
    }

    /** The address of node {@code nodeId}'s matchmaker. */
    static String address(String nodeId) {
        return "tickcast.node." + nodeId + ".match";
    }

    Future<Void> open(EventBus bus, String nodeId) {
        consumer = bus.consumer(address(nodeId), this::onMessage);
        return consumer.completion();
    }

    Future<Void> close() {
        return consumer == null ? Future.succeededFuture() : consumer.unregister();
    }

    private void onMessage(Message<Object> message) {
        if (!(message.body() instanceof JsonObject body)) {
            message.fail(400, "a matchmaking request is a JSON object");
            return;
        }
        String op = str(body, "op");
        if ("load".equals(op)) {
            message.reply(new JsonObject().put("load", matchmaker.load()).put("url", nodeUrl));
            return;
        }
        if ("live".equals(op)) {
            LocalMatch.liveInfo(matchmaker.rooms()).onComplete(live ->
                    message.reply(new JsonObject().put("rooms", new JsonArray(live.succeeded() ? live.result() : List.of()))));
            return;
        }
        Identity player = IdentityJson.read(body);
        String address = str(body, "address");
        String key = "joinById".equals(op) ? str(body, "roomId") : str(body, "game");
        if (player == null || address == null || key == null) {
            message.fail(400, "incomplete matchmaking request");
            return;
        }
        SeatGrant grant = switch (op == null ? "" : op) {
            case "joinOrCreate" -> matchmaker.joinOrCreate(key, player, address);
            case "create" -> matchmaker.create(key, player, Boolean.TRUE.equals(body.getValue("private")), address);
            case "joinById" -> matchmaker.joinById(key, player, address);
            default -> null;
        };
        if (grant == null) {
            message.fail(400, "unknown matchmaking request: " + op);
            return;
        }
        JsonObject reply = ClusterMatch.grantJson(grant).put("url", nodeUrl);
        if (grant.status() != SeatGrant.Status.OK) {
            message.reply(reply);
            return;
        }
        directory.publish(grant.roomId()).onComplete(written -> message.reply(reply));
    }

    private static String str(JsonObject body, String key) {
        return body.getValue(key) instanceof String s ? s : null;
    }
}
