#!/usr/bin/env python3
"""Summarises a profile.sh run: where the server's CPU goes, by top self frames and by layer, and
system calls and context switches per WebSocket message.
Usage: profile-summary.py OUT.collapsed OUT.perf.txt OUT.arena.json"""
import json
import re
import sys
from collections import Counter

LAYERS = [  # first match wins, tested against the whole stack from the leaf up
    ("kernel: socket write (sendto/write)", r"(tcp_sendmsg|sock_sendmsg|__sys_sendto|ksys_write|do_writev|Socket\.sendAddress|FileDispatcherImpl\.write0)"),
    ("kernel: socket read (recvfrom/read)", r"(tcp_recvmsg|sock_recvmsg|__sys_recvfrom|ksys_read|do_readv|Socket\.recvAddress|SocketDispatcher\.read0)"),
    ("kernel: epoll wait / wakeups", r"(do_epoll_wait|ep_poll|eventfd_write|eventfd_read|futex|schedule)"),
    ("kernel: other", r"_\[k\]"),
    ("JVM (GC, JIT, runtime)", r"(GCTaskThread|G1|CompileBroker|C2Compiler|C1Compiler|VMThread|Interpreter)"),
    ("game simulation (Room.tickOnce step)", r"ArenaGame\.step|Game\.step"),
    ("snapshot capture and delta encode", r"(Snapshot\.capture|DeltaEncoder|Broadcaster\.encoded)"),
    ("input decode (Inbound)", r"Inbound\."),
    ("Netty/Vert.x write path", r"(ChannelOutboundBuffer|WebSocket08FrameEncoder|writeAndFlush|AbstractChannelHandlerContext\.write|VertxConnection\.write)"),
    ("Netty/Vert.x read path", r"(WebSocket08FrameDecoder|ByteToMessageDecoder|channelRead|epollInReady|NioByteUnsafe\.read)"),
    ("cross-thread tasks (runOnContext / execute)", r"(runAllTasks|SingleThreadEventExecutor\.execute|ContextInternal\.execute|runOnContext)"),
]


def main():
    collapsed, perf, arena = sys.argv[1:4]
    self_frames, layers, nearest, total = Counter(), Counter(), Counter(), 0
    for line in open(collapsed):
        stack, _, n = line.rstrip().rpartition(" ")
        n = int(n)
        total += n
        frames = stack.split(";")
        self_frames[frames[-1]] += n
        java = [f for f in frames if "/" in f and not f.endswith("_[k]")]
        nearest[" < ".join(reversed(java[-3:])) if java else frames[0]] += n
        layer = "other user space"
        for name, pattern in LAYERS:
            if re.search(pattern, stack):
                layer = name
                break
        layers[layer] += n
    result = json.load(open(arena))
    clients = result["clients"]
    print("samples: %d (1 ms of CPU each)" % total)
    print("\nshare by layer (a sample counts once, for the first layer that matches its stack):")
    for name, n in layers.most_common():
        print("  %5.1f %%  %s" % (100.0 * n / total, name))
    print("\ntop 20 self frames:")
    for frame, n in self_frames.most_common(20):
        print("  %5.1f %%  %s" % (100.0 * n / total, frame[:140]))
    print("\ntop 25 by the three Java frames nearest the leaf (native and kernel frames below them folded in):")
    for frame, n in nearest.most_common(25):
        print("  %5.1f %%  %s" % (100.0 * n / total, frame[:200]))
    down = clients * result["snapshotsPerClientPerSec"]
    up = clients * 20.0  # one input per 50 ms per bot
    messages = down + up
    counts = {}
    for line in open(perf):
        parts = line.strip().split(",")
        if len(parts) > 3 and parts[0].replace(".", "").isdigit():
            counts[parts[2]] = float(parts[0])
    print("\nclients %d; server CPU %.3f s/s = %.3f ms/client/s (whole window, profiler on)"
          % (clients, result["serverCpuPerSec"], result["serverCpuMsPerClientPerSec"]))
    print("messages: %.0f/s down (snapshots) + %.0f/s up (inputs)" % (down, up))
    print("per message, over 10 s of perf stat:")
    for event in ("context-switches", "raw_syscalls:sys_enter", "syscalls:sys_enter_write", "syscalls:sys_enter_writev",
                  "syscalls:sys_enter_sendto", "syscalls:sys_enter_read", "syscalls:sys_enter_recvfrom",
                  "syscalls:sys_enter_epoll_wait", "syscalls:sys_enter_epoll_pwait", "syscalls:sys_enter_futex",
                  "syscalls:sys_enter_timerfd_settime"):
        if event in counts:
            print("  %-32s %10.0f /s  %6.3f per message" % (event, counts[event] / 10.0, counts[event] / 10.0 / messages))


if __name__ == "__main__":
    main()
