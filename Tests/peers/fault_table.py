#!/usr/bin/env python3
"""The fault table: skydash (headless, with the admin API's catch-up check) behind a fault-injecting
TCP proxy in front of `skydash serve`, on 127.0.0.1 only.

    fault_table.py SKYDASH_BINARY [--refuse-seconds 60] [--markdown]

For each fault it records: seconds until skydash noticed (a `closed`/`deaf` event), seconds until it
received again (an order placed after the fault showed), orders lost among those the backend took
(must be 0: the catch-up check finds what the WebSocket missed), and orders shown twice. Prints one
table; exits 1 if any order was lost or shown twice, or a fault was never noticed where it must be.
Every process it starts is stopped on the way out; the whole run is bounded (about 3 minutes).
"""
import argparse
import asyncio
import json
import os
import re
import signal
import socket
import struct
import sys
import time

import websockets.sync.client as ws_sync

LOOP = "127.0.0.1"


class Proxy:
    """Forwards client <-> upstream, with faults switched on and off by the harness."""

    def __init__(self, upstream_port):
        self.upstream_port = upstream_port
        self.pairs = []          # (client_writer, upstream_writer)
        self.blackhole = False
        self.drip = False
        self.refuse = False
        self.accepted = 0
        self.drop_after_handshake = 0
        self.server = None
        self.port = None

    async def start(self, port=0):
        self.server = await asyncio.start_server(self.handle, LOOP, port)
        self.port = self.server.sockets[0].getsockname()[1]

    async def handle(self, reader, writer):
        self.accepted += 1
        if self.refuse:
            abort(writer)
            return
        try:
            up_reader, up_writer = await asyncio.open_connection(LOOP, self.upstream_port)
        except OSError:
            abort(writer)
            return
        pair = (writer, up_writer)
        self.pairs.append(pair)
        drop_now = self.drop_after_handshake > 0
        if drop_now:
            self.drop_after_handshake -= 1
        await asyncio.gather(self.pump(reader, up_writer, False, pair),
                             self.pump(up_reader, writer, True, pair, drop_after_first=drop_now),
                             return_exceptions=True)
        if pair in self.pairs:
            self.pairs.remove(pair)

    async def pump(self, reader, writer, downstream, pair, drop_after_first=False):
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    writer.close()
                    return
                if self.blackhole:
                    continue                      # swallowed: both sides stay open, nothing arrives
                if downstream and self.drip:
                    for b in data:
                        writer.write(bytes([b]))
                        await writer.drain()
                        await asyncio.sleep(0.05)
                    continue
                writer.write(data)
                await writer.drain()
                if drop_after_first:
                    abort(pair[0])
                    abort(pair[1])
                    return
        except (ConnectionError, OSError):
            pass

    def reset_all(self):
        for client, upstream in list(self.pairs):
            abort(client)
            abort(upstream)
        self.pairs.clear()

    def fin_all(self):
        for client, upstream in list(self.pairs):
            client.close()
            upstream.close()
        self.pairs.clear()

    def inject_close(self, code):
        for client, upstream in list(self.pairs):
            client.write(bytes([0x88, 0x02]) + struct.pack(">H", code))
            client.close()
            upstream.close()
        self.pairs.clear()

    def write_partial_frame_then(self, how):
        """Sends the first bytes of a text frame the client will never see the end of, then RST or FIN."""
        for client, upstream in list(self.pairs):
            client.write(bytes([0x81, 0x7E, 0x01, 0x00]) + b'{"orderId":')   # 256-byte frame, cut short
            (abort if how == "rst" else lambda w: w.close())(client)
            abort(upstream)
        self.pairs.clear()


def abort(writer):
    try:
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.close()
    except Exception:  # noqa: BLE001 - already gone
        pass


class Process:
    """A child whose stdout lines are collected with their arrival times."""

    def __init__(self, argv, env=None):
        self.argv = argv
        self.env = env
        self.lines = []
        self.proc = None

    async def start(self):
        env = dict(os.environ)
        env.update(self.env or {})
        self.proc = await asyncio.create_subprocess_exec(*self.argv, stdin=asyncio.subprocess.PIPE,
                                                         stdout=asyncio.subprocess.PIPE,
                                                         stderr=asyncio.subprocess.DEVNULL, env=env)
        asyncio.get_running_loop().create_task(self.read())

    async def read(self):
        while True:
            line = await self.proc.stdout.readline()
            if not line:
                return
            self.lines.append((time.monotonic(), line.decode("utf-8", "replace").rstrip("\n")))

    def send(self, text):
        self.proc.stdin.write(text.encode())

    async def wait_line(self, pattern, timeout, since=0.0):
        deadline = time.monotonic() + timeout
        rx = re.compile(pattern)
        while time.monotonic() < deadline:
            for t, line in self.lines:
                if t >= since and rx.search(line):
                    return t, line
            await asyncio.sleep(0.02)
        return None

    async def stop(self):
        if self.proc and self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.proc.wait(), 5)
            except asyncio.TimeoutError:
                self.proc.kill()
                await self.proc.wait()


class Harness:
    def __init__(self, binary, refuse_seconds):
        self.binary = binary
        self.refuse_seconds = refuse_seconds
        self.next_id = 10_000
        self.placed = []         # order ids the backend took
        self.rows = []

    async def start_serve(self, port=0):
        serve = Process([self.binary, "serve", "--port", str(port), "--no-ticker", "--rate", "0", "--seed", "11"])
        await serve.start()
        found = await serve.wait_line(r"listening on ws://127\.0\.0\.1:(\d+)", 10)
        if not found:
            raise SystemExit("fault_table: serve did not start")
        return serve, int(re.search(r"127\.0\.0\.1:(\d+)", found[1]).group(1))

    def client_argv(self, proxy_port, extra=()):
        return [self.binary, "connect", f"ws://{LOOP}:{proxy_port}/ws/", "--headless", "--no-journal",
                "--user", "admin", "--reconcile", "2", "--ping-interval", "2", "--pong-timeout", "2",
                "--backoff-initial", "0.5", "--backoff-max", "2", "--deaf-after", "8", *extra]

    def place(self, serve, n=1):
        ids = []
        for _ in range(n):
            self.next_id += 1
            ids.append(self.next_id)
            serve.send(f"order {self.next_id}\n")
        self.placed += ids
        return ids

    def shown(self, client):
        """Order ids shown by the client (announced or found), with repeats."""
        ids = []
        for _, line in client.lines:
            try:
                o = json.loads(line)
            except ValueError:
                continue
            if o.get("event") in ("order", "found") and isinstance(o.get("orderId"), int):
                ids.append(o["orderId"])
        return ids

    async def scenario(self, name, client, serve, inject, clear, during=1, must_notice=True, settle=6):
        """Injects a fault, places `during` orders while it lasts, clears it, places one more and
        waits until every placed order has shown."""
        await self.wait_open(client)
        t0 = time.monotonic()
        await inject()
        await asyncio.sleep(0.3)
        ids = self.place(serve, during)
        await clear()
        noticed = await client.wait_line(r'"event":"(closed|deaf)"', 15 if must_notice else 3, since=t0)
        after = self.place(serve, 1)
        back = None
        deadline = time.monotonic() + settle + 15
        while time.monotonic() < deadline:
            got = set(self.shown(client))
            if all(i in got for i in ids + after):
                back = max(t for t, line in client.lines if any(f'"orderId":{i},' in line for i in after))
                break
            await asyncio.sleep(0.05)
        shown = self.shown(client)
        lost = [i for i in ids + after if i not in shown]
        dups = sorted({i for i in ids + after if shown.count(i) > 1})
        self.rows.append(dict(fault=name,
                              notice=None if noticed is None else noticed[0] - t0,
                              back=None if back is None else back - t0,
                              placed=len(ids + after), lost=len(lost), dups=len(dups),
                              ok=not lost and not dups and (noticed is not None or not must_notice)))

    async def wait_open(self, client):
        # open, and the open's catch-up check done (its baseline is set)
        t = time.monotonic()
        while True:
            opens = [x for x in client.lines if '"event":"open"' in x[1]]
            closes = [x for x in client.lines if re.search(r'"event":"(closed|retrying)"', x[1])]
            if opens and (not closes or opens[-1][0] > closes[-1][0]) and time.monotonic() - opens[-1][0] > 1.0:
                return
            if time.monotonic() - t > 20:
                tail = "\n".join(line for _, line in client.lines[-8:])
                raise SystemExit(f"fault_table: the client did not reopen; its last lines:\n{tail}")
            await asyncio.sleep(0.05)

    async def run(self):
        serve, serve_port = await self.start_serve()
        proxy = Proxy(serve_port)
        await proxy.start()
        client = Process(self.client_argv(proxy.port, ["--client-id", "faulty"]), env={"SKYDASH_PASSWORD": "123456"})
        await client.start()
        self.current_serve = serve
        try:
            await self.all_faults(serve, serve_port, proxy, client)
            await self.drops_after_handshake(serve_port)
        finally:
            if os.environ.get("FAULT_TABLE_LOG"):
                with open(os.environ["FAULT_TABLE_LOG"], "w") as f:
                    f.write("\n".join(f"{t:.3f} {line}" for t, line in client.lines))
            await client.stop()
            await serve.stop()
            await self.current_serve.stop()
            proxy.server.close()

    async def all_faults(self, serve, serve_port, proxy, client):
        async def nothing():
            pass

        async def restart_backend():
            nonlocal serve
            await serve.stop()
            serve_new, _ = await self.start_serve(serve_port)
            serve = serve_new
            self.current_serve = serve_new

        # The backend killed and restarted (its new instance takes the orders).
        self.current_serve = serve
        await self.wait_open(client)
        t0 = time.monotonic()
        await restart_backend()
        await self.scenario_tail("backend killed and restarted", client, t0)

        serve = self.current_serve
        await self.scenario("server close 1001", client, serve, lambda: asyncio.sleep(0, proxy.inject_close(1001)), nothing)
        await self.scenario("server close 1011", client, serve, lambda: asyncio.sleep(0, proxy.inject_close(1011)), nothing)
        await self.scenario("reset mid-frame", client, serve, lambda: asyncio.sleep(0, proxy.write_partial_frame_then("rst")), nothing)
        await self.scenario("FIN mid-message", client, serve, lambda: asyncio.sleep(0, proxy.write_partial_frame_then("fin")), nothing)

        async def hole_on():
            proxy.blackhole = True

        async def hole_off():
            await client.wait_line(r'"event":"closed"', 10, since=time.monotonic() - 0.5)
            proxy.blackhole = False
            proxy.reset_all()
        await self.scenario("blackhole (open, nothing forwarded)", client, serve, hole_on, hole_off)

        async def drip_on():
            proxy.drip = True

        async def drip_off():
            await asyncio.sleep(4)            # ~80 bytes dripped through one order frame
            proxy.drip = False
        await self.scenario("slow drip, 1 byte / 50 ms", client, serve, drip_on, drip_off, must_notice=False)
        drip_row = self.rows[-1]
        drip_row["ok"] = drip_row["ok"] and drip_row["notice"] is None   # not taken for dead

        async def refuse_on():
            proxy.refuse = True
            proxy.reset_all()

        async def refuse_off():
            before = proxy.accepted
            await asyncio.sleep(self.refuse_seconds)
            self.refused_attempts = proxy.accepted - before
            proxy.refuse = False
        await self.scenario(f"refused for {self.refuse_seconds:g} s", client, serve, refuse_on, refuse_off)
        self.rows[-1]["note"] = f"{self.refused_attempts} attempts (backoff cap 2 s)"
        self.rows[-1]["ok"] = self.rows[-1]["ok"] and self.refused_attempts <= self.refuse_seconds / 0.9 + 3

        # Deaf: another session with our client id closes; the backend's map forgets "faulty".
        async def deafen():
            with ws_sync.connect(f"ws://{LOOP}:{serve_port}/ws/faulty") as other:
                other.close()
        await self.scenario("deaf session (sid dropped, pings answered)", client, serve, deafen, nothing, settle=15)

    async def scenario_tail(self, name, client, t0):
        ids = self.place(self.current_serve, 2)
        noticed = await client.wait_line(r'"event":"(closed|deaf)"', 15, since=t0)
        deadline = time.monotonic() + 20
        back = None
        while time.monotonic() < deadline:
            if all(i in set(self.shown(client)) for i in ids):
                back = max(t for t, line in client.lines if any(f'"orderId":{i},' in line for i in ids))
                break
            await asyncio.sleep(0.05)
        shown = self.shown(client)
        lost = [i for i in ids if i not in shown]
        dups = sorted({i for i in ids if shown.count(i) > 1})
        self.rows.append(dict(fault=name, notice=None if noticed is None else noticed[0] - t0,
                              back=None if back is None else back - t0, placed=len(ids), lost=len(lost),
                              dups=len(dups), ok=not lost and not dups and noticed is not None))

    async def drops_after_handshake(self, serve_port):
        """200 connections dropped right after the handshake: memory and descriptors stay flat."""
        proxy = Proxy(serve_port)
        await proxy.start()
        client = Process([self.binary, "connect", f"ws://{LOOP}:{proxy.port}/ws/", "--headless", "--no-journal",
                          "--ping-interval", "0", "--backoff-initial", "0.01", "--backoff-max", "0.02"])
        await client.start()
        try:
            await client.wait_line(r'"event":"open"', 10)
            pid = client.proc.pid
            rss0, fds0 = rss_kib(pid), len(os.listdir(f"/proc/{pid}/fd"))
            t0 = time.monotonic()
            proxy.drop_after_handshake = 200
            proxy.reset_all()
            while proxy.drop_after_handshake > 0 and time.monotonic() - t0 < 60:
                await asyncio.sleep(0.1)
            await client.wait_line(r'"event":"open"', 10, since=time.monotonic())
            await asyncio.sleep(0.5)
            rss1, fds1 = rss_kib(pid), len(os.listdir(f"/proc/{pid}/fd"))
            opens = sum(1 for _, l in client.lines if '"event":"open"' in l)
            ok = proxy.drop_after_handshake == 0 and fds1 <= fds0 + 2 and rss1 - rss0 < 8 * 1024
            self.rows.append(dict(fault="200 drops right after the handshake", notice=None, back=time.monotonic() - t0,
                                  placed=0, lost=0, dups=0, ok=ok,
                                  note=f"{opens} opens; RSS {rss0 // 1024}→{rss1 // 1024} MiB; fds {fds0}→{fds1}"))
        finally:
            await client.stop()
            proxy.server.close()


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def fmt(v):
    return "-" if v is None else f"{v:.2f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--refuse-seconds", type=float, default=60)
    args = ap.parse_args()
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT, signal.SIGHUP})
    h = Harness(args.binary, args.refuse_seconds)
    asyncio.run(asyncio.wait_for(h.run(), 600))
    print("| fault | noticed after s | receiving again after s | orders placed | lost | shown twice | ok | note |")
    print("|---|---|---|---|---|---|---|---|")
    for r in h.rows:
        print(f"| {r['fault']} | {fmt(r['notice'])} | {fmt(r['back'])} | {r['placed']} | {r['lost']} | {r['dups']} | "
              f"{'yes' if r['ok'] else 'NO'} | {r.get('note', '')} |")
    passed = sum(1 for r in h.rows if r["ok"])
    print(f"fault table: {passed} passed, {len(h.rows) - passed} failed")
    return 0 if passed == len(h.rows) else 1


if __name__ == "__main__":
    sys.exit(main())
