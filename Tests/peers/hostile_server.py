#!/usr/bin/env python3
"""Misbehaving WebSocket server for skydash integration tests.

Speaks raw HTTP/RFC 6455 over asyncio streams so it can break every rule on
purpose.  Usage:

    hostile_server.py [--port N] [--mode MODE] [--close-code N]
                      [--read-timeout S] [--hold S] [--no-close-reply]

Without --mode, the mode is taken from the request path's last segment
(`ws://127.0.0.1:P/rsv` -> rsv), so one process can serve several modes.

Once listening on 127.0.0.1 it prints `PORT <n>` and then one JSON object per
line on stdout (flushed).  See Tests/peers/README.md for modes and events.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import http
import itertools
import json
import signal
import sys
from urllib.parse import urlsplit

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
OP_CONT, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA
MAX_REQUEST = 64 * 1024
MAX_CLIENT_FRAME = 16 * 1024 * 1024   # larger client frames are not read, just reported
LOG_PAYLOAD = 4096                    # payload_hex holds at most this many bytes

STATUS_MODES = {"status200", "status404", "status403", "status429", "status503"}
FRAME_MODES = {
    "masked", "rsv", "badutf8", "badutf8frag", "hugelen", "oversize", "opcode3",
    "fragping", "bigping", "contnostart", "newdatainfrag", "closeonebyte",
    "closebadcode", "closebadutf8", "nonminimal", "close1000", "ping", "halfopen",
}
HANDSHAKE_MODES = {"badaccept", "noupgrade", "midhandshake", "redirect"}
# Where `redirect` points; its token must never be printed by the client.
REDIRECT_LOCATION = "wss://moved.example/ws/?token=R3dirS3cret"
ALL_MODES = sorted(STATUS_MODES | FRAME_MODES | HANDSHAKE_MODES) + ["statusNNN", "plainhttp (--mode only)"]

_conn_ids = itertools.count(1)


def emit(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


# -- frames ----------------------------------------------------------------

def build_frame(opcode: int, payload: bytes = b"", *, fin: bool = True, rsv: int = 0,
                mask: bytes | None = None, length: int | None = None,
                force64: bool = False) -> bytes:
    """Encode one frame.  `length` overrides the advertised payload length
    (the payload bytes given are still appended as-is)."""
    n = len(payload) if length is None else length
    first = (0x80 if fin else 0) | ((rsv & 0x7) << 4) | (opcode & 0xF)
    mbit = 0x80 if mask else 0
    if n < 126 and not force64:
        header = bytes([first, mbit | n])
    elif n < 1 << 16 and not force64:
        header = bytes([first, mbit | 126]) + n.to_bytes(2, "big")
    else:
        header = bytes([first, mbit | 127]) + n.to_bytes(8, "big")
    if mask:
        header += mask
        payload = apply_mask(payload, mask)
    return header + payload


def apply_mask(data: bytes, mask: bytes) -> bytes:
    if not data:
        return data
    reps = (len(data) + 3) // 4
    key = int.from_bytes((mask * reps)[:len(data)], "big")
    return (int.from_bytes(data, "big") ^ key).to_bytes(len(data), "big")


def close_payload(code: int, reason: bytes = b"") -> bytes:
    return code.to_bytes(2, "big") + reason


async def read_frame(reader: asyncio.StreamReader) -> dict:
    """Read one frame (7/16/64-bit lengths, masked or not).  Raises
    asyncio.IncompleteReadError on EOF."""
    b0, b1 = await reader.readexactly(2)
    fin, rsv, opcode = bool(b0 & 0x80), (b0 >> 4) & 0x7, b0 & 0xF
    masked, n = bool(b1 & 0x80), b1 & 0x7F
    if n == 126:
        n = int.from_bytes(await reader.readexactly(2), "big")
    elif n == 127:
        n = int.from_bytes(await reader.readexactly(8), "big")
    mask = await reader.readexactly(4) if masked else None
    frame = {"event": "frame", "opcode": opcode, "fin": fin, "masked": masked,
             "length": n}
    if rsv:
        frame["rsv"] = rsv
    if n > MAX_CLIENT_FRAME:
        frame["too_big"] = True
        return frame
    payload = await reader.readexactly(n)
    if mask:
        payload = apply_mask(payload, mask)
    frame["payload_hex"] = payload[:LOG_PAYLOAD].hex()
    if n > LOG_PAYLOAD:
        frame["truncated"] = True
    if opcode == OP_CLOSE:
        if len(payload) >= 2:
            frame["code"] = int.from_bytes(payload[:2], "big")
            frame["reason"] = payload[2:].decode("utf-8", "replace")
        else:
            frame["code"] = None
            frame["reason"] = ""
    elif opcode == OP_TEXT and fin:
        frame["text"] = payload[:LOG_PAYLOAD].decode("utf-8", "replace")
    frame["_payload"] = payload
    return frame


# -- handshake ---------------------------------------------------------------

def accept_for(key: str) -> str:
    return base64.b64encode(hashlib.sha1(key.encode() + GUID).digest()).decode()


def switching(accept: str, *, upgrade: bool = True, extra: tuple = ()) -> bytes:
    lines = ["HTTP/1.1 101 Switching Protocols"]
    if upgrade:
        lines.append("Upgrade: websocket")
    lines += ["Connection: Upgrade", f"Sec-WebSocket-Accept: {accept}", *extra, "", ""]
    return "\r\n".join(lines).encode()


def status_response(status: int) -> bytes:
    try:
        phrase = http.HTTPStatus(status).phrase
    except ValueError:
        phrase = "Unknown"
    body = f"{status} {phrase}: refused by hostile_server\n".encode()
    lines = [f"HTTP/1.1 {status} {phrase}", "Content-Type: text/plain; charset=utf-8",
             f"Content-Length: {len(body)}", "Connection: close"]
    if status in (429, 503):
        lines.append("Retry-After: 1")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def bad_frames(mode: str, close_code: int) -> bytes:
    if mode == "masked":
        return build_frame(OP_TEXT, b"hi", mask=b"\x37\xfa\x21\x3d")
    if mode == "rsv":
        return build_frame(OP_TEXT, b"hi", rsv=0x4)  # RSV1
    if mode == "badutf8":
        return build_frame(OP_TEXT, b"\xce\xba\xe1\xbd\xb9\xcf\x83\xce\xbc\xce\xb5\xed\xa0\x80")
    if mode == "badutf8frag":
        return (build_frame(OP_TEXT, "订单".encode(), fin=False)
                + build_frame(OP_CONT, b"ok\xff", fin=True))
    if mode == "hugelen":
        return bytes([0x81, 127]) + (1 << 63).to_bytes(8, "big")
    if mode == "oversize":
        return build_frame(OP_TEXT, b"a" * 65536, length=64 * 1024 * 1024)
    if mode == "opcode3":
        return build_frame(0x3, b"x")
    if mode == "fragping":
        return build_frame(OP_PING, b"p", fin=False)
    if mode == "bigping":
        return build_frame(OP_PING, b"p" * 126)
    if mode == "contnostart":
        return build_frame(OP_CONT, b"x", fin=True)
    if mode == "newdatainfrag":
        return build_frame(OP_TEXT, b"ab", fin=False) + build_frame(OP_TEXT, b"cd")
    if mode == "closeonebyte":
        return build_frame(OP_CLOSE, b"\x03")
    if mode == "closebadcode":
        return build_frame(OP_CLOSE, close_payload(close_code))
    if mode == "closebadutf8":
        return build_frame(OP_CLOSE, close_payload(1000, b"\xff\xfe"))
    if mode == "nonminimal":
        return build_frame(OP_TEXT, b"hi", force64=True)
    if mode == "close1000":
        return build_frame(OP_CLOSE, close_payload(1000, b"bye"))
    if mode == "ping":
        return build_frame(OP_PING, b"abc")
    if mode == "halfopen":
        return build_frame(OP_TEXT, b"hello")
    raise ValueError(mode)


# -- connection handling -------------------------------------------------------

class Hostile:
    def __init__(self, args):
        self.args = args
        self.tasks: set[asyncio.Task] = set()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        task = asyncio.current_task()
        self.tasks.add(task)
        conn = next(_conn_ids)
        try:
            await self.serve_one(conn, reader, writer)
        except asyncio.CancelledError:
            pass
        except (ConnectionError, OSError) as exc:
            emit({"event": "eof", "reset": True, "error": str(exc), "conn": conn})
        finally:
            if self.args.abort:
                writer.transport.abort()
            else:
                writer.close()
            emit({"event": "done", "conn": conn})
            self.tasks.discard(task)

    async def serve_one(self, conn, reader, writer):
        if self.args.mode == "plainhttp":
            # A wss:// client's TLS hello answered in plain HTTP (a captive portal, a proxy's
            # plain port): the client's TLS layer sees garbage instead of a ServerHello.
            hello = await asyncio.wait_for(reader.read(4096), 10)
            writer.write(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            await writer.drain()
            emit({"event": "sent", "mode": "plainhttp", "tls_hello": hello[:1] == b"\x16", "conn": conn})
            return
        try:
            raw = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, asyncio.TimeoutError):
            emit({"event": "bad_request", "conn": conn})
            return
        lines = raw.decode("latin-1").split("\r\n")[:-2]
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        target = lines[0].split(" ")[1] if len(lines[0].split(" ")) > 1 else "/"
        path = urlsplit(target).path
        mode = self.args.mode or path.rstrip("/").rsplit("/", 1)[-1]
        emit({"event": "request", "lines": lines, "path": target, "mode": mode,
              "headers": headers, "conn": conn})
        key = headers.get("sec-websocket-key", "")

        if mode.startswith("status") and mode[6:].isdigit():
            writer.write(status_response(int(mode[6:])))
            await writer.drain()
            emit({"event": "sent", "mode": mode, "conn": conn})
            return
        if mode == "redirect":
            location = REDIRECT_LOCATION
            writer.write(("HTTP/1.1 302 Found\r\nLocation: " + location
                          + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").encode())
            await writer.drain()
            emit({"event": "sent", "mode": mode, "location": location, "conn": conn})
            return
        if mode == "midhandshake":
            writer.write(b"HTTP/1.1 101 Switching Pro")
            await writer.drain()
            emit({"event": "sent", "mode": mode, "conn": conn})
            return
        if mode == "badaccept":
            writer.write(switching(accept_for(key + "x")))
        elif mode == "noupgrade":
            writer.write(switching(accept_for(key), upgrade=False))
        elif mode == "subprotocol":
            writer.write(switching(accept_for(key), extra=("Sec-WebSocket-Protocol: chat",)))
        elif mode == "extension2":
            writer.write(switching(accept_for(key), extra=("Sec-WebSocket-Extensions:", "Sec-WebSocket-Extensions: permessage-deflate")))
        elif mode in FRAME_MODES:
            writer.write(switching(accept_for(key)) + bad_frames(mode, self.args.close_code))
        else:
            writer.write(status_response(400))
            await writer.drain()
            emit({"event": "unknown_mode", "mode": mode, "conn": conn})
            return
        await writer.drain()
        emit({"event": "sent", "mode": mode, "conn": conn})

        if mode == "halfopen":
            # Neither read nor write; the client's TCP stays connected but
            # nothing it sends (pings, close) ever gets an answer.
            await asyncio.sleep(self.args.hold)
            emit({"event": "hold_over", "conn": conn})
            return

        we_sent_close = mode in ("closeonebyte", "closebadcode", "closebadutf8", "close1000")
        await self.read_client(conn, reader, writer, we_sent_close)

    async def read_client(self, conn, reader, writer, we_sent_close: bool):
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.args.read_timeout
        handshake_done = False
        while True:
            remaining = deadline - loop.time()
            try:
                if remaining <= 0:
                    raise asyncio.TimeoutError
                frame = await asyncio.wait_for(read_frame(reader), remaining)
            except asyncio.TimeoutError:
                emit({"event": "timeout", "after_close": handshake_done, "conn": conn})
                return
            except asyncio.IncompleteReadError as exc:
                event = {"event": "eof", "reset": False, "conn": conn}
                if exc.partial:
                    event["partial_bytes"] = len(exc.partial)
                emit(event)
                return
            payload = frame.pop("_payload", b"")
            frame["conn"] = conn
            emit(frame)
            if frame.get("too_big"):
                return
            if frame["opcode"] == OP_PING and self.args.pong and not we_sent_close:
                writer.write(build_frame(OP_PONG, payload[:125]))
                await writer.drain()
            if frame["opcode"] == OP_CLOSE:
                if not we_sent_close and self.args.close_reply:
                    writer.write(build_frame(OP_CLOSE, payload[:2]))
                    await writer.drain()
                    emit({"event": "close_replied", "conn": conn})
                    we_sent_close = True
                # Closing handshake done: give the client a moment to drop TCP,
                # then close it ourselves (the server closes first, RFC 6455 7.1.1).
                handshake_done = True
                deadline = min(deadline, loop.time() + self.args.linger)


async def main() -> int:
    ap = argparse.ArgumentParser(description="misbehaving WebSocket server")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--mode", default=None,
                    help="one of: " + ", ".join(ALL_MODES) +
                         " (default: last segment of the request path)")
    ap.add_argument("--close-code", type=int, default=1005,
                    help="code sent by mode closebadcode (default 1005)")
    ap.add_argument("--read-timeout", type=float, default=10.0,
                    help="seconds to keep reading client frames after misbehaving")
    ap.add_argument("--hold", type=float, default=120.0,
                    help="seconds mode halfopen keeps the silent connection")
    ap.add_argument("--no-close-reply", dest="close_reply", action="store_false",
                    help="do not answer the client's close frame")
    ap.add_argument("--linger", type=float, default=0.5,
                    help="seconds to wait for the client's TCP close after a close "
                         "frame from the client, before closing TCP ourselves")
    ap.add_argument("--no-pong", dest="pong", action="store_false",
                    help="do not answer the client's pings (halfopen never answers)")
    ap.add_argument("--abort", action="store_true",
                    help="end connections with TCP RST instead of FIN")
    args = ap.parse_args()
    args.read_timeout = max(0.0, min(args.read_timeout, 600.0))
    args.hold = max(0.0, min(args.hold, 600.0))

    hostile = Hostile(args)
    loop = asyncio.get_running_loop()
    stop = loop.create_future()
    # A test runner may start us with these signals blocked (inherited mask): unblock them.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT, signal.SIGHUP})
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))

    server = await asyncio.start_server(hostile.handle, "127.0.0.1", args.port,
                                        reuse_address=True, limit=MAX_REQUEST)
    port = server.sockets[0].getsockname()[1]
    sys.stdout.write(f"PORT {port}\n")
    sys.stdout.flush()

    await stop
    server.close()
    for task in list(hostile.tasks):
        task.cancel()
    if hostile.tasks:
        await asyncio.wait(list(hostile.tasks), timeout=2)
    return 0


if __name__ == "__main__":
    sys.stdout.reconfigure(encoding="utf-8")
    try:
        sys.exit(asyncio.run(main()))
    except KeyboardInterrupt:
        sys.exit(0)
