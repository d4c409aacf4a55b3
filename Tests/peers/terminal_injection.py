#!/usr/bin/env python3
"""Terminal-injection proof for skydash: hostile text everywhere, read back through the `pyte`
terminal emulator.

    terminal_injection.py --skydash BIN [--only SCENARIO]

Serves a hostile backend on 127.0.0.1 (a WebSocket server with the `websockets` package and an admin
REST API with http.server, free ports), writes a hostile journal, and runs the real binary:

  dashboard-live     `connect` in a pty (TERM=xterm-256color, NO_COLOR=1, --no-bell) with --user, so
                     orders come from WebSocket messages and the REST API; keys `o` (detail pane)
                     and `v` (messages view) are pressed and each screen is checked
  dashboard-replay   `replay --instant` of the hostile journal in a pty, same checks
  headless-live      `connect --headless --format text` against the same backend
  headless-replay    `replay --headless --format text --instant` of the journal

Every class of control sequence (CLASSES below) is put into order content, order ids, raw (broken
JSON) and plain messages, the close reason, and the REST fields (consignee, address, remark, dish
names, flavours, order number, user name, phone, reasons), and into the journal's records. Each
payload sits between two markers, `<Kn` and `Kn>`. Checks, per screen or output:

  bytes     the output holds no OSC, DCS, SOS, PM, APC, RIS, DECALN (ESC #), no C1 control
            (U+0080-U+009F), no bidi control, no BEL (the bell is off), no terminal query
            (CSI 6n, CSI 21t); headless output also no control but LF at all
  title     pyte's window title and icon name stay empty (OSC 0/1/2 did nothing)
  colours   every cell has the terminal's default colours (NO_COLOR: the theme uses none)
  cells     wherever a closing marker `Kn>` shows, its opening `<Kn` is on the same row and
            before it (no cursor move, CR, BS, line break or clear took effect between them);
            row 0 is still the header; headless: pyte's rows are exactly the printed lines
  cursor    the dashboard's cursor stays hidden (CSI ?25h did nothing)
  clipboard no OSC 52 reached the terminal (bytes check; pyte has no clipboard)

  control            the same texts printed raw (`cat`): the checks above must fail (title,
                     colours, cells, OSC, C1, bidi, BEL, DCS, APC, PM), so they can fail at all

Prints one JSON object per scenario: {"scenario":…,"ok":true|false,"checks":N,"failures":[…],
"markers":N} (markers: how many marker pairs were seen whole), then exits 0 when all are ok.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pyte
from websockets.asyncio.server import serve

CLASSES = {
    "csi": "\x1b[2J\x1b[H\x1b[31;41m\x1b[38;5;196m\x1b[10;10H\x1b[?25h\x1b[?1049l\x1b[K",
    "osc0": "\x1b]0;PWNED-TITLE\x07",
    "osc2": "\x1b]2;PWNED-TITLE2\x1b\\",
    "osc1": "\x1b]1;PWNED-ICON\x07",
    "osc52": "\x1b]52;c;UFdORUQ=\x07",
    "osc8": "\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\",
    "dcs": "\x1bP+q544e\x1b\\",
    "apc": "\x1b_APCDATA\x1b\\",
    "pm": "\x1b^PMDATA\x1b\\",
    "sos": "\x1bXSOSDATA\x1b\\",
    "c1": "\u009b2J\u009d0;C1TITLE\u009c\u0090q\u009c\u0085\u008d\u009e\u009f",
    "bidi": "\u202eRTL\u202c\u2066iso\u2069\u200f\u061c\u2028\u2029",
    "nul": "a\x00b",
    "bel": "\x07\x07\x07",
    "bs": "\x08\x08\x08\x08XX",
    "cr": "\rCR",
    "lf": "\nLF\r\n",
    "ris": "\x1bc",
    "decaln": "\x1b#8",
    "query": "\x1b[6n\x1b[21t\x1b[c",
    "combining": "e" + "\u0301" * 300,
}
NAMES = list(CLASSES)


def marked(i: int, payload: str) -> str:
    return f"<K{i}{payload}K{i}>"


def payload(i: int) -> str:
    return marked(i, CLASSES[NAMES[i % len(NAMES)]])


BASE_ID = 7000


def hostile_order(i: int, status: int = 2) -> dict:
    p = payload(i)
    return {
        "id": BASE_ID + i, "number": "N" + p, "status": status, "userId": 7, "addressBookId": 3,
        "orderTime": "2026-11-30 11:00", "checkoutTime": "2026-11-30 11:01", "payMethod": 1, "payStatus": 1,
        "amount": 38.00, "remark": "R" + p, "userName": "U" + p, "phone": "P" + p, "address": "A" + p,
        "consignee": "C" + p, "cancelReason": "X" + p, "rejectionReason": None, "cancelTime": None,
        "estimatedDeliveryTime": "2026-11-30 12:00", "deliveryStatus": 1, "deliveryTime": None,
        "packAmount": 2, "tablewareNumber": 1, "tablewareStatus": 1, "orderDishes": "D" + p + "*1;",
        "orderDetailList": [{"id": i, "name": "D" + p, "orderId": BASE_ID + i, "dishId": 1, "setmealId": None,
                             "dishFlavor": "F" + p, "number": 1, "amount": 36.00, "image": ""}],
    }


def ws_messages() -> list[str]:
    out = []
    for i in range(len(NAMES)):
        out.append(json.dumps({"type": 1, "orderId": BASE_ID + i, "content": payload(i)}, ensure_ascii=False))
    for i in range(len(NAMES)):
        out.append(json.dumps({"type": 2, "orderId": payload(i), "content": "id"}, ensure_ascii=False))
        out.append('{"type":1,"orderId":' + payload(i))          # raw: broken JSON
        out.append("plain " + payload(i))
    return out


CLOSE_REASON = "<K99\x1b]0;T\x07\x1b[2J\u202e\u009b2J\x00\rK99>"


# ---------------------------------------------------------------------------------------------
# The hostile backend

class Api(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, data=None, code=1, msg=None):
        body = json.dumps({"code": code, "msg": msg, "data": data}, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.route()

    def do_POST(self):
        self.route()

    def do_PUT(self):
        self.route()

    def route(self):
        n = int(self.headers.get("Content-Length") or 0)
        if n:
            self.rfile.read(n)
        path = urlsplit(self.path).path
        if path == "/admin/employee/login":
            return self.reply({"id": 1, "userName": "admin", "name": "管" + payload(1), "token": "t0ken"})
        if path == "/admin/order/conditionSearch":
            records = [hostile_order(i) for i in range(len(NAMES))]
            return self.reply({"total": len(records), "records": records})
        m = re.fullmatch(r"/admin/order/details/(\d+)", path)
        if m:
            i = int(m.group(1)) - BASE_ID
            if 0 <= i < len(NAMES):
                return self.reply(hostile_order(i))
            return self.reply(code=0, msg="订单不存在" + payload(2))
        if path == "/admin/order/statistics":
            return self.reply({"toBeConfirmed": len(NAMES), "confirmed": 0, "deliveryInProgress": 0})
        if path == "/admin/shop/status":
            return self.reply(1)
        if path == "/admin/workspace/businessData":
            return self.reply({"turnover": 1, "validOrderCount": 1, "orderCompletionRate": 1, "unitPrice": 1, "newUsers": 0})
        return self.reply(code=0, msg="refused " + payload(3))


def start_backend() -> tuple[int, int]:
    http = ThreadingHTTPServer(("127.0.0.1", 0), Api)
    http.daemon_threads = True
    threading.Thread(target=http.serve_forever, daemon=True).start()

    ready = threading.Event()
    port = [0]
    first = [True]

    async def handler(ws):
        for text in ws_messages():
            await ws.send(text)
        if first[0]:
            first[0] = False
            await asyncio.sleep(0.5)
            await ws.close(4000, CLOSE_REASON)
            return
        await ws.wait_closed()

    async def main():
        async with serve(handler, "127.0.0.1", 0, max_size=None) as server:
            port[0] = server.sockets[0].getsockname()[1]
            ready.set()
            await asyncio.Future()

    threading.Thread(target=lambda: asyncio.run(main()), daemon=True).start()
    ready.wait(10)
    return port[0], http.server_address[1]


def write_journal(path: str) -> None:
    lines = []
    t = 0

    def at():
        nonlocal t
        t += 1
        return "2026-11-30T11:%02d:%02d.000+08:00" % (t // 60, t % 60)

    lines.append(json.dumps({"at": at(), "event": "open", "url": "ws://127.0.0.1:1/ws/" + payload(4)}, ensure_ascii=False))
    for text in ws_messages():
        lines.append(json.dumps({"at": at(), "text": text}, ensure_ascii=False))
    for i in range(len(NAMES)):
        lines.append(json.dumps({"at": at(), "event": "details", "orderId": BASE_ID + i, "order": hostile_order(i)}, ensure_ascii=False))
        lines.append(json.dumps({"at": at(), "event": "sent", "text": payload(i)}, ensure_ascii=False))
        lines.append(json.dumps({"at": at(), "event": "action", "orderId": BASE_ID + i, "action": "reject",
                                 "reason": payload(i), "outcome": "refused", "message": payload(i)}, ensure_ascii=False))
    lines.append(json.dumps({"at": at(), "event": "close", "code": 4000, "reason": CLOSE_REASON, "by": "server"}, ensure_ascii=False))
    lines.append("not json " + payload(5))      # a bad line: its error is shown
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


# ---------------------------------------------------------------------------------------------
# Checks

BIDI = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C}
FORBIDDEN_SEQUENCES = {
    "OSC": b"\x1b]", "DCS": b"\x1bP", "SOS": b"\x1bX", "PM": b"\x1b^", "APC": b"\x1b_", "RIS": b"\x1bc",
    "DECALN": b"\x1b#", "DSR query": b"\x1b[6n", "title report": b"\x1b[21t", "DA query": b"\x1b[c",
}


class Result:
    def __init__(self, scenario: str):
        self.scenario = scenario
        self.checks = 0
        self.failures: list[str] = []
        self.markers = 0

    def check(self, ok: bool, what: str) -> None:
        self.checks += 1
        if not ok and len(self.failures) < 40:
            self.failures.append(what)

    def emit(self) -> bool:
        print(json.dumps({"scenario": self.scenario, "ok": not self.failures, "checks": self.checks,
                          "markers": self.markers, "failures": self.failures}, ensure_ascii=False), flush=True)
        return not self.failures


def check_bytes(r: Result, data: bytes, headless: bool) -> None:
    for name, seq in FORBIDDEN_SEQUENCES.items():
        r.check(seq not in data, f"output holds {name} ({seq!r})")
    r.check(b"\x07" not in data, "output holds BEL with the bell off")
    text = data.decode("utf-8", errors="replace")
    c1 = sorted({hex(ord(c)) for c in text if 0x80 <= ord(c) <= 0x9F})
    r.check(not c1, f"output holds C1 controls {c1}")
    bidi = sorted({hex(ord(c)) for c in text if ord(c) in BIDI})
    r.check(not bidi, f"output holds bidi controls {bidi}")
    if headless:
        ctl = sorted({hex(ord(c)) for c in text if (ord(c) < 0x20 and c != "\n") or ord(c) == 0x7F or ord(c) in (0x2028, 0x2029)})
        r.check(not ctl, f"headless output holds controls {ctl}")


def check_screen(r: Result, screen: pyte.Screen, label: str, dashboard: bool) -> None:
    r.check(screen.title == "", f"{label}: window title changed to {screen.title!r}")
    r.check(screen.icon_name == "", f"{label}: icon name changed to {screen.icon_name!r}")
    coloured = set()
    for y in range(screen.lines):
        row = screen.buffer[y]
        for x in range(screen.columns):
            c = row[x]
            if c.fg != "default" or c.bg != "default":
                coloured.add((y, c.fg, c.bg))
    r.check(not coloured, f"{label}: cells with colours {sorted(coloured)[:5]}")
    lines = screen.display
    for y, line in enumerate(lines):
        for m in re.finditer(r"K(\d+)>", line):
            k = m.group(1)
            opening = line.rfind(f"<K{k}", 0, m.start())
            r.check(opening >= 0, f"{label}: row {y}: 'K{k}>' without '<K{k}' before it: {line.rstrip()!r}")
            if opening >= 0:
                r.markers += 1
    if dashboard:
        r.check(lines[0].startswith(" skydash"), f"{label}: row 0 is not the header: {lines[0].rstrip()!r}")
        r.check(screen.cursor.hidden, f"{label}: the cursor is visible at {screen.cursor.y},{screen.cursor.x}")


# ---------------------------------------------------------------------------------------------
# Running the binary

def child_env(tmp: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k not in ("TMUX", "NO_COLOR")}
    env.update({"LANG": "C.UTF-8", "TERM": "xterm-256color", "NO_COLOR": "1", "SKYDASH_PASSWORD": "123456",
                "XDG_STATE_HOME": os.path.join(tmp, "state"), "XDG_CONFIG_HOME": os.path.join(tmp, "config")})
    return env


class PtyRun:
    """The binary on a pty whose output feeds a pyte screen (and is kept as bytes)."""

    def __init__(self, argv: list[str], env: dict, cols: int, rows: int):
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.data = bytearray()
        self.lock = threading.Lock()
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
                                     start_new_session=True)
        os.close(slave)
        self.master = master
        self.done = False
        threading.Thread(target=self.pump, daemon=True).start()

    def pump(self):
        while True:
            try:
                ready, _, _ = select.select([self.master], [], [], 0.2)
                if not ready:
                    if self.proc.poll() is not None:
                        break
                    continue
                chunk = os.read(self.master, 65536)
            except OSError:
                break
            if not chunk:
                break
            with self.lock:
                self.data += chunk
                self.stream.feed(chunk)
        self.done = True

    def wait_for(self, text: str, timeout: float) -> bool:
        end = time.time() + timeout
        while time.time() < end:
            with self.lock:
                if any(text in line for line in self.screen.display):
                    return True
            time.sleep(0.1)
        return False

    def key(self, k: str, settle: float = 1.0) -> None:
        os.write(self.master, k.encode())
        time.sleep(settle)

    def snapshot(self):
        with self.lock:
            return self.screen

    def quit(self) -> int | None:
        try:
            os.write(self.master, b"q")
            self.proc.wait(10)
        except (OSError, subprocess.TimeoutExpired):
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(5)
        time.sleep(0.3)
        return self.proc.returncode


def run_dashboard(name: str, argv: list[str], env: dict, wait_text: str, settle: float) -> bool:
    r = Result(name)
    run = PtyRun(argv, env, cols=220, rows=60)
    try:
        r.check(run.wait_for(wait_text, 20), f"the dashboard never showed {wait_text!r}")
        time.sleep(settle)
        with run.lock:
            check_screen(r, run.screen, "order list", True)
        run.key("o")
        with run.lock:
            check_screen(r, run.screen, "detail pane", True)
            shown = "\n".join(run.screen.display)
        r.check("C<K" in shown or "<K" in shown, "the detail pane shows no hostile field")
        run.key("o", 0.3)
        run.key("v")
        with run.lock:
            check_screen(r, run.screen, "messages view", True)
    finally:
        code = run.quit()
    r.check(code == 0, f"exit status {code}")
    check_bytes(r, bytes(run.data), headless=False)
    return r.emit()


def run_headless(name: str, argv: list[str], env: dict, duration: float) -> bool:
    r = Result(name)
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=duration)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=10)
    data = out + err
    check_bytes(r, data, headless=True)
    text = data.decode("utf-8", errors="replace")
    lines = text.split("\n")
    r.check(len(lines) > len(NAMES), f"only {len(lines)} lines of output")
    screen = pyte.Screen(4000, len(lines) + 1)
    screen.set_mode(pyte.modes.LNM)          # LF as CR LF, as a tty's ONLCR would do
    pyte.ByteStream(screen).feed(data)
    check_screen(r, screen, "headless", False)
    shown = [line.rstrip() for line in screen.display[:len(lines)]]
    for y, line in enumerate(lines):
        if len(line) < 4000 and y < len(shown):
            want = unicodedata.normalize("NFC", line.rstrip())   # pyte composes combining marks
            r.check(shown[y] == want, f"row {y} on the terminal is not the printed line: {shown[y]!r} vs {line!r}")
    r.check(r.markers >= len(NAMES), f"only {r.markers} marker pairs seen whole")
    return r.emit()


def run_control(tmp: str) -> bool:
    """The checks themselves can fail: the same hostile texts printed raw (`cat`) must trip the
    title, colour, cell, OSC/OSC 52, C1 and bidi checks."""
    raw = os.path.join(tmp, "raw.txt")
    with open(raw, "w", encoding="utf-8") as f:
        # RIS would reset the title and colours it must see changed; the messages' JSON escapes ESC.
        f.write("\n".join("plain " + payload(i) for i in range(len(NAMES)) if NAMES[i] != "ris") + "\n")
    probe = Result("control")
    proc = subprocess.run(["cat", raw], capture_output=True)
    check_bytes(probe, proc.stdout, headless=True)
    screen = pyte.Screen(400, 200)
    screen.set_mode(pyte.modes.LNM)
    pyte.ByteStream(screen).feed(proc.stdout)
    check_screen(probe, screen, "raw", False)
    r = Result("control (raw text trips the checks)")
    for what in ("window title changed", "icon name changed", "cells with colours", "without '<K",
                 "holds OSC", "holds C1", "holds bidi", "holds BEL", "holds DCS", "holds APC", "holds PM"):
        r.check(any(what in f for f in probe.failures), f"raw hostile text did not trip '{what}'")
    return r.emit()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--skydash", required=True)
    ap.add_argument("--only")
    args = ap.parse_args()
    ws_port, api_port = start_backend()
    tmp = tempfile.mkdtemp(prefix="skydash-inject-")
    env = child_env(tmp)
    journal = os.path.join(tmp, "hostile.jsonl")
    write_journal(journal)
    live = [args.skydash, "connect", f"ws://127.0.0.1:{ws_port}/ws/", "--no-journal", "--user", "admin",
            "--api", f"http://127.0.0.1:{api_port}/admin", "--backoff-initial", "0.2", "--backoff-max", "0.5"]
    scenarios = {
        "dashboard-live": lambda: run_dashboard("dashboard-live", live + ["--no-bell"], env, "<K", 4.0),
        "dashboard-replay": lambda: run_dashboard("dashboard-replay", [args.skydash, "replay", journal, "--instant", "--no-bell"],
                                                  env, "<K", 2.0),
        "headless-live": lambda: run_headless("headless-live", live + ["--headless", "--format", "text"], env, 4.0),
        "headless-replay": lambda: run_headless("headless-replay", [args.skydash, "replay", journal, "--instant", "--headless",
                                                                    "--format", "text"], env, 20.0),
    }
    scenarios["control"] = lambda: run_control(tmp)
    ok = True
    for name, run in scenarios.items():
        if args.only and name != args.only:
            continue
        ok = run() and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
