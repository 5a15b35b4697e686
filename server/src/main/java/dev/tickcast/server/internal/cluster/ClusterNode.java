package dev.tickcast.server.internal.cluster;

import dev.tickcast.server.GameRegistry;
import dev.tickcast.server.internal.match.Matchmaker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process as a member of a Tickcast cluster: its rooms in the {@link RoomDirectory}, its
 * matchmaker on the event bus ({@link NodeEndpoint}), and matchmaking over every node
 * ({@link ClusterMatch}). When a member leaves, every survivor deletes its rooms from the directory
 * (and the directory's readers skip dead nodes' entries at once).
 */
public final class ClusterNode {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    private final RoomDirectory directory;
    private final NodeEndpoint endpoint;
    private final ClusterMatch match;

    private ClusterNode(RoomDirectory directory, NodeEndpoint endpoint, ClusterMatch match) {
        this.directory = directory;
        this.endpoint = endpoint;
        this.match = match;
    }

    /** Joins {@code vertx}'s cluster (it must be clustered) as the node reachable at {@code nodeUrl}. */
    public static Future<ClusterNode> join(Vertx vertx, Matchmaker matchmaker, GameRegistry games, String nodeUrl) {
        ClusterManager cluster = ((VertxInternal) vertx).clusterManager();
        String nodeId = cluster.getNodeId();
        return RoomDirectory.open(vertx, matchmaker, nodeId, nodeUrl).compose(directory -> {
            matchmaker.watch(directory);
            NodeEndpoint endpoint = new NodeEndpoint(matchmaker, directory, nodeUrl);
            boolean watching = HazelcastCluster.onMemberLeft(cluster, dead -> directory.removeNode(dead)
                    .onSuccess(n -> LOG.info("node {} left the cluster: {} of its rooms removed from the directory", dead, n)));
            if (!watching) {
                LOG.warn("not a Hazelcast cluster: the rooms of a node that dies stay in the directory (hidden from lists)");
            }
            LOG.info("cluster node {} at {} ({} nodes)", nodeId, nodeUrl, cluster.getNodes().size());
            return endpoint.open(vertx.eventBus(), nodeId)
                    .map(v -> new ClusterNode(directory, endpoint, new ClusterMatch(vertx, cluster, directory, games)));
        });
    }

    /** Matchmaking over the whole cluster. */
    public ClusterMatch match() {
        return match;
    }

    /** Stops taking matchmaking requests and waits for this node's directory writes (its rooms' removal). */
    public Future<Void> leave() {
        return endpoint.close().transform(v -> directory.flushed());
    }
}
