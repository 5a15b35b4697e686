#!/usr/bin/env python3
"""Summarises an http-profile.sh run: the server's CPU by layer (first match from the leaf up), the
top self frames, and system calls and context switches per client-second.
Usage: http-profile-summary.py OUT.folded OUT.perf-stat.txt OUT.arena.json"""
import json
import re
import sys
from collections import Counter

# system calls, recognised anywhere in the stack (their kernel frames included: on loopback a write
# also delivers to the reader's socket and wakes it)
SYSCALLS = [
    ("kernel: socket write (writev, send, write; loopback delivery included)",
     r"(__GI___writev|__send |__libc_send|__GI___libc_write|__libc_write|tcp_sendmsg)"),
    ("kernel: socket read (recv, read)", r"(__libc_recv|__GI___libc_read|__libc_read|tcp_recvmsg)"),
    ("kernel: epoll wait, wakeups (eventfd, futex)", r"(epoll_pwait|epoll_wait|eventfd|futex|__x64_sys_epoll)"),
]
LAYERS = [
    ("kernel: other (interrupts, timers, scheduling)", r"(\[kernel\.kallsyms\])"),
    ("JVM (GC, JIT, runtime)", r"(GCTaskThread|G1|CompileBroker|C2Compiler|C1Compiler|VMThread|Interpreter|libjvm)"),
    ("game simulation", r"(ArenaGame\.step|Game\.step)"),
    ("snapshot capture and delta encode", r"(Snapshot\.capture|DeltaEncoder|Broadcaster|BroadcastStage)"),
    ("HTTP carrier (sessions, outbox, records)", r"(transport/http/|transport\.http\.|Records\.)"),
    ("Vert.x HTTP/1.1 codec and server", r"(HttpObjectEncoder|HttpObjectDecoder|HttpServerCodec|Http1xServer|HttpServerRequest|HttpServerResponse|HttpHeaders|HttpUtils|HttpChunk)"),
    ("WebSocket codec", r"(WebSocket08Frame|WebSocketConnection|WebSocketImpl)"),
    ("Netty/Vert.x write path", r"(ChannelOutboundBuffer|writeAndFlush|AbstractChannelHandlerContext\.write|VertxConnection\.write|flush)"),
    ("Netty/Vert.x read path", r"(ByteToMessageDecoder|channelRead|epollInReady|NioByteUnsafe\.read)"),
    ("cross-thread tasks (execute, runOnContext)", r"(runAllTasks|SingleThreadEventExecutor\.execute|ContextInternal\.execute|runOnContext|EventLoopContext)"),
]


def main():
    folded, stat, arena = sys.argv[1:4]
    layers, selfs, total = Counter(), Counter(), 0
    for line in open(folded):
        stack, _, n = line.rstrip().rpartition(" ")
        n = int(n)
        frames = stack.split(";")
        total += n
        selfs[frames[-1][:110]] += n
        layer = next((name for name, rx in SYSCALLS if re.search(rx, stack)), "other")
        for frame in [] if layer != "other" else reversed(frames[1:]):
            hit = next((name for name, rx in LAYERS if re.search(rx, frame)), None)
            if hit:
                layer = hit
                break
        layers[layer] += n
    r = json.load(open(arena))
    clients, cpu = r["clients"], r["serverCpuPerSec"]
    print("%s, %d clients: server CPU %.3f s/s = %.3f ms/client/s; %d samples" % (
        r.get("transport", "websocket"), clients, cpu, r["serverCpuMsPerClientPerSec"], total))
    print("\nCPU by layer (the nearest matching frame from the leaf up):")
    for name, n in layers.most_common():
        print("  %5.1f %%  %6.3f ms/client/s  %s" % (100.0 * n / total, r["serverCpuMsPerClientPerSec"] * n / total, name))
    print("\ntop self frames:")
    for name, n in selfs.most_common(25):
        print("  %5.1f %%  %s" % (100.0 * n / total, name))
    print("\nper client-second (perf stat, 10 s):")
    for line in open(stat):
        f = line.strip().split(",")
        if len(f) > 2 and f[0] and f[0][0].isdigit():
            print("  %-34s %10.1f" % (f[2], float(f[0]) / 10 / clients))


if __name__ == "__main__":
    main()
