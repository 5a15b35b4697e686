package dev.tickcast.server.internal.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.TcpIpConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.List;
import java.util.function.Consumer;

/**
 * The only class that names Hazelcast: it builds a clustered {@link Vertx} on the Hazelcast
 * cluster manager, configured in code for a fixed TCP/IP member list (multicast, auto-detection
 * and phone-home off, bound to the given interface only), and watches members leave. Nothing loads
 * it without {@code --cluster}, so a single process never initialises Hazelcast.
 */
public final class HazelcastCluster {
    /** Heartbeats every second; a member silent for this long is removed (Hazelcast's default is 60 s). */
    static final int MAX_NO_HEARTBEAT_SECONDS = 3;
    /** The member attribute where vertx-hazelcast keeps the Vert.x node id (not the member's UUID). */
    private static final String NODE_ID_ATTRIBUTE = "__vertx.nodeId";

    private HazelcastCluster() {
    }

    /**
     * Joins (or founds) the cluster {@code name} as a member on {@code host}:{@code port}, finding the
     * others at {@code members} ("host:port" each), and builds Vert.x over it with {@code options}.
     */
    public static Future<Vertx> start(String name, String host, int port, List<String> members, VertxOptions options) {
        return start(name, host, port, members, options, null);
    }

    /** The same, on the socket {@code transport} (null: Vert.x's default). */
    public static Future<Vertx> start(String name, String host, int port, List<String> members, VertxOptions options,
                                      io.vertx.core.transport.Transport transport) {
        return start(name, host, port, members, options, transport, false);
    }

    /** The same, with Vert.x's own metrics on ({@link dev.tickcast.server.TickcastMetrics}) when {@code metrics}. */
    public static Future<Vertx> start(String name, String host, int port, List<String> members, VertxOptions options,
                                      io.vertx.core.transport.Transport transport, boolean metrics) {
        Config hz = ConfigUtil.loadConfig(); // keeps Vert.x's own maps (subscriptions, node info)
        hz.setClusterName(name);
        hz.setProperty("hazelcast.phone.home.enabled", "false");
        hz.setProperty("hazelcast.socket.bind.any", "false");
        hz.setProperty("hazelcast.logging.type", "slf4j");
        hz.setProperty("hazelcast.shutdownhook.enabled", "false"); // Vert.x leaves the cluster itself
        hz.setProperty("hazelcast.wait.seconds.before.join", "0");
        hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        hz.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(MAX_NO_HEARTBEAT_SECONDS));
        NetworkConfig net = hz.getNetworkConfig();
        net.setPort(port).setPortAutoIncrement(false);
        net.getInterfaces().setEnabled(true).addInterface(host);
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        TcpIpConfig tcp = join.getTcpIpConfig().setEnabled(true);
        members.forEach(tcp::addMember);
        options.getEventBusOptions().setHost(host).setPort(0).setClusterPublicHost(host);
        io.vertx.core.VertxBuilder builder = (metrics ? dev.tickcast.server.TickcastMetrics.builder(options)
                : Vertx.builder().with(options)).withClusterManager(new HazelcastClusterManager(hz));
        return (transport == null ? builder : builder.withTransport(transport)).buildClustered();
    }

    /** Calls {@code left} with the node id of every member that leaves the cluster (on a Hazelcast thread). */
    static boolean onMemberLeft(ClusterManager manager, Consumer<String> left) {
        if (!(manager instanceof HazelcastClusterManager hcm)) {
            return false;
        }
        hcm.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                String nodeId = event.getMember().getAttribute(NODE_ID_ATTRIBUTE);
                left.accept(nodeId != null ? nodeId : event.getMember().getUuid().toString());
            }
        });
        return true;
    }
}
