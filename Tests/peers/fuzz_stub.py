#!/usr/bin/env python3
"""A stand-in for the client side of Autobahn|Testsuite's fuzzingserver, to test `skydash autobahn`.

It speaks the same URL protocol as the real fuzzing server — `/getCaseCount` (sends the number of
cases as text, then closes), `/runCase?case=N&agent=A` (plays case N, expects every message echoed
with the same opcode), `/updateReports?agent=A` (closes) — with a handful of echo cases of its own.
It is NOT the Autobahn test suite (that one needs Python 2 and is not installable here).

Prints `PORT n`, then one JSON line per event: {"event":"case","case":N,"agent":A,"ok":bool,"detail":…},
{"event":"count"}, {"event":"reports","agent":A}. Binds 127.0.0.1 only.
"""
import argparse
import asyncio
import json
import signal
import sys
from urllib.parse import parse_qs, urlsplit

import websockets
from websockets.asyncio.server import serve

CASES = {
    1: ("text", "Hello 订单号: 1764126000001 🍜"),
    2: ("binary", bytes(range(256))),
    3: ("fragments", ["订单", "号: ", "1001 🍜"]),
    4: ("text", ""),
    5: ("text", "x" * 70000),
    6: ("ping-then-text", "after ping"),
}


def log(**event):
    print(json.dumps(event, ensure_ascii=False), flush=True)


async def play(ws, case, agent):
    kind, payload = CASES[case]
    if kind == "ping-then-text":
        pong = await ws.ping(b"fuzz")
        await asyncio.wait_for(pong, 5)
        kind = "text"
    if kind == "fragments":
        await ws.send(iter(payload))
        expected = "".join(payload)
    else:
        await ws.send(payload)
        expected = payload
    try:
        echo = await asyncio.wait_for(ws.recv(), 5)
    except Exception as e:  # noqa: BLE001 - anything here means the case failed
        log(event="case", case=case, agent=agent, ok=False, detail=f"no echo: {e!r}")
        return
    same_type = type(echo) is type(expected)
    ok = same_type and echo == expected
    log(event="case", case=case, agent=agent, ok=ok,
        detail="" if ok else f"echo differs (type {type(echo).__name__}, {len(echo)} long)")


async def handler(ws):
    parts = urlsplit(ws.request.path)
    query = parse_qs(parts.query)
    agent = query.get("agent", [""])[0]
    if parts.path == "/getCaseCount":
        log(event="count")
        await ws.send(str(len(CASES)))
    elif parts.path == "/runCase":
        await play(ws, int(query.get("case", ["0"])[0]), agent)
    elif parts.path == "/updateReports":
        log(event="reports", agent=agent)
    await ws.close(1000)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT, signal.SIGHUP})
    stop = asyncio.get_running_loop().create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
    async with serve(handler, "127.0.0.1", args.port, max_size=None, compression=None, ping_interval=None) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"PORT {port}", flush=True)
        try:
            await asyncio.wait_for(stop, 600)
        except asyncio.TimeoutError:
            pass


if __name__ == "__main__":
    asyncio.run(main())
    sys.exit(0)
