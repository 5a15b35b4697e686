package dev.tickcast.bench.load;

import com.sun.tools.attach.VirtualMachine;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * The Java heap of the server under test, read through its platform MXBeans: this process's own
 * for an embedded server, or a local JVM's through the Attach API (which starts that JVM's local
 * management agent: a JMX connector on the loopback interface, no flag needed on the server, same
 * user only). Unavailable (every figure -1) when the attach fails, e.g. a JRE without jdk.attach.
 */
public final class HeapProbe implements AutoCloseable {
    private static final double MIB = 1024.0 * 1024.0;

    private final MBeanServerConnection connection;
    private final JMXConnector connector;
    private final String source;

    private HeapProbe(MBeanServerConnection connection, JMXConnector connector, String source) {
        this.connection = connection;
        this.connector = connector;
        this.source = source;
    }

    /** A probe of process {@code pid} (this process: its own MXBeans). Never throws; see {@link #source()}. */
    public static HeapProbe open(long pid) {
        if (pid == ProcStats.self()) {
            return new HeapProbe(ManagementFactory.getPlatformMBeanServer(), null, "this process (MXBeans)");
        }
        try {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
            String address;
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
            JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            return new HeapProbe(connector.getMBeanServerConnection(), connector, "pid " + pid + " (attach, MXBeans)");
        } catch (Exception | LinkageError e) {
            return new HeapProbe(null, null, "n/a (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** Where the figures come from, or "n/a (why)". */
    public String source() {
        return source;
    }

    /** True if the figures are real. */
    public boolean available() {
        return connection != null;
    }

    /**
     * The heap the last collection left, in MiB, or -1, without forcing one (so it can be sampled
     * during a run): every heap pool's usage now except the eden's, which counts as after the last
     * collection (empty). Survivor and old spaces only change in a collection, except for humongous
     * objects allocated since, so this is "after the last GC" plus those. The pools' collection usage
     * alone does not do: under G1 on JDK 17 the old generation's is updated by full collections
     * only (it read 0 MiB where jstat showed 10 MiB in the old generation).
     */
    public double heapAfterLastGcMiB() {
        if (connection == null) {
            return -1;
        }
        try {
            long used = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getPlatformMXBeans(connection, MemoryPoolMXBean.class)) {
                if (pool.getType() != MemoryType.HEAP) {
                    continue;
                }
                MemoryUsage usage = pool.getName().contains("Eden") ? pool.getCollectionUsage() : pool.getUsage();
                used += usage == null ? 0 : usage.getUsed();
            }
            return used / MIB;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Collections the server has run so far (every collector summed), or -1. */
    public long collections() {
        if (connection == null) {
            return -1;
        }
        try {
            return ManagementFactory.getPlatformMXBeans(connection, GarbageCollectorMXBean.class).stream()
                    .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Runs a full collection in the server (twice: finalised and cleaned objects go too); the heap used then, MiB. */
    public double heapAfterFullGcMiB() {
        if (connection == null) {
            return -1;
        }
        try {
            MemoryMXBean memory = ManagementFactory.getPlatformMXBean(connection, MemoryMXBean.class);
            memory.gc();
            memory.gc();
            return memory.getHeapMemoryUsage().getUsed() / MIB;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** NIO direct buffers in use (the JDK's "direct" pool; Netty's arenas only if it allocates through NIO), MiB. */
    public double directMiB() {
        if (connection == null) {
            return -1;
        }
        try {
            List<BufferPoolMXBean> pools = ManagementFactory.getPlatformMXBeans(connection, BufferPoolMXBean.class);
            return pools.stream().filter(p -> p.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed)
                    .sum() / MIB;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        if (connector != null) {
            try {
                connector.close();
            } catch (IOException e) {
                // the server may be gone already: nothing left to release
            }
        }
    }
}
