#!/usr/bin/env python3
"""Hand-run benchmark: skydash (release build) side by side with Python `websockets` and WSClient peers.

Not part of the test suite; `scripts/bench` builds skydash and runs this.  Usage:

    bench.py --skydash PATH [--wsclient PATH] [--messages N] [--burst N] [--repeat R] [--timeout S]
             [--tmux-socket NAME] [--skip-tui] [--replay-records N] [--stream-rate N]
             [--stream-seconds S] [--soak-minutes M]
    bench.py client URL --count N [--print]         the Python peer client (used by the bench)
    bench.py rawclient URL --bytes B --messages N    raw-socket drain, the server's ceiling

Part 1, receive path: a `websockets` server on 127.0.0.1 (free port) sends every connection N
order notifications as fast as the socket takes them, then closes 1000.  Each client runs as its
own process; the bench reads its stdout and stops the clock at the Nth order line (or the peer's
`DONE` line).  Peak RSS (VmHWM) and CPU time (utime+stime) are read from /proc at that moment.

msg/s is also given as a ratio of each Python peer's (decode only; decode + one printed line) and
of the Swift peer's (--wsclient: Tests/peers/wsclient-bench, hummingbird's WSClient + JSONDecoder,
decode only), built in release by scripts/bench.

Part 2, replay: a generated journal (--replay-records, default 1,000,000 `{"at","text"}` records)
played with `skydash replay FILE --instant --headless` and read with `jq -c . FILE`, both to
/dev/null; best of 3, records/s and the ratio to jq.

Part 3, latency, idle and start-up: headless skydash (journal on, then off) gets --latency-count
orders at --latency-rate per second, each stamped with the server's monotonic clock just before its
frame is written; the bench reads skydash's stdout line by line as it comes and reports p50/p99/max
of (clock at the line - stamp). Start-up: `skydash --help` to exit (10 runs) and `connect
--headless` to its first line (5 runs). Idle: `skydash serve --rate 0` (its 5 s ticker on) and a
headless client pinging every 5 s; the client's CPU over --idle-seconds, scaled to a minute.

Part 4, dashboard burst: `skydash connect` (the TUI) inside a private tmux server (120x40,
LANG=C.UTF-8) gets a burst of orders written at once; capture-pane is polled until the header says
`orders <burst>`, then `?` is sent and the help overlay awaited.  Then --rss-orders (100,000) orders
in one burst and the dashboard's RSS (VmRSS, and the peak VmHWM) once the header shows them all.  CPU time and peak RSS of the
skydash process come from /proc/PID/stat and /proc/PID/status.

Part 5, the dashboard under load (tmux as in part 4, with the bench meter on: SKYDASH_BENCH_FRAMES=FILE
makes the loop count its terminal updates and canvases, and stamp each order: receive (the
pipeline's stamp) -> update done -> first canvas holding it -> first terminal update showing it;
see Sources/Terminal/FrameMeter.swift):
  a. --stream-rate (5000) orders/s for --stream-seconds (30); `A` (acknowledge all) every second,
     `?` sent and the help overlay awaited on screen (capture-pane every 5 ms), `?` again and its
     closing awaited, over and over: terminal updates/s (from the meter's counts, at most one line
     a second), key latency p50/p99, RSS every second.
  b. --latency-rate (1000) orders/s for 5 s: receive -> state / canvas / terminal, p50/p99.
  c. first frame: a Python stub writes the wall clock and execs skydash; -> the end of the first
     terminal update (the meter's first line), 5 runs.
  d. idle: `skydash serve --rate 0` (5 s ticker) and the dashboard (journal on, ping every 5 s);
     the dashboard's CPU over --idle-seconds, scaled to a minute.
  e. with --soak-minutes M: 2000 orders/s for M minutes, `A` every second, RSS every 10 s.
--messages 0 skips part 1.

Everything is killed on the way out (timeouts everywhere; finally blocks; scripts/bench also kills
the tmux server in its trap).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import re
import shutil
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

BASE_ID = 1764126000000
BIG_EVERY = 500          # one message in 500 is a ~9 KiB one, cut into 8 KiB frames
REMIND_EVERY = 20        # one message in 20 is a reminder (type 2) for the order 10 before
FRAME_LIMIT = 8192       # the Java backend fragments messages over 8 KiB
BATCH_BYTES = 256 * 1024
MIB = 1024 * 1024


# --------------------------------------------------------------------------------------------
# Workload

def order_text(oid: int, kind: int, content: str) -> str:
    # The backend's JSON library writes the keys in this order.
    return json.dumps({"orderId": oid, "type": kind, "content": content},
                      ensure_ascii=False, separators=(",", ":"))


def big_content(oid: int) -> str:
    head = f"订单号: {oid} 备注: "
    filler = "不要香菜，多放辣，餐具两份，送到前台。"
    text = head
    while len(text.encode()) < 9 * 1024:
        text += filler
    return text


def make_messages(n: int, first: int = 1, reminders: bool = True) -> list[bytes]:
    out = []
    for i in range(first, first + n):
        oid = BASE_ID + i
        if reminders and i % REMIND_EVERY == 0 and i > 10:
            out.append(order_text(BASE_ID + i - 10, 2, f"客户催单: 订单号 {BASE_ID + i - 10}").encode())
        elif i % BIG_EVERY == BIG_EVERY // 2:
            out.append(order_text(oid, 1, big_content(oid)).encode())
        else:
            out.append(order_text(oid, 1, f"订单号: {oid}").encode())
    return out


def encode_frames(messages: list[bytes]) -> tuple[list[bytes], int, int]:
    """Server frames (unmasked, no extension) as websockets itself serializes them, joined into
    ~256 KiB batches.  Returns (batches, total bytes, number of fragmented messages).  Messages
    over 8 KiB are cut every 8192 bytes, possibly inside a UTF-8 sequence, like the backend."""
    from websockets.frames import Frame, Opcode
    batches: list[bytes] = []
    cur: list[bytes] = []
    size = total = fragmented = 0
    for m in messages:
        if len(m) > FRAME_LIMIT:
            fragmented += 1
            chunks = [m[i:i + FRAME_LIMIT] for i in range(0, len(m), FRAME_LIMIT)]
            frames = [Frame(Opcode.TEXT if k == 0 else Opcode.CONT, c, fin=k == len(chunks) - 1)
                      for k, c in enumerate(chunks)]
        else:
            frames = [Frame(Opcode.TEXT, m)]
        for f in frames:
            b = f.serialize(mask=False)
            cur.append(b)
            size += len(b)
        if size >= BATCH_BYTES:
            batches.append(b"".join(cur))
            total += size
            cur, size = [], 0
    if cur:
        batches.append(b"".join(cur))
        total += size
    return batches, total, fragmented


# --------------------------------------------------------------------------------------------
# Server (a websockets server in a background thread with its own event loop)

@dataclass
class Run:
    batches: list[bytes]
    close_after: bool
    started: threading.Event = field(default_factory=threading.Event)
    t_start: float = 0.0      # monotonic: the handler begins writing
    t_written: float = 0.0    # monotonic: the last byte handed to the kernel
    t_closed: float = 0.0     # monotonic: the client's close frame came back (all read before it)
    served: bool = False
    paced: int = 0            # > 0: send `count` orders at this many per second, each stamped
    count: int = 0
    stream: list[str] | None = None   # the dashboard runs: send these at `stream_rate` per second
    stream_rate: int = 0
    sent: int = 0             # how many of `stream` are sent so far


class BenchServer:
    def __init__(self) -> None:
        self.runs: dict[str, Run] = {}
        self.lock = threading.Lock()
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.port = 0
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._main, name="bench-server", daemon=True)
        self.thread.start()
        if not self.ready.wait(10) or self.error:
            raise RuntimeError(f"server did not start: {self.error}")

    def add(self, name: str, run: Run) -> Run:
        with self.lock:
            self.runs[name] = run
        return run

    def _main(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self._serve())
        except BaseException as e:  # reported by the constructor
            self.error = e
            self.ready.set()

    async def _serve(self) -> None:
        from websockets.asyncio.server import serve
        self.stop = asyncio.Event()
        async with serve(self._handler, "127.0.0.1", 0, ping_interval=None, compression=None,
                         max_size=None, write_limit=1 << 20, close_timeout=2) as server:
            self.port = server.sockets[0].getsockname()[1]
            self.ready.set()
            await self.stop.wait()
            server.close(close_connections=True)

    async def _handler(self, ws) -> None:
        from websockets.exceptions import ConnectionClosed
        name = ws.request.path.strip("/").split("/")[0]
        with self.lock:
            run = self.runs.get(name)
            fresh = run is not None and not run.served
            if fresh:
                run.served = True
        try:
            if not fresh:           # a reconnect after the run, or an unknown path
                await ws.close(1000, "bench: nothing more")
                return
            run.t_start = time.monotonic()
            run.started.set()
            if run.paced:
                await self._paced(ws, run)
            if run.stream:
                await self._stream(ws, run)
            for batch in run.batches:
                # Pre-encoded frames go straight to the transport; send_context() checks the
                # connection is open and applies websockets' own flow control (drain).
                async with ws.send_context():
                    ws.transport.write(batch)
            run.t_written = time.monotonic()
            if run.close_after:
                await ws.close(1000, "bench done")
                run.t_closed = time.monotonic()
            else:
                async for _ in ws:
                    pass
        except ConnectionClosed:
            pass

    async def _paced(self, ws, run: Run) -> None:
        """Orders whose content is `t=<time.monotonic_ns() just before the frame is written>`."""
        loop = asyncio.get_running_loop()
        t0 = loop.time()
        for i in range(run.count):
            await ws.send(order_text(BASE_ID + i + 1, 1, f"t={time.monotonic_ns()}"))
            delay = t0 + (i + 1) / run.paced - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)

    async def _stream(self, ws, run: Run) -> None:
        """`run.stream` at `run.stream_rate` messages a second: every 2 ms, the messages due by then."""
        loop = asyncio.get_running_loop()
        t0 = loop.time()
        n = len(run.stream)
        while run.sent < n:
            due = min(n, int((loop.time() - t0) * run.stream_rate) + 1)
            while run.sent < due:
                await ws.send(run.stream[run.sent])
                run.sent += 1
            await asyncio.sleep(0.002)
        run.t_written = time.monotonic()

    def shutdown(self) -> None:
        if self.loop.is_running():
            self.loop.call_soon_threadsafe(self.stop.set)
        self.thread.join(5)


# --------------------------------------------------------------------------------------------
# Client processes

@dataclass
class Result:
    name: str
    count: int
    seconds: float | None       # first byte sent by the server -> Nth message handled
    startup: float | None       # spawn -> server starts sending (process start, connect, handshake)
    rss_mib: float | None
    cpu_s: float | None
    note: str = ""


ORDER_MARKS = (b'"event":"order"', b'"event":"reminder"')
READ_PAUSE = 0.002   # the reader sleeps this long between reads, so it never wakes once per line


def last_order_mark(n: int) -> bytes:
    """What only the line of the `n`th message of `make_messages(n)` holds (skydash's jsonl line
    and the Python peer's both start `{"at":…,"event":…,"orderId":N,`): a reminder for the order
    10 before, or a new order."""
    if n % REMIND_EVERY == 0 and n > 10:
        return f'"event":"reminder","orderId":{BASE_ID + n - 10},'.encode()
    return f'"event":"order","orderId":{BASE_ID + n},'.encode()


def run_client(name: str, argv: list[str], run: Run, expect: int, timeout: float,
               stop_with_sigterm: bool) -> Result:
    """Spawns argv, reads its stdout until the line of the `expect`th message (lines come in
    order; `last_order_mark`) or a `DONE` line; then samples its CPU time (/proc/PID/stat) and
    peak RSS (VmHWM), stops it (SIGTERM, or closing its stdin for the Python peers, which wait for
    that) and reaps it. Then, off the clock, the order lines read are counted: fewer than `expect`
    is reported in the note.

    The child writes into a 1 MiB pipe that the bench drains every 2 ms: a reader woken on every
    line would cost more CPU than the clients themselves on a 2-core machine. While the clock
    runs the reader only looks for one long marker in what it reads (counting two marks in ~25
    MiB of lines, with copies, took ~40 ms of CPU on this 2-core machine during a ~0.15 s run,
    taken from the client it measures)."""
    errf = tempfile.TemporaryFile()
    rfd, wfd = os.pipe()
    try:
        import fcntl
        fcntl.fcntl(rfd, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (OSError, AttributeError):
        pass
    t_spawn = time.monotonic()
    p = subprocess.Popen(argv, stdout=wfd, stderr=errf, stdin=subprocess.PIPE)
    os.close(wfd)
    os.set_blocking(rfd, False)
    count, t_done, eof = 0, None, False
    chunks: list[bytes] = []
    mark = last_order_mark(expect)
    carry = b""   # the end of what was read, for a mark cut between two reads
    seen = False  # the mark was read; the clock stops at the end of its line
    cpu = rss = status = None
    deadline = t_spawn + timeout
    note = ""
    try:
        while t_done is None and not eof:
            if time.monotonic() > deadline:
                note = f"timeout after {timeout:.0f} s"
                break
            time.sleep(READ_PAUSE)
            while True:
                try:
                    chunk = os.read(rfd, 1 << 20)
                except BlockingIOError:
                    break
                if not chunk:
                    eof = True
                    break
                chunks.append(chunk)
                probe = carry + chunk
                carry = probe[-len(mark):]
                rest = chunk          # what follows the mark, once it was read
                if not seen:
                    at = probe.find(mark)
                    if at < 0:   # a peer's `DONE N` line, at the start of its output or after a line
                        first = len(chunks) == 1
                        d = (b"\n" + probe if first else probe).find(b"\nDONE ")
                        if d >= 0:
                            at = d if first else d + 1
                    seen, rest = at >= 0, probe[at:] if at >= 0 else b""
                if seen and b"\n" in rest:   # that line is whole
                    t_done = time.monotonic()
                    break
        cpu, rss = proc_cpu(p.pid), proc_status(p.pid, "VmHWM")
        # Off the clock: how many order lines (or what DONE says) were read.
        data = b"".join(chunks)
        data = data[:data.rfind(b"\n") + 1]
        count = sum(data.count(m) for m in ORDER_MARKS)
        done = re.search(rb"(?:^|\n)DONE (\d+)\n", data)
        if done:
            count = max(count, int(done.group(1)))
        del data, chunks
        if count < expect:
            t_done = None
        if t_done is None and not note:
            note = f"ended early after {count} messages"
        if stop_with_sigterm and p.poll() is None:
            p.send_signal(signal.SIGTERM)
        p.stdin.close()
        status = reap(p, rfd, grace=10.0)
    finally:
        if p.returncode is None:
            p.kill()
            try:
                reap(p, rfd, grace=2.0)
            except Exception:
                pass
        os.close(rfd)
    errf.seek(0)
    err = errf.read().decode(errors="replace").strip()
    errf.close()
    if err and (note or status not in (0, None)):
        note += f" stderr: {err.splitlines()[-1][:120]}"
    seconds = t_done - run.t_start if (t_done and run.started.is_set()) else None
    startup = run.t_start - t_spawn if run.started.is_set() else None
    return Result(name, count, seconds, startup, rss, cpu, note.strip())


def reap(p: subprocess.Popen, fd: int, grace: float) -> int:
    """Reads and discards the child's output until it exits (SIGKILL after `grace` s)."""
    end = time.monotonic() + grace
    killed = False
    while True:
        pid, status = os.waitpid(p.pid, os.WNOHANG)
        if pid == p.pid:
            p.returncode = os.waitstatus_to_exitcode(status)
            return p.returncode
        if time.monotonic() > end and not killed:
            p.kill()
            killed = True
        try:
            while os.read(fd, 1 << 20):
                pass
        except (BlockingIOError, OSError):
            pass
        time.sleep(0.01)


# --------------------------------------------------------------------------------------------
# The peer clients (subcommands)

async def peer_client(url: str, count: int, print_lines: bool) -> int:
    from websockets.asyncio.client import connect
    n = 0
    write = os.write
    async with connect(url, compression=None, max_size=16 * MIB, open_timeout=10) as ws:
        async for msg in ws:
            obj = json.loads(msg)
            kind = obj.get("type") if isinstance(obj, dict) else None
            if kind in (1, 2) and isinstance(obj.get("orderId"), int):
                n += 1
                if print_lines:   # the same job as `skydash --headless`: one flushed line each
                    line = json.dumps({
                        "at": dt.datetime.now().astimezone().isoformat(timespec="milliseconds"),
                        "event": "order" if kind == 1 else "reminder",
                        "orderId": obj["orderId"], "content": obj.get("content"), "text": msg,
                    }, ensure_ascii=False, separators=(",", ":"))
                    write(1, (line + "\n").encode())
                elif n == count:
                    write(1, f"DONE {n}\n".encode())
    return 0


def raw_client(url: str, nbytes: int, messages: int) -> int:
    """Handshake by hand, then count bytes until the whole stream is in: no frame parsing."""
    m = re.match(r"ws://([^:/]+):(\d+)(/.*)", url)
    host, port, path = m.group(1), int(m.group(2)), m.group(3)
    s = socket.create_connection((host, port), timeout=30)
    s.sendall((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
               "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
               "Sec-WebSocket-Version: 13\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = s.recv(4096)
        if not chunk:
            return 1
        head += chunk
    got = len(head) - head.index(b"\r\n\r\n") - 4
    buf = bytearray(1 << 20)
    while got < nbytes:
        k = s.recv_into(buf)
        if k == 0:
            break
        got += k
    os.write(1, (f"DONE {messages}\n" if got >= nbytes else f"SHORT {got} bytes\n").encode())
    s.close()
    return 0


# --------------------------------------------------------------------------------------------
# Part 3: the dashboard under tmux

class Tmux:
    def __init__(self, socket_name: str, env: dict[str, str]):
        self.base = ["tmux", "-L", socket_name]
        self.env = env
        self.socket_path = ""
        self.conf = tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False)
        self.conf.write("set -g status off\nset -g escape-time 0\nset -g history-limit 100\n")
        self.conf.close()

    def run(self, *args: str, check: bool = True) -> str:
        r = subprocess.run(self.base + list(args), env=self.env, capture_output=True, text=True,
                           timeout=10, stdin=subprocess.DEVNULL)
        if check and r.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {r.stderr.strip()}")
        return r.stdout

    def start(self, command: str, cols: int, rows: int) -> None:
        self.run("-f", self.conf.name, "new-session", "-d", "-s", "bench", "-x", str(cols),
                 "-y", str(rows), command)
        self.socket_path = self.run("display-message", "-p", "#{socket_path}", check=False).strip()

    def capture(self) -> str:
        return self.run("capture-pane", "-p", "-t", "bench:0.0", check=False)

    def kill(self) -> None:
        try:
            self.run("kill-server", check=False)
        except Exception:
            pass
        if self.socket_path.startswith("/"):   # tmux leaves the socket file behind
            try:
                os.unlink(self.socket_path)
            except OSError:
                pass
        try:
            os.unlink(self.conf.name)
        except OSError:
            pass


def proc_cpu(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def proc_status(pid: int, key: str) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024   # kB -> MiB
    except OSError:
        pass
    return None


def wait_screen(tmux: Tmux, pred, timeout: float, every: float) -> tuple[float | None, str]:
    end = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < end:
        screen = tmux.capture()
        if pred(screen):
            return time.monotonic(), screen
        time.sleep(every)
    return None, screen


def tui_burst(skydash: str, server: BenchServer, socket_name: str, burst: int, timeout: float,
              key_during_burst: bool, tag: str) -> dict:
    """One dashboard under tmux; the server writes `burst` orders in one go once it connects."""
    batches, total, _ = encode_frames(make_messages(burst, first=10_000_001, reminders=False))
    run = server.add(tag, Run([b"".join(batches)], close_after=False))
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("LC_") and k not in ("TMUX", "NO_COLOR", "TMUX_PANE")}
    env.update(LANG="C.UTF-8", TERM="xterm-256color")
    tmux = Tmux(socket_name, env)
    url = f"ws://127.0.0.1:{server.port}/{tag}/ws"
    out: dict = {"burst": burst, "bytes": total}
    try:
        tmux.start(f"exec {skydash} connect {url} --no-journal", 120, 40)
        pid = int(tmux.run("display-message", "-p", "-t", "bench:0.0", "#{pane_pid}").strip())
        out["pid"] = pid
        if not run.started.wait(timeout):
            out["error"] = "skydash did not connect"
            return out
        t_key = None
        if key_during_burst:
            while not run.t_written and time.monotonic() < run.t_start + timeout:
                time.sleep(0.001)
            t_key = time.monotonic()
            tmux.run("send-keys", "-t", "bench:0.0", "?")
        want = f"orders {burst}"
        t_orders, screen = wait_screen(tmux, lambda s: want in s, timeout, 0.02)
        if t_orders is None:
            out["error"] = f"'{want}' not shown within {timeout:.0f} s; header: " + \
                "".join(screen.splitlines()[1:2]).strip()
            return out
        out["burst_written_s"] = run.t_written - run.t_start
        out["burst_shown_s"] = t_orders - run.t_start
        out["cpu_after_burst_s"] = proc_cpu(pid)
        if not key_during_burst:
            t_key = time.monotonic()
            tmux.run("send-keys", "-t", "bench:0.0", "?")
        t_help, _ = wait_screen(tmux, lambda s: "this help (Esc closes)" in s, 10, 0.005)
        out["help_s"] = (t_help - t_key) if t_help else None
        out["cpu_s"] = proc_cpu(pid)
        out["rss_mib"] = proc_status(pid, "VmHWM")
        out["rss_now_mib"] = proc_status(pid, "VmRSS")
        tmux.run("send-keys", "-t", "bench:0.0", "q", check=False)
        end = time.monotonic() + 5
        while os.path.exists(f"/proc/{pid}") and time.monotonic() < end:
            time.sleep(0.02)
        out["quit_clean"] = not os.path.exists(f"/proc/{pid}")
        return out
    finally:
        tmux.kill()


def safe_tui_burst(*args) -> dict:
    """tui_burst, with an error as {"error": text} instead of an exception."""
    try:
        return tui_burst(*args)
    except (RuntimeError, OSError, ValueError, subprocess.SubprocessError) as e:
        return {"error": str(e)[:200]}


# --------------------------------------------------------------------------------------------
# Part 3: latency, idle, start-up

def percentile(xs: list[float], q: float) -> float | None:
    if not xs:
        return None
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def latency_run(argv: list[str], server: BenchServer, tag: str, rate: int, count: int,
                timeout: float) -> dict:
    """Headless skydash gets `count` stamped orders at `rate`/s; each stdout line is read as it
    comes (a blocking reader) and its stamp compared with the clock then. The first 5 % are
    left out (connection warm-up)."""
    run = server.add(tag, Run([], close_after=False, paced=rate, count=count))
    p = subprocess.Popen(argv(f"ws://127.0.0.1:{server.port}/{tag}"), stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    lat: list[float] = []
    seen = 0
    deadline = time.monotonic() + timeout
    try:
        while seen < count and time.monotonic() < deadline:
            line = p.stdout.readline()
            now = time.monotonic_ns()
            if not line:
                break
            m = re.search(rb'"content":"t=(\d+)"', line) or re.search(rb"t=(\d+)", line)
            if not m:
                continue
            seen += 1
            if seen > count // 20:
                lat.append((now - int(m.group(1))) / 1e6)
    finally:
        p.send_signal(signal.SIGTERM)
        try:
            p.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()
    return {"n": len(lat), "p50": percentile(lat, 0.5), "p99": percentile(lat, 0.99),
            "max": max(lat) if lat else None}


def first_line_time(argv: list[str], timeout: float) -> float | None:
    """Seconds from spawn to the first stdout line (then SIGTERM)."""
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    try:
        line = p.stdout.readline()
        t = time.monotonic() - t0 if line else None
    finally:
        p.send_signal(signal.SIGTERM)
        try:
            p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()
    return t


def stop(p: subprocess.Popen | None) -> None:
    """SIGTERM, then SIGKILL after 10 s; reaped."""
    if p is not None and p.poll() is None:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def serve_port(serve: subprocess.Popen) -> int | None:
    """The port `skydash serve --port 0` says it listens on (its output is drained afterwards)."""
    port = None
    end = time.monotonic() + 20
    while port is None and time.monotonic() < end:
        line = serve.stdout.readline()
        if not line:
            return None
        m = re.search(rb"ws://127\.0\.0\.1:(\d+)/", line)
        if m:
            port = int(m.group(1))
    if port is not None:
        threading.Thread(target=lambda: serve.stdout.read(), daemon=True).start()
    return port


def idle_cpu(skydash: str, window: float, tmpdir: str) -> dict:
    """`skydash serve` (its 5 s ticker on, no orders) and a headless client pinging every 5 s;
    the client's CPU time over `window` seconds (after 3 s of settling), scaled to a minute."""
    serve = subprocess.Popen([skydash, "serve", "--port", "0", "--rate", "0"], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, stdin=subprocess.PIPE)
    client = None
    try:
        port = serve_port(serve)
        if port is None:
            return {"error": "skydash serve did not say its port"}
        client = subprocess.Popen([skydash, "connect", f"ws://127.0.0.1:{port}/ws/idle", "--headless",
                                   "--journal", os.path.join(tmpdir, "idle.jsonl"), "--ping-interval", "5"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        time.sleep(3)
        c0 = proc_cpu(client.pid)
        time.sleep(window)
        c1 = proc_cpu(client.pid)
        rss = proc_status(client.pid, "VmRSS")
        if c0 is None or c1 is None:
            return {"error": "the client ended early"}
        return {"cpu_per_min": (c1 - c0) * 60 / window, "rss_mib": rss}
    finally:
        for q in (client, serve):
            stop(q)


def part4(skydash: str, server: BenchServer, tmpdir: str, args) -> None:
    print(f"3. Latency, idle, start-up.")
    journal = os.path.join(tmpdir, "latency.jsonl")
    rows = []
    for name, extra in (("headless, journal on", ["--journal", journal]), ("headless, --no-journal", ["--no-journal"])):
        r = latency_run(lambda url: [skydash, "connect", url + "/ws", "--headless", "--format", "jsonl"] + extra,
                        server, f"lat{len(rows)}", args.latency_rate, args.latency_count, args.timeout)
        rows.append([name, str(r["n"]), fmt(r["p50"], ".3f"), fmt(r["p99"], ".3f"), fmt(r["max"], ".3f")])
        print(f"   ... latency {name}: done", file=sys.stderr, flush=True)
    print(f"   latency = the server's clock just before it writes the frame (stamped in the order) -> the bench "
          f"reads the line from skydash's stdout; {args.latency_rate} msg/s, {args.latency_count} orders, first 5 % left out.")
    print()
    print(table(rows, ["run", "lines", "p50 ms", "p99 ms", "max ms"]))
    print()
    helps = sorted(t for t in (timed_run([skydash, "--help"], 10)[0] for _ in range(10)) if t is not None)
    firsts = []
    for i in range(5):
        tag = f"st{i}"
        server.add(tag, Run([], close_after=False))
        t = first_line_time([skydash, "connect", f"ws://127.0.0.1:{server.port}/{tag}/ws", "--headless",
                             "--no-journal"], 10)
        if t is not None:
            firsts.append(t)
    firsts.sort()
    srows = [["skydash --help (to exit)", fmt(percentile(helps, 0.5) and percentile(helps, 0.5) * 1000, ".1f"),
              fmt(helps and helps[0] * 1000, ".1f"), str(len(helps))],
             ["connect --headless (to its first line)", fmt(percentile(firsts, 0.5) and percentile(firsts, 0.5) * 1000, ".1f"),
              fmt(firsts and firsts[0] * 1000, ".1f"), str(len(firsts))]]
    print(table(srows, ["start-up", "median ms", "best ms", "runs"]))
    print()
    if args.idle_seconds > 0:
        r = idle_cpu(skydash, args.idle_seconds, tmpdir)
        if "error" in r:
            print(f"   idle: {r['error']}")
        else:
            print(f"   idle (skydash serve: 5 s ticker, no orders; connect --headless, journal on, ping every 5 s; "
                  f"{args.idle_seconds:.0f} s window): {r['cpu_per_min']:.3f} CPU-s per minute (resolution "
                  f"{0.01 * 60 / args.idle_seconds:.3f}), RSS {r['rss_mib']:.1f} MiB")
        print(f"   ... idle: done", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Part 5: the dashboard under a steady stream, its idle cost and its first frame

# Writes the wall clock to argv[1], then becomes argv[2:] (same process, so the stamp is the last
# thing before exec).
STAMP_EXEC = "import os,sys,time\nopen(sys.argv[1],'w').write(repr(time.time()))\nos.execv(sys.argv[2],sys.argv[2:])"
HELP_MARK = "this help (Esc closes)"


def tui_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("LC_") and k not in ("TMUX", "NO_COLOR", "TMUX_PANE", "SKYDASH_BENCH_FRAMES")}
    env.update(LANG="C.UTF-8", TERM="xterm-256color")
    return env


def tui_spawn(tmux: Tmux, skydash: str, argv: list[str], meter: str, stamp: str) -> int:
    """`skydash ARGV` in the tmux pane (120x40) with the bench meter on; returns its pid."""
    cmd = (f"SKYDASH_BENCH_FRAMES={shlex.quote(meter)} exec {shlex.quote(sys.executable)} -c "
           f"{shlex.quote(STAMP_EXEC)} {shlex.quote(stamp)} {shlex.quote(skydash)} "
           + " ".join(shlex.quote(a) for a in argv))
    tmux.start(cmd, 120, 40)
    return int(tmux.run("display-message", "-p", "-t", "bench:0.0", "#{pane_pid}").strip())


def tui_quit(tmux: Tmux, pid: int) -> bool:
    tmux.run("send-keys", "-t", "bench:0.0", "q", check=False)
    end = time.monotonic() + 8
    while os.path.exists(f"/proc/{pid}") and time.monotonic() < end:
        time.sleep(0.02)
    return not os.path.exists(f"/proc/{pid}")


def read_meter(path: str) -> tuple[list[dict], dict]:
    """The meter's count lines and its final line (empty if the process did not finish)."""
    counts, final = [], {}
    try:
        with open(path) as f:
            for line in f:
                try:
                    d = json.loads(line)
                except ValueError:
                    continue
                if "t" in d:
                    counts.append(d)
                elif "canvas_ms" in d:
                    final = d
    except OSError:
        pass
    return counts, final


def draw_rates(counts: list[dict], t0: float, t1: float) -> tuple[float | None, float | None]:
    """Mean terminal updates per second over [t0, t1] (wall clock) and the highest rate between
    two consecutive count lines (>= 1 s apart) in that window."""
    inside = [c for c in counts if t0 <= c["t"] <= t1]
    if len(inside) < 2:
        return None, None
    mean = (inside[-1]["draws"] - inside[0]["draws"]) / (inside[-1]["t"] - inside[0]["t"])
    peak = max((b["draws"] - a["draws"]) / (b["t"] - a["t"]) for a, b in zip(inside, inside[1:]))
    return mean, peak


def tui_stream(skydash: str, server: BenchServer, socket_name: str, tag: str, tmpdir: str, rate: int,
               seconds: float, ack: bool, keys: bool, rss_every: float = 1.0, first: int = 20_000_001) -> dict:
    """The dashboard (connect, --no-journal) gets `rate` orders a second for `seconds` (1 in 20 a
    reminder, 1 in 500 ~9 KiB). With `keys`: `?` is sent, the help overlay awaited (capture-pane
    every 5 ms), `?` sent again and its closing awaited, over and over; with `ack`: `A` (acknowledge
    all) once a second. RSS (VmRSS) is read every `rss_every` s."""
    count = int(rate * seconds)
    msgs = [m.decode() for m in make_messages(count, first=first)]
    run = server.add(tag, Run([], close_after=False, stream=msgs, stream_rate=rate))
    tmux = Tmux(socket_name, tui_env())
    meter, stamp = os.path.join(tmpdir, f"meter-{tag}.jsonl"), os.path.join(tmpdir, f"stamp-{tag}")
    out: dict = {"count": count, "rate": rate, "keys": [], "rss": []}
    try:
        pid = tui_spawn(tmux, skydash, ["connect", f"ws://127.0.0.1:{server.port}/{tag}/ws", "--no-journal"],
                        meter, stamp)
        if not run.started.wait(30):
            out["error"] = "skydash did not connect"
            return out
        w0 = time.time()
        t_end = run.t_start + seconds + 60
        last_ack = last_rss = time.monotonic()
        while time.monotonic() < t_end and not run.t_written:
            now = time.monotonic()
            if now - last_rss >= rss_every:
                last_rss = now
                out["rss"].append((now - run.t_start, run.sent, proc_status(pid, "VmRSS")))
            if ack and now - last_ack >= 1:
                last_ack = now
                tmux.run("send-keys", "-t", "bench:0.0", "A")
            if keys:
                for want in (True, False):
                    t = time.monotonic()
                    tmux.run("send-keys", "-t", "bench:0.0", "?")
                    t_seen, _ = wait_screen(tmux, lambda s: (HELP_MARK in s) == want, 5, 0.005)
                    out["keys"].append((t_seen - t) if t_seen else None)
                time.sleep(0.05)
            else:
                time.sleep(0.02)
        w1 = time.time()
        out["sent"] = run.sent
        out["written_s"] = (run.t_written - run.t_start) if run.t_written else None
        time.sleep(0.5)
        out["rss_end_mib"] = proc_status(pid, "VmRSS")
        out["hwm_mib"] = proc_status(pid, "VmHWM")
        out["cpu_s"] = proc_cpu(pid)
        out["header"] = "".join(tmux.capture().splitlines()[1:2]).strip()
        out["quit_clean"] = tui_quit(tmux, pid)
        counts, final = read_meter(meter)
        out["draws_mean"], out["draws_peak"] = draw_rates(counts, w0, w1)
        out["views"] = counts[-1]["views"] if counts else None
        out["view_s"] = counts[-1]["view_s"] if counts else None
        out["draws"] = counts[-1]["draws"] if counts else None
        for k in ("applied_ms", "canvas_ms", "screen_ms"):
            xs = final.get(k, [])
            xs = xs[len(xs) // 20:]           # the first 5 % left out (connection warm-up)
            out[k] = xs
        return out
    finally:
        tmux.kill()


def tui_first_frame(skydash: str, server: BenchServer, socket_name: str, tag: str, tmpdir: str) -> float | None:
    """Seconds from just before exec to the end of the dashboard's first terminal update."""
    server.add(tag, Run([], close_after=False))
    tmux = Tmux(socket_name, tui_env())
    meter, stamp = os.path.join(tmpdir, f"meter-{tag}.jsonl"), os.path.join(tmpdir, f"stamp-{tag}")
    try:
        pid = tui_spawn(tmux, skydash, ["connect", f"ws://127.0.0.1:{server.port}/{tag}/ws", "--no-journal"],
                        meter, stamp)
        end = time.monotonic() + 10
        counts: list[dict] = []
        while not counts and time.monotonic() < end:
            time.sleep(0.02)
            counts, _ = read_meter(meter)
        tui_quit(tmux, pid)
        with open(stamp) as f:
            t_exec = float(f.read())
        return counts[0]["t"] - t_exec if counts else None
    except (OSError, ValueError):
        return None
    finally:
        tmux.kill()


def tui_idle(skydash: str, socket_name: str, window: float, tmpdir: str) -> dict:
    """`skydash serve --rate 0` (5 s ticker) and the dashboard connected to it (journal on, ping
    every 5 s) under tmux; the dashboard's CPU over `window` s after 3 s of settling."""
    serve = subprocess.Popen([skydash, "serve", "--port", "0", "--rate", "0"], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, stdin=subprocess.PIPE)
    tmux = Tmux(socket_name, tui_env())
    try:
        port = serve_port(serve)
        if port is None:
            return {"error": "skydash serve did not say its port"}
        meter = os.path.join(tmpdir, "meter-idle.jsonl")
        pid = tui_spawn(tmux, skydash, ["connect", f"ws://127.0.0.1:{port}/ws/idle", "--journal",
                                        os.path.join(tmpdir, "idle-tui.jsonl"), "--ping-interval", "5"],
                        meter, os.path.join(tmpdir, "stamp-idle"))
        time.sleep(3)
        c0 = proc_cpu(pid)
        d0 = (read_meter(meter)[0] or [{"draws": 0}])[-1]["draws"]
        time.sleep(window)
        c1 = proc_cpu(pid)
        rss = proc_status(pid, "VmRSS")
        tui_quit(tmux, pid)
        counts, _ = read_meter(meter)
        if c0 is None or c1 is None:
            return {"error": "the dashboard ended early"}
        return {"cpu_per_min": (c1 - c0) * 60 / window, "rss_mib": rss,
                "draws": (counts[-1]["draws"] - d0) if counts else None}
    finally:
        tmux.kill()
        stop(serve)


def ms(x: float | None) -> float | None:
    return None if x is None else x * 1000


def part5(skydash: str, server: BenchServer, tmpdir: str, args) -> None:
    print(f"5. Dashboard under load: skydash connect (TUI, --no-journal) under tmux 120x40, bench meter on "
          f"(SKYDASH_BENCH_FRAMES: the loop counts its terminal updates and stamps each order's receive time "
          f"-> the canvas that first held it -> the terminal update that showed it).")
    sock = args.tmux_socket
    r = tui_stream(skydash, server, sock, "d1", tmpdir, args.stream_rate, args.stream_seconds, ack=True, keys=True)
    if "error" in r:
        print(f"   stream: error: {r['error']}")
    else:
        keys = [k for k in r["keys"] if k is not None]
        missed = sum(1 for k in r["keys"] if k is None)
        rss = [x for x in r["rss"] if x[2] is not None]
        at100k = next((x[2] for x in rss if x[1] >= 100_000), None)
        first10 = next((x[2] for x in rss if x[0] >= 10), None)
        print(f"   a. {r['rate']} orders/s for {args.stream_seconds:.0f} s ({r['sent']} sent in "
              f"{fmt(r['written_s'], '.1f')} s), 'A' (acknowledge all) every second, '?' toggled over and over:")
        print(f"      terminal updates/s: mean {fmt(r['draws_mean'], '.1f')}, highest 1 s window "
              f"{fmt(r['draws_peak'], '.1f')} ({r['draws']} updates, {r['views']} canvases rendered, "
              f"{fmt(r['view_s'] and r['views'] and r['view_s'] / r['views'] * 1e6, '.0f')} us per render)")
        print(f"      key '?' sent -> overlay shown/gone on screen (capture-pane every 5 ms): {len(keys)} keys, "
              f"p50 {fmt(ms(percentile(keys, 0.5)), '.0f')} ms, p99 {fmt(ms(percentile(keys, 0.99)), '.0f')} ms, "
              f"max {fmt(ms(max(keys) if keys else None), '.0f')} ms" + (f", {missed} not seen within 5 s" if missed else ""))
        print(f"      RSS MiB: after 10 s {fmt(first10, '.1f')}, at 100,000 orders {fmt(at100k, '.1f')}, "
              f"end {fmt(r['rss_end_mib'], '.1f')}, peak (VmHWM) {fmt(r['hwm_mib'], '.1f')}; "
              f"CPU {fmt(r['cpu_s'], '.1f')} s; header: {r.get('header', '')[:70]}")
        print(f"      receive -> canvas ms: p50 {fmt(percentile(r['canvas_ms'], 0.5), '.2f')} p99 "
              f"{fmt(percentile(r['canvas_ms'], 0.99), '.2f')}; -> terminal updated: p50 "
              f"{fmt(percentile(r['screen_ms'], 0.5), '.2f')} p99 {fmt(percentile(r['screen_ms'], 0.99), '.2f')}"
              + ("" if r["quit_clean"] else " (did not quit on q)"))
        print(f"      RSS over time (s, orders sent, MiB): "
              + ", ".join(f"{t:.0f}/{n}/{m:.0f}" for t, n, m in rss[::max(1, len(rss) // 10)]))
    print(f"   ... stream: done", file=sys.stderr, flush=True)
    r = tui_stream(skydash, server, sock, "d2", tmpdir, args.latency_rate, 5, ack=True, keys=False,
                   first=30_000_001)
    if "error" in r:
        print(f"   b. latency: error: {r['error']}")
    else:
        rows = []
        for name, k in (("receive -> state (update done)", "applied_ms"), ("receive -> canvas (view done)", "canvas_ms"),
                        ("receive -> terminal updated", "screen_ms")):
            xs = r[k]
            rows.append([name, str(len(xs)), fmt(percentile(xs, 0.5), ".3f"), fmt(percentile(xs, 0.99), ".3f"),
                         fmt(max(xs) if xs else None, ".3f")])
        print(f"   b. latency at {args.latency_rate} orders/s for 5 s ('A' every second; first 5 % left out); "
              f"receive = the pipeline's stamp when it gets the decoded frame; {r['views']} canvases, "
              f"{fmt(r['view_s'] and r['views'] and r['view_s'] / r['views'] * 1e6, '.0f')} us per render:")
        print()
        print(table(rows, ["run", "orders", "p50 ms", "p99 ms", "max ms"]))
        print()
    print(f"   ... canvas latency: done", file=sys.stderr, flush=True)
    firsts = sorted(t for t in (tui_first_frame(skydash, server, sock, f"ff{i}", tmpdir) for i in range(5))
                    if t is not None)
    print(f"   c. first frame (just before exec -> the first terminal update returned; 5 runs): median "
          f"{fmt(ms(percentile(firsts, 0.5)), '.1f')} ms, best {fmt(ms(firsts[0] if firsts else None), '.1f')} ms, "
          f"worst {fmt(ms(firsts[-1] if firsts else None), '.1f')} ms")
    if args.idle_seconds > 0:
        r = tui_idle(skydash, sock, args.idle_seconds, tmpdir)
        if "error" in r:
            print(f"   d. idle dashboard: {r['error']}")
        else:
            print(f"   d. idle dashboard (skydash serve: 5 s ticker, no orders; journal on, ping every 5 s; "
                  f"{args.idle_seconds:.0f} s window): {r['cpu_per_min']:.3f} CPU-s per minute (resolution "
                  f"{0.01 * 60 / args.idle_seconds:.3f}), {r['draws']} terminal updates, RSS {fmt(r['rss_mib'], '.1f')} MiB")
    if args.soak_minutes > 0:
        r = tui_stream(skydash, server, sock, "soak", tmpdir, 2000, args.soak_minutes * 60, ack=True, keys=False,
                       rss_every=10, first=40_000_001)
        if "error" in r:
            print(f"   e. soak: error: {r['error']}")
        else:
            rss = [x for x in r["rss"] if x[2] is not None]
            print(f"   e. soak: 2000 orders/s for {args.soak_minutes:g} min, 'A' every second: RSS MiB (s, orders, MiB) "
                  + ", ".join(f"{t:.0f}/{n}/{m:.1f}" for t, n, m in rss[::max(1, len(rss) // 12)])
                  + f"; end {fmt(r['rss_end_mib'], '.1f')}, peak {fmt(r['hwm_mib'], '.1f')}; "
                  f"terminal updates/s mean {fmt(r['draws_mean'], '.1f')}")


# --------------------------------------------------------------------------------------------
# Report

def fmt(x, spec: str, missing: str = "-") -> str:
    return missing if x is None else format(x, spec)


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(r[i]) for r in rows + [header]) for i in range(len(header))]
    def line(r):
        return " | ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
    return "\n".join([line(header), "-+-".join("-" * w for w in widths)] + [line(r) for r in rows])


def median_result(results: list[Result]) -> tuple[Result, str]:
    ok = [r for r in results if r.seconds is not None and not r.note]
    if not ok:
        return results[-1], ""
    ok.sort(key=lambda r: r.seconds)
    mid = ok[len(ok) // 2]
    spread = f"{ok[0].seconds:.3f}-{ok[-1].seconds:.3f}" if len(ok) > 1 else ""
    return mid, spread


def write_journal(path: str, records: int) -> int:
    """A journal as `connect` writes it: one `{"at":…,"text":…}` record per message, 1 ms apart."""
    messages = make_messages(min(records, 10_000))
    start = dt.datetime(2026, 11, 26, 11, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    with open(path, "w", encoding="utf-8") as f:
        for i in range(records):
            at = (start + dt.timedelta(milliseconds=i)).isoformat(timespec="milliseconds")
            f.write(json.dumps({"at": at, "text": messages[i % len(messages)].decode()},
                               ensure_ascii=False, separators=(",", ":")) + "\n")
    return os.path.getsize(path)


def timed_run(argv: list[str], timeout: float) -> tuple[float | None, float | None, str]:
    """Wall seconds and CPU seconds (children's user+sys) of argv with stdout to /dev/null."""
    before = os.times()
    t0 = time.monotonic()
    try:
        r = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, None, f"timeout after {timeout:.0f} s"
    wall = time.monotonic() - t0
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    if r.returncode != 0:
        return None, None, f"exit {r.returncode}: {r.stderr.decode(errors='replace').strip()[-120:]}"
    return wall, cpu, ""


def replay_vs_jq(skydash: str, records: int, tmpdir: str, timeout: float) -> None:
    path = os.path.join(tmpdir, "replay.jsonl")
    size = write_journal(path, records)
    print(f"2. Replay: a generated journal of {records} records ({size / MIB:.1f} MiB; the receive run's "
          "messages, 1 ms apart), stdout to /dev/null, best of 3.")
    runs = [("skydash replay --instant --headless", [skydash, "replay", path, "--instant", "--headless"])]
    if shutil.which("jq"):
        runs.append(("jq -c . FILE", ["jq", "-c", ".", path]))
    rows, rates = [], {}
    for name, argv in runs:
        best = None
        note = ""
        for _ in range(3):
            wall, cpu, note = timed_run(argv, timeout)
            if wall is not None and (best is None or wall < best[0]):
                best = (wall, cpu)
        rates[name] = records / best[0] if best else None
        rows.append([name, fmt(best and best[0], ".3f"), fmt(rates[name], ",.0f"), fmt(best and best[1], ".2f"), note])
        print(f"   ... {name}: done", file=sys.stderr, flush=True)
    jq_rate = rates.get("jq -c . FILE")
    for r in rows:
        mine = rates.get(r[0])
        r.insert(3, fmt(mine / jq_rate if mine and jq_rate else None, ".2f"))
    print()
    print(table([r[:5] for r in rows], ["run", "seconds", "records/s", "x jq", "CPU s"]))
    for r in rows:
        if r[5]:
            print(f"   note: {r[0]}: {r[5]}")
    if not shutil.which("jq"):
        print("   jq is not installed (scripts/bench installs it)")


def main_bench(args) -> int:
    import websockets
    skydash = os.path.abspath(args.skydash)
    if not os.access(skydash, os.X_OK):
        print(f"bench: {skydash} is not an executable", file=sys.stderr)
        return 2
    n = args.messages
    messages = make_messages(n)
    batches, total, fragmented = encode_frames(messages)
    reminders = sum(1 for m in messages if b'"type":2' in m[:40])
    payload = sum(len(m) for m in messages)
    cpu_model = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu_model = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    print(f"skydash bench  {dt.datetime.now().astimezone().isoformat(timespec='seconds')}")
    print(f"machine: {os.cpu_count()} cores ({cpu_model or platform.machine()}), {platform.system()} "
          f"{platform.release()}; Python {platform.python_version()}, websockets {websockets.__version__}")
    print(f"skydash: {skydash}")
    print()
    server = BenchServer()
    tmpdir = tempfile.mkdtemp(prefix="skydash-bench-")
    seq = 0
    try:
        if n > 0:
            print(f"1. Receive path: {n} messages ({n - reminders} new orders, {reminders} reminders; "
                  f"{fragmented} of ~9 KiB sent as 2 frames of <= 8 KiB), {payload / MIB:.1f} MiB of JSON, "
                  f"{total / MIB:.1f} MiB on the wire.")
            print("   The server writes pre-encoded frames as fast as the socket takes them, then closes 1000.")
            print(f"   seconds = server's first byte -> Nth message handled (median of {args.repeat}; "
                  "range in brackets); startup = process start + connect + handshake.")
            print("   peak RSS (VmHWM) and CPU (user+sys since the process started) read from /proc at that moment.")
            journal = os.path.join(tmpdir, "journal.jsonl")
            me = [sys.executable, os.path.abspath(__file__)]
            clients = [
                ("skydash --headless --journal",
                 lambda url: [skydash, "connect", url + "/ws", "--headless", "--journal", journal, "--format", "jsonl"], True),
                ("skydash --headless --no-journal",
                 lambda url: [skydash, "connect", url + "/ws", "--headless", "--no-journal", "--format", "jsonl"], True),
                ("python websockets + json.loads", lambda url: me + ["client", url + "/ws/py", "--count", str(n)], False),
                ("python ... + one jsonl line each",
                 lambda url: me + ["client", url + "/ws/py", "--count", str(n), "--print"], False),
            ]
            if args.wsclient:
                clients.append(("hummingbird WSClient + JSONDecoder",
                                lambda url: [os.path.abspath(args.wsclient), url + "/ws/wsclient", "--count", str(n)], False))
            clients += [
                ("raw socket drain (server ceiling)", lambda url: me + ["rawclient", url, "--bytes", str(total), "--messages", str(n)], False),
            ]
            rows = []
            rates: dict[str, float | None] = {}
            seq = 0
            journal_size = 0
            for name, make_argv, sigterm in clients:
                results = []
                for _ in range(args.repeat):
                    seq += 1
                    tag = f"r{seq}"
                    run = server.add(tag, Run(batches, close_after=True))
                    if os.path.exists(journal):
                        os.unlink(journal)
                    results.append(run_client(name, make_argv(f"ws://127.0.0.1:{server.port}/{tag}"),
                                              run, n, args.timeout, sigterm))
                    if os.path.exists(journal):
                        journal_size = os.path.getsize(journal)
                r, spread = median_result(results)
                notes = "; ".join(sorted({x.note for x in results if x.note}))
                rates[name] = n / r.seconds if r.seconds else None
                rows.append([r.name, str(r.count), fmt(r.seconds, ".3f") + (f" [{spread}]" if spread else ""),
                             fmt(rates[name], ",.0f"), fmt(r.rss_mib, ".1f"),
                             fmt(r.cpu_s, ".2f"), fmt(r.startup, ".2f")] + ([notes] if notes else []))
                print(f"   ... {name}: done", file=sys.stderr, flush=True)
            header = ["client", "messages", "seconds", "msg/s", "peak RSS MiB", "CPU s", "startup s"]
            extra = [r[7] for r in rows if len(r) > 7]
            rows = [r[:7] for r in rows]
            # Ratios of msg/s, all from this one run: against the Python peer doing the same job
            # (decode + one printed line) and against the one that only decodes.
            refs = {"python ... + one jsonl line each": "x py+print", "python websockets + json.loads": "x py decode"}
            if args.wsclient:
                refs["hummingbird WSClient + JSONDecoder"] = "x WSClient"
            for ref, title in refs.items():
                header.append(title)
                for r in rows:
                    a, b = rates.get(r[0]), rates.get(ref)
                    r.append(fmt(a / b if a and b else None, ".2f"))
            print()
            print(table(rows, header))
            for e in extra:
                print(f"   note: {e}")
            if journal_size:
                print(f"   the --journal run wrote {journal_size / MIB:.1f} MiB of journal for {n} messages.")
            print()

        if args.replay_records > 0:
            replay_vs_jq(skydash, args.replay_records, tmpdir, args.timeout)
            print()

        if args.latency_count > 0:
            part4(skydash, server, tmpdir, args)
            print()

        if args.skip_tui:
            return 0
        if not shutil.which("tmux"):
            print("3. Dashboard burst: skipped (tmux is not installed; scripts/setup installs it)")
            return 0
        print(f"4. Dashboard burst: skydash connect (TUI, --no-journal) under tmux 120x40, LANG=C.UTF-8; "
              f"the server writes {args.burst} new orders at once.")
        print("   shown = server starts writing the burst -> capture-pane (polled every 20 ms) shows 'orders N';")
        print("   help = '?' sent (tmux send-keys) -> help overlay on screen (polled every 5 ms).")
        trows = []
        for label, during in (("? after the burst is shown", False), ("? sent as the burst lands", True)):
            seq += 1
            r = safe_tui_burst(skydash, server, args.tmux_socket, args.burst, args.timeout, during, f"t{seq}")
            if "error" in r:
                trows.append([label, "error: " + r["error"], "", "", "", ""])
                continue
            trows.append([label, f"{r['burst_shown_s'] * 1000:.0f}", fmt(r.get("help_s") and r["help_s"] * 1000, ".0f"),
                          fmt(r.get("cpu_after_burst_s"), ".2f"), fmt(r.get("cpu_s"), ".2f"),
                          fmt(r.get("rss_mib"), ".1f") + ("" if r.get("quit_clean") else " (did not quit on q)")])
        print()
        print(table(trows, ["run", "burst shown ms", "help shown ms", "CPU s at burst",
                            "CPU s total", "peak RSS MiB"]))
        if args.rss_orders > 0:
            seq += 1
            r = safe_tui_burst(skydash, server, args.tmux_socket, args.rss_orders, args.timeout, False, f"t{seq}")
            if "error" in r:
                print(f"   {args.rss_orders} orders through the dashboard: error: {r['error']}")
            else:
                print(f"   {args.rss_orders} orders through the dashboard (default caps): shown after "
                      f"{r['burst_shown_s']:.1f} s; RSS then {fmt(r.get('rss_now_mib'), '.1f')} MiB, "
                      f"peak {fmt(r.get('rss_mib'), '.1f')} MiB")
        print("   CPU s = skydash's user+sys time since it started (ncurses start-up and connect included).")
        print()
        part5(skydash, server, tmpdir, args)
        return 0
    finally:
        server.shutdown()
        shutil.rmtree(tmpdir, ignore_errors=True)


def main() -> int:
    # A parent may have blocked these (inherited mask); the children must see them.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT, signal.SIGHUP})
    if len(sys.argv) > 1 and sys.argv[1] == "client":
        ap = argparse.ArgumentParser(prog="bench.py client")
        ap.add_argument("url")
        ap.add_argument("--count", type=int, required=True)
        ap.add_argument("--print", action="store_true")
        a = ap.parse_args(sys.argv[2:])
        try:
            rc = asyncio.run(peer_client(a.url, a.count, a.print))
        except KeyboardInterrupt:
            return 0
        sys.stdin.buffer.read()   # the bench samples our /proc figures, then closes stdin
        return rc
    if len(sys.argv) > 1 and sys.argv[1] == "rawclient":
        ap = argparse.ArgumentParser(prog="bench.py rawclient")
        ap.add_argument("url")
        ap.add_argument("--bytes", type=int, required=True)
        ap.add_argument("--messages", type=int, required=True)
        a = ap.parse_args(sys.argv[2:])
        rc = raw_client(a.url, a.bytes, a.messages)
        sys.stdin.buffer.read()
        return rc
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skydash", required=True, help="the skydash binary (release build)")
    ap.add_argument("--wsclient", help="the WSClient peer (Tests/peers/wsclient-bench, release build)")
    ap.add_argument("--messages", type=int, default=100_000, help="messages per receive run; 0 skips part 1 (100000)")
    ap.add_argument("--burst", type=int, default=5000, help="orders in the dashboard burst (5000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per receive client; the median is shown (3)")
    ap.add_argument("--timeout", type=float, default=120, help="limit for each run, seconds (120)")
    ap.add_argument("--tmux-socket", default=f"skydash-bench-{os.getpid()}",
                    help="tmux -L socket name for the dashboard runs")
    ap.add_argument("--skip-tui", action="store_true", help="no dashboard burst")
    ap.add_argument("--latency-rate", type=int, default=1000, help="msg/s in the latency runs (1000)")
    ap.add_argument("--latency-count", type=int, default=5000,
                    help="orders per latency run; 0 skips part 4 (5000)")
    ap.add_argument("--idle-seconds", type=float, default=30, help="idle CPU window, seconds; 0 skips it (30)")
    ap.add_argument("--rss-orders", type=int, default=100_000,
                    help="orders through the dashboard before its RSS is read; 0 skips it (100000)")
    ap.add_argument("--replay-records", type=int, default=1_000_000,
                    help="records in the generated journal for the replay run; 0 skips it (1000000)")
    ap.add_argument("--stream-rate", type=int, default=5000, help="orders/s in the dashboard stream run (5000)")
    ap.add_argument("--stream-seconds", type=float, default=30, help="length of the dashboard stream run (30)")
    ap.add_argument("--soak-minutes", type=float, default=0,
                    help="also a dashboard soak at 2000 orders/s for this many minutes, RSS every 10 s (0: none)")
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    # SIGTERM (e.g. from scripts/bench's trap) unwinds like Ctrl-C, so the finally blocks clean up.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        return main_bench(args)
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
