#!/usr/bin/env python3
"""Stand-in for the take-out backend's admin REST API, for skydash integration tests.

Standard library only (http.server).  Usage:

    admin_stub.py [--port N] [--token-ttl S]

Listens on 127.0.0.1, prints `PORT <n>`, then one JSON object per request on stdout
(`{"event":"request","method":…,"path":…,"token":true|false}`), flushed.

The API lives under /admin as in Tests/../product.md "Admin REST API": login (admin / 123456,
HS256 JWT with empId and exp), 401 with an empty body for a missing, unknown, revoked or expired
token, the {"code","msg","data"} envelope, the status rules with 订单状态错误, and amounts written
as exact decimal tokens (38.00).

Faults, set with GET /control?…  (answers `ok`; logged as {"event":"control",…}). "The next N
API requests" never counts a login:
    revoke=1          revoke every token issued so far (the next request with one gets 401)
    revoke_next=1     the next API request revokes every token and gets 401 (a token revoked mid-session)
    status=500&count=N  the next N API requests answer that HTTP status (a JSON error body)
    slow=S&count=N    the next N API requests wait S seconds before answering
    malformed=1&count=N  the next N API requests answer 200 with broken JSON
    login=fail&msg=M  from now on every login is refused with code 0 and msg M (密码错误 by default)
    login=ok          logins work again
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

SECRET = b"admin-stub-secret"
LOCK = threading.Lock()


class Raw(str):
    """A JSON token written as is (amounts: 38.00 must stay 38.00)."""


def dump(v) -> str:
    if isinstance(v, Raw):
        return str(v)
    if isinstance(v, dict):
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + dump(x) for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ",".join(dump(x) for x in v) + "]"
    return json.dumps(v, ensure_ascii=False)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def order(oid, number, status, amount, dishes, **extra):
    o = {
        "id": oid, "number": number, "status": status, "userId": 7, "addressBookId": 3,
        "orderTime": "2026-11-30 11:%02d" % (oid % 60), "checkoutTime": "2026-11-30 11:%02d" % (oid % 60),
        "payMethod": 1, "payStatus": 1, "amount": Raw(amount), "remark": extra.get("remark", ""),
        "userName": "张三", "phone": "13800000000", "address": "北京市海淀区中关村1号", "consignee": "张先生",
        "cancelReason": extra.get("cancelReason"), "rejectionReason": extra.get("rejectionReason"),
        "cancelTime": None, "estimatedDeliveryTime": "2026-11-30 12:30", "deliveryStatus": 1, "deliveryTime": None,
        "packAmount": Raw(extra.get("packAmount", "2")), "tablewareNumber": 1, "tablewareStatus": 1,
        "orderDishes": "".join("%s*%d;" % (n, c) for n, _, c, _ in dishes),
    }
    o["_lines"] = [
        {"id": oid * 10 + i, "name": n, "orderId": oid, "dishId": i + 1, "setmealId": None, "dishFlavor": f,
         "number": c, "amount": Raw(a), "image": ""}
        for i, (n, f, c, a) in enumerate(dishes)
    ]
    return o


class State:
    def __init__(self, ttl: float):
        self.ttl = ttl
        self.shop = 1
        self.tokens: dict[str, float] = {}  # token -> exp
        self.revoked: set[str] = set()
        self.faults: list[tuple[str, object]] = []
        self.login_fail: str | None = None
        self.orders = [
            order(101, "1764500000101", 2, "38.00", [("宫保鸡丁", "微辣", 1, "32.00"), ("米饭", None, 2, "2.00")],
                  remark="不要辣\x1b[31m多放葱"),
            order(102, "1764500000102", 3, "56.50", [("水煮鱼", None, 1, "54.50")]),
            order(103, "1764500000103", 4, "21.00", [("酸辣土豆丝", None, 1, "19.00")]),
            order(104, "1764500000104", 5, "0.30", [("可乐", "去冰", 1, "0.30")], packAmount="0"),
            order(105, "1764500000105", 6, "99.99", [("北京烤鸭", None, 1, "97.99")], cancelReason="客户电话取消"),
        ]


def emit(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state: State

    def log_message(self, *args):  # keep stderr quiet
        pass

    def send(self, status: int, body: bytes = b"", content_type: str = "application/json") -> None:
        self.send_response(status)
        if body or status != 401:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def envelope(self, data=None, code=1, msg=None) -> None:
        self.send(200, dump({"code": code, "msg": msg, "data": data}).encode())

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PUT(self):
        self.handle_any("PUT")

    def handle_any(self, method: str) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if url.path == "/control":
            self.control(parse_qs(url.query))
            return
        st = self.state
        token = self.headers.get("token")
        emit({"event": "request", "method": method, "path": url.path, "query": url.query, "token": token is not None})
        fault = None
        with LOCK:
            if st.faults and url.path != "/admin/employee/login":
                fault = st.faults.pop(0)
        if fault:
            kind, arg = fault
            if kind == "slow":
                time.sleep(arg)
            elif kind == "status":
                self.send(arg, b'{"timestamp":"2026-11-30T11:00:00","status":%d,"error":"Internal Server Error"}' % arg)
                return
            elif kind == "revoke":
                with LOCK:
                    st.revoked.update(st.tokens)
                self.send(401)
                return
            elif kind == "malformed":
                self.send(200, b'{"code":1,"msg":null,"data":{"total":')
                return
        if not url.path.startswith("/admin/"):
            self.send(404, b'{"status":404,"error":"Not Found"}')
            return
        path = url.path[len("/admin"):]
        if path == "/employee/login" and method == "POST":
            self.login(raw)
            return
        if not self.authorized(token):
            self.send(401)
            return
        self.route(method, path, parse_qs(url.query), raw)

    def control(self, q) -> None:
        st = self.state
        count = int(q.get("count", ["1"])[0])
        with LOCK:
            if "revoke" in q:
                st.revoked.update(st.tokens)
            if "status" in q:
                st.faults += [("status", int(q["status"][0]))] * count
            if "slow" in q:
                st.faults += [("slow", float(q["slow"][0]))] * count
            if "revoke_next" in q:
                st.faults += [("revoke", None)] * count
            if "malformed" in q:
                st.faults += [("malformed", None)] * count
            if q.get("login") == ["fail"]:
                st.login_fail = q.get("msg", ["密码错误"])[0]
            if q.get("login") == ["ok"]:
                st.login_fail = None
        emit({"event": "control", "query": {k: v[0] for k, v in q.items()}})
        self.send(200, b"ok", "text/plain")

    def login(self, raw: bytes) -> None:
        st = self.state
        try:
            body = json.loads(raw)
        except ValueError:
            self.send(400, b'{"status":400,"error":"Bad Request"}')
            return
        if st.login_fail:
            self.envelope(code=0, msg=st.login_fail)
            return
        if body.get("username") != "admin":
            self.envelope(code=0, msg="账号不存在")
            return
        if body.get("password") != "123456":
            self.envelope(code=0, msg="密码错误")
            return
        exp = time.time() + st.ttl
        header = b64url(b'{"alg":"HS256","typ":"JWT"}')
        payload = b64url(json.dumps({"empId": 1, "exp": int(exp), "n": len(st.tokens)}).encode())
        sig = b64url(hmac.new(SECRET, (header + "." + payload).encode(), hashlib.sha256).digest())
        token = header + "." + payload + "." + sig
        with LOCK:
            st.tokens[token] = exp
        emit({"event": "login", "ok": True})
        self.envelope({"id": 1, "userName": "admin", "name": "管理员", "token": token})

    def authorized(self, token: str | None) -> bool:
        st = self.state
        with LOCK:
            return token in st.tokens and token not in st.revoked and st.tokens[token] > time.time()

    def find(self, oid):
        return next((o for o in self.state.orders if o["id"] == oid), None)

    @staticmethod
    def public(o, details: bool):
        out = {k: v for k, v in o.items() if not k.startswith("_")}
        if details:
            out["orderDetailList"] = o["_lines"]
        return out

    def route(self, method: str, path: str, q, raw: bytes) -> None:
        st = self.state
        if method == "POST" and path == "/employee/logout":
            return self.envelope()
        if method == "GET" and path == "/order/conditionSearch":
            page = int(q.get("page", ["1"])[0])
            size = int(q.get("pageSize", ["10"])[0])
            found = [o for o in reversed(st.orders)
                     if "status" not in q or o["status"] == int(q["status"][0])]
            records = [self.public(o, False) for o in found[(page - 1) * size: page * size]]
            return self.envelope({"total": len(found), "records": records})
        m = re.fullmatch(r"/order/details/(\d+)", path)
        if method == "GET" and m:
            o = self.find(int(m.group(1)))
            return self.envelope(self.public(o, True)) if o else self.envelope(code=0, msg="订单不存在")
        if method == "GET" and path == "/order/statistics":
            count = lambda s: sum(1 for o in st.orders if o["status"] == s)
            return self.envelope({"toBeConfirmed": count(2), "confirmed": count(3), "deliveryInProgress": count(4)})
        if method == "GET" and path == "/shop/status":
            return self.envelope(st.shop)
        m = re.fullmatch(r"/shop/([01])", path)
        if method == "PUT" and m:
            st.shop = int(m.group(1))
            return self.envelope()
        if method == "GET" and path == "/workspace/businessData":
            return self.envelope({"turnover": Raw("215.79"), "validOrderCount": 4, "orderCompletionRate": Raw("0.25"),
                                  "unitPrice": Raw("53.9475"), "newUsers": 1})
        if method == "PUT":
            return self.action(path, raw)
        self.send(404, b'{"status":404,"error":"Not Found"}')

    def action(self, path: str, raw: bytes) -> None:
        rules = {"/order/confirm": ({2}, 3, None), "/order/rejection": ({2}, 6, "rejectionReason"),
                 "/order/cancel": ({1, 2, 3, 4}, 6, "cancelReason")}
        body = {}
        m = re.fullmatch(r"/order/(delivery|complete)/(\d+)", path)
        if m:
            oid = int(m.group(2))
            allowed, to, reason = ({3}, 4, None) if m.group(1) == "delivery" else ({4}, 5, None)
        elif path in rules:
            try:
                body = json.loads(raw)
                oid = int(body["id"])
            except (ValueError, KeyError, TypeError):
                return self.send(400, b'{"status":400,"error":"Bad Request"}')
            allowed, to, reason = rules[path]
        else:
            return self.send(404, b'{"status":404,"error":"Not Found"}')
        with LOCK:
            o = self.find(oid)
            if o is None:
                return self.envelope(code=0, msg="订单不存在")
            if o["status"] not in allowed:
                return self.envelope(code=0, msg="订单状态错误")
            o["status"] = to
            if reason:
                o[reason] = body.get(reason)
        emit({"event": "action", "path": path, "id": oid, "status": to, "reason": body.get(reason) if reason else None})
        self.envelope()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--token-ttl", type=float, default=7200)
    args = ap.parse_args()
    Handler.state = State(args.token_ttl)
    ThreadingHTTPServer.allow_reuse_address = True
    ThreadingHTTPServer.daemon_threads = True
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print("PORT %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    import signal
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    main()
