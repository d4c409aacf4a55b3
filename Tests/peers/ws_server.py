#!/usr/bin/env python3
"""Controllable WebSocket peer for skydash integration tests.

Built on the `websockets` package (modern asyncio API), which serves as an
independent, well-behaved implementation of RFC 6455.

Usage:
    ws_server.py [--port N] [--script FILE] [--reject-status N]

Once listening on 127.0.0.1 it prints `PORT <n>` and then one JSON object per
line on stdout (flushed).  Behaviour is chosen by the request path; see
Tests/peers/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import logging
import signal
import sys
from urllib.parse import parse_qs, unquote, urlsplit

from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

CJK_MESSAGE = '{"type":1,"orderId":1001,"content":"订单号: 1764126000001 🍜"}'
FRAGMENTS = ["订单", "号: ", "1001 🍜"]
# Same text, cut every 4 bytes so UTF-8 sequences straddle frame boundaries.
SPLIT_TEXT = "订单号: 1001 🍜"
SPLIT_EVERY = 4
DEFAULT_BIG = 1 << 20
MAX_BIG = 256 << 20
PONG_TIMEOUT = 10.0
SCRIPT_INTERVAL = 0.05

_conn_ids = itertools.count(1)


def emit(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def headers_dict(headers) -> dict:
    out: dict[str, str] = {}
    for name, value in headers.raw_items():
        key = name.lower()
        out[key] = f"{out[key]}, {value}" if key in out else value
    return out


def split_path(path: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(path)
    query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    return parts.path, query


async def send_fragments(ws: ServerConnection, chunks: list[bytes]) -> None:
    """Send one text message as exactly len(chunks) frames: the first a Text
    frame, the rest Continuation frames, FIN only on the last one.  Chunks are
    raw bytes, so a UTF-8 sequence may be split across frames."""
    if len(chunks) == 1:
        await ws.send(chunks[0], text=True)
        return
    for i, chunk in enumerate(chunks):
        last = i == len(chunks) - 1
        async with ws.send_context():
            if i == 0:
                ws.protocol.send_text(chunk, fin=False)
            else:
                ws.protocol.send_continuation(chunk, fin=last)


def clip_text(text: str, limit: int) -> tuple[str, bool]:
    return (text, False) if len(text) <= limit else (text[:limit], True)


class Peer:
    def __init__(self, script_lines: list[str], reject_status: int | None, log_limit: int):
        self.script_lines = script_lines
        self.reject_status = reject_status
        self.log_limit = log_limit

    # -- handshake hook ---------------------------------------------------
    def process_request(self, connection: ServerConnection, request):
        route, _ = split_path(request.path)
        status = self.reject_status
        if status is None and route.startswith("/reject/"):
            try:
                status = int(route[len("/reject/"):])
            except ValueError:
                status = 400
        if status is None:
            return None
        emit({"event": "rejected", "status": status, "path": request.path,
              "headers": headers_dict(request.headers)})
        return connection.respond(status, "refused\n")

    # -- connection handler -----------------------------------------------
    async def handler(self, ws: ServerConnection) -> None:
        conn = next(_conn_ids)
        path = ws.request.path
        emit({"event": "connect", "path": path,
              "headers": headers_dict(ws.request.headers), "conn": conn})
        route, query = split_path(path)
        try:
            if route.startswith("/close/"):
                await self.do_close(ws, route, query, conn)
            else:
                if route == "/cjk":
                    await ws.send(CJK_MESSAGE)
                elif route == "/big":
                    await self.do_big(ws, query)
                elif route == "/fragmented":
                    await send_fragments(ws, [f.encode() for f in FRAGMENTS])
                elif route == "/fragsplit":
                    raw = SPLIT_TEXT.encode()
                    await send_fragments(ws, [raw[i:i + SPLIT_EVERY]
                                              for i in range(0, len(raw), SPLIT_EVERY)])
                elif route == "/ping":
                    await self.do_ping(ws, conn)
                elif route == "/script":
                    await self.do_script(ws, query, conn)
                elif route == "/push":
                    await self.do_push(ws, query, conn)
                await self.echo(ws, conn)
        except ConnectionClosed:
            pass
        except Exception as exc:  # keep the peer alive, but tell the test
            emit({"event": "error", "message": f"{type(exc).__name__}: {exc}", "conn": conn})
        finally:
            # Make sure the close handshake (or connection loss) has completed so
            # that close_code reflects what the client sent (1006 if nothing).
            try:
                await asyncio.wait_for(ws.wait_closed(), 15)
            except asyncio.TimeoutError:
                ws.transport.abort()
                await ws.wait_closed()
            code = ws.close_code if ws.close_code is not None else 1006
            sent = ws.protocol.close_sent
            emit({"event": "closed", "code": code, "reason": ws.close_reason or "",
                  "path": path, "conn": conn,
                  "server_code": sent.code if sent is not None else None})

    async def echo(self, ws: ServerConnection, conn: int) -> None:
        async for message in ws:
            if isinstance(message, str):
                text, cut = clip_text(message, self.log_limit)
                event = {"event": "recv", "kind": "text", "text": text,
                         "length": len(message.encode("utf-8")), "conn": conn}
            else:
                cut = len(message) > self.log_limit
                event = {"event": "recv", "kind": "binary",
                         "hex": message[:self.log_limit].hex(),
                         "length": len(message), "conn": conn}
            if cut:
                event["truncated"] = True
            emit(event)
            await ws.send(message)

    async def do_close(self, ws, route, query, conn) -> None:
        code_text = route[len("/close/"):]
        reason = query.get("reason", "")
        try:
            code = int(code_text)
        except ValueError:
            emit({"event": "error", "message": f"bad close code {code_text!r}", "conn": conn})
            code = 1000
        try:
            await ws.close(code, reason)
        except Exception as exc:  # e.g. a code websockets refuses to send
            emit({"event": "error", "message": f"{type(exc).__name__}: {exc}", "conn": conn})
            await ws.close(1011, "bad close code requested")

    async def do_big(self, ws, query) -> None:
        n = int(query.get("bytes", DEFAULT_BIG))
        n = max(0, min(n, MAX_BIG))
        if query.get("cjk"):
            # "订" is 3 bytes in UTF-8; pad with 'a' to exactly n bytes.
            payload = ("订" * (n // 3) + "a" * (n % 3)).encode()
        else:
            payload = b"a" * n
        frag = int(query.get("frag", 0) or 0)
        if frag > 0 and n > frag:
            await send_fragments(ws, [payload[i:i + frag] for i in range(0, n, frag)])
        else:
            await ws.send(payload, text=True)

    async def do_ping(self, ws, conn) -> None:
        waiter = await ws.ping(b"hb")
        try:
            await asyncio.wait_for(waiter, PONG_TIMEOUT)
            emit({"event": "pong", "data": "hb", "conn": conn})
        except asyncio.TimeoutError:
            emit({"event": "pong_timeout", "conn": conn})

    async def do_script(self, ws, query, conn) -> None:
        interval = float(query.get("interval_ms", SCRIPT_INTERVAL * 1000)) / 1000
        interval = max(0.0, min(interval, 10.0))
        for i, line in enumerate(self.script_lines):
            if i:
                await asyncio.sleep(interval)
            await ws.send(line)
        emit({"event": "script_done", "count": len(self.script_lines), "conn": conn})


    async def do_push(self, ws, query, conn) -> None:
        """Pushes `count` new orders, one every `interval_ms`, timing each send as the backend's
        broadcast would feel it (a client that stops reading makes sends wait)."""
        count = max(0, min(int(query.get("count", 1000)), 1_000_000))
        interval = max(0.0, min(float(query.get("interval_ms", 5)) / 1000, 10.0))
        loop = asyncio.get_running_loop()
        worst = 0.0
        slow = 0
        started = loop.time()
        for i in range(count):
            target = started + i * interval
            delay = target - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            t0 = loop.time()
            await ws.send(json.dumps({"orderId": 100000 + i, "type": 1, "content": f"订单号: {1764126000000 + i}"},
                                     ensure_ascii=False, separators=(",", ":")))
            took = loop.time() - t0
            worst = max(worst, took)
            if took > 0.1:
                slow += 1
        emit({"event": "push_done", "count": count, "max_send_ms": round(worst * 1000, 3), "slow_sends": slow,
              "seconds": round(loop.time() - started, 3), "conn": conn})


async def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--script", help="file whose lines /script sends, one text message each")
    ap.add_argument("--reject-status", type=int, default=None,
                    help="refuse every handshake with this HTTP status")
    ap.add_argument("--max-size", type=int, default=None,
                    help="largest message accepted from the client; bigger ones are "
                         "closed with 1009 like the real backend (default: unlimited)")
    ap.add_argument("--log-limit", type=int, default=65536,
                    help="log at most this many characters/bytes of a received message")
    args = ap.parse_args()

    script_lines: list[str] = []
    if args.script:
        with open(args.script, encoding="utf-8") as f:
            script_lines = f.read().splitlines()

    peer = Peer(script_lines, args.reject_status, args.log_limit)
    loop = asyncio.get_running_loop()
    stop = loop.create_future()
    # A test runner may start us with these signals blocked (inherited mask): unblock them.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT, signal.SIGHUP})
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))

    server = await serve(
        peer.handler, "127.0.0.1", args.port,
        process_request=peer.process_request,
        ping_interval=None,
        max_size=args.max_size,
        max_queue=None,
        write_limit=1 << 20,
        close_timeout=5,
        compression=None,
        reuse_address=True,
    )
    port = server.sockets[0].getsockname()[1]
    sys.stdout.write(f"PORT {port}\n")
    sys.stdout.flush()

    await stop
    # Send 1001 to every client, give them 1 s to answer, then drop the rest.
    server.close(close_connections=True)
    try:
        await asyncio.wait_for(asyncio.shield(server.wait_closed()), 1)
    except asyncio.TimeoutError:
        for ws in list(server.all_connections):
            ws.transport.abort()
        try:
            await asyncio.wait_for(server.wait_closed(), 1)
        except asyncio.TimeoutError:
            pass
    return 0


if __name__ == "__main__":
    logging.basicConfig(level=logging.CRITICAL, stream=sys.stderr)
    sys.stdout.reconfigure(encoding="utf-8")
    try:
        sys.exit(asyncio.run(main()))
    except KeyboardInterrupt:
        sys.exit(0)
