#!/usr/bin/env python3
"""A stand-in for the client side of Autobahn|Testsuite's fuzzingserver, to test `skydash autobahn`.

It speaks the same URL protocol as the real fuzzing server — `/getCaseCount` (sends the number of
cases as text, then closes), `/runCase?case=N&agent=A` (plays case N, expects every message echoed
with the same opcode), `/updateReports?agent=A` (closes) — with a handful of echo cases of its own.
It is NOT the Autobahn test suite (that one needs Python 2 and is not installable here).

Cases 1-6 are echo cases. Cases 7 and up are protocol cases in the manner of Autobahn's sections 3-7:
the server writes raw frames (some of them bad, some in chops with a pause) and checks what the client
echoes and how it closes. A case is "ok" when the outcome is right and "strict" when it is right at the
earliest moment it could be (e.g. it failed on invalid UTF-8 before the rest of the frame arrived, and
echoed nothing that came after a bad frame).

Prints `PORT n`, then one JSON line per event: {"event":"case","case":N,"agent":A,"ok":bool,"strict":bool,
"detail":…}, {"event":"count"}, {"event":"reports","agent":A}. Binds 127.0.0.1 only.
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


def frame(opcode, payload=b"", fin=True, rsv=0, length=None):
    """An unmasked server frame; `length` overrides the header's length (to send a frame in chops)."""
    n = len(payload) if length is None else length
    head = bytes([(0x80 if fin else 0) | (rsv << 4) | opcode])
    if n < 126:
        head += bytes([n])
    elif n < 65536:
        head += bytes([126]) + n.to_bytes(2, "big")
    else:
        head += bytes([127]) + n.to_bytes(8, "big")
    return head + payload


BAD_UTF8 = "κόσμε".encode() + b"\xf4\x90\x80\x80" + "edited".encode()

# Protocol cases: chops of raw bytes (with a pause of `pause` seconds between chops), the messages the
# client must echo, and the close code it must send (None: it must not close by itself, the server closes).
# `fail_after_chop`: strict means the client closed before chop N+1 was sent.
PROTOCOL_CASES = {
    7: dict(name="text, then RSV1 frame, then text: echo the first, fail 1002, nothing after",
            chops=[frame(1, b"a") + frame(1, b"b", rsv=4) + frame(1, b"c")], echo=["a"], close=1002),
    8: dict(name="invalid UTF-8 in one text frame: fail 1007, no echo",
            chops=[frame(1, BAD_UTF8)], echo=[], close=1007),
    9: dict(name="invalid UTF-8 in one frame sent in chops (6.4.3): fail before the rest arrives",
            chops=[frame(1, BAD_UTF8[:13], length=len(BAD_UTF8)), BAD_UTF8[13:]], pause=1.0, echo=[], close=1007,
            fail_after_chop=0),
    10: dict(name="invalid UTF-8 in the 2nd of 3 fragments (6.4.1): fail before the 3rd arrives",
             chops=[frame(1, "κόσμε".encode(), fin=False), frame(0, b"\xf4\x90\x80\x80", fin=False), frame(0, b"edited")],
             pause=1.0, echo=[], close=1007, fail_after_chop=1),
    11: dict(name="ping of 126 bytes: fail 1002", chops=[frame(9, b"x" * 126)], echo=[], close=1002),
    12: dict(name="continuation without a start: fail 1002", chops=[frame(0, b"x")], echo=[], close=1002),
    13: dict(name="reserved opcode 3 after a text: echo, then fail 1002", chops=[frame(1, b"ok") + frame(3)], echo=["ok"], close=1002),
    14: dict(name="close with invalid code 1004: fail 1002", chops=[frame(8, (1004).to_bytes(2, "big"))], echo=[], close=1002),
    15: dict(name="unsolicited pong, then text: echo", chops=[frame(10, b"p") + frame(1, b"after pong")], echo=["after pong"], close=None),
    16: dict(name="fragments with a ping between: one echo", chops=[frame(1, "订".encode()[:2], fin=False) + frame(9, b"hi")
                                                                 + frame(0, "订".encode()[2:] + "单".encode())], echo=["订单"], close=None),
    17: dict(name="a text frame dripped one byte at a time: echoed whole",
             chops=[bytes([b]) for b in frame(1, "慢慢来".encode())], pause=0.02, echo=["慢慢来"], close=None),
    18: dict(name="close 1000 after a text: echo, then close 1000 back", chops=[frame(1, b"bye") + frame(8, (1000).to_bytes(2, "big"))],
             echo=["bye"], close=1000),
}


def log(**event):
    print(json.dumps(event, ensure_ascii=False), flush=True)


async def play_protocol(ws, case, agent):
    spec = PROTOCOL_CASES[case]
    echoes = []

    async def collect():
        try:
            async for m in ws:
                echoes.append(m)
        except Exception:  # noqa: BLE001 - the client may fail the connection; that is the point
            pass

    reader = asyncio.create_task(collect())
    strict = True
    for i, chop in enumerate(spec["chops"]):
        if i > 0:
            try:
                await asyncio.wait_for(asyncio.shield(reader), spec.get("pause", 0.05))
            except asyncio.TimeoutError:
                pass
            if reader.done():
                break
            if spec.get("fail_after_chop") is not None and i > spec["fail_after_chop"]:
                strict = False
        ws.transport.write(chop)
    if spec["close"] is None:
        await asyncio.sleep(0.5)
        await ws.close(1000)
    try:
        await asyncio.wait_for(reader, 5)
    except asyncio.TimeoutError:
        reader.cancel()
    rcvd = ws.protocol.close_rcvd
    code = rcvd.code if rcvd is not None else None
    want_code = spec["close"] if spec["close"] is not None else 1000
    ok = echoes == spec["echo"] and code == want_code
    if spec["close"] is not None and spec.get("fail_after_chop") is not None and not reader.done():
        strict = False
    detail = "" if ok and strict else f"echoed {echoes!r}, closed {code}, wanted {spec['echo']!r} and {want_code}"
    log(event="case", case=case, agent=agent, ok=ok, strict=ok and strict, name=spec["name"], detail=detail)


async def play(ws, case, agent):
    if case in PROTOCOL_CASES:
        return await play_protocol(ws, case, agent)
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
    log(event="case", case=case, agent=agent, ok=ok, strict=ok,
        detail="" if ok else f"echo differs (type {type(echo).__name__}, {len(echo)} long)")


async def handler(ws):
    parts = urlsplit(ws.request.path)
    query = parse_qs(parts.query)
    agent = query.get("agent", [""])[0]
    if parts.path == "/getCaseCount":
        log(event="count")
        await ws.send(str(len(CASES) + len(PROTOCOL_CASES)))
    elif parts.path == "/runCase":
        await play(ws, int(query.get("case", ["0"])[0]), agent)
        if int(query.get("case", ["0"])[0]) in PROTOCOL_CASES:
            return
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
