import Foundation
import TestSupport
import Testing
import WebSocketClient

/// The client against the `websockets` package (an independent RFC 6455 implementation).
@Suite(.serialized) struct PythonServerTests {
    @Test func cjkTextArrivesIntact() throws {
        let server = try PythonPeer("ws_server.py")
        defer { server.stop() }
        let probe = try ClientProbe("ws://127.0.0.1:\(server.port)/cjk")
        defer { probe.shutdown() }
        #expect(probe.waitFor { if case .text = $0 { true } else { false } } != nil)
        #expect(probe.texts.first == #"{"type":1,"orderId":1001,"content":"订单号: 1764126000001 🍜"}"#)
    }

    @Test func oneMebibyteBothWays() throws {
        let server = try PythonPeer("ws_server.py")
        defer { server.stop() }
        let probe = try ClientProbe("ws://127.0.0.1:\(server.port)/big?bytes=1048576")
        defer { probe.shutdown() }
        probe.waitFor { if case .text = $0 { true } else { false } }
        #expect(probe.texts.first?.utf8.count == 1_048_576)
        let big = String(repeating: "订", count: 349_526)   // 1 MiB + 2 bytes of UTF-8
        try probe.client.send(text: big).wait()
        let recv = server.child.waitForJSON { $0["event"] as? String == "recv" }
        #expect(recv?["length"] as? Int == big.utf8.count)
        #expect(probe.waitForCount(2) { if case .text = $0 { true } else { false } })
        #expect(probe.texts.last == big)
    }

    @Test func fragmentedMessagesAreReassembled() throws {
        let server = try PythonPeer("ws_server.py")
        defer { server.stop() }
        let probe = try ClientProbe("ws://127.0.0.1:\(server.port)/fragmented")
        defer { probe.shutdown() }
        probe.waitFor { if case .text = $0 { true } else { false } }
        #expect(probe.texts.first == "订单号: 1001 🍜")
    }

    @Test func serverPingIsAnsweredWithItsPayload() throws {
        let server = try PythonPeer("ws_server.py")
        defer { server.stop() }
        let probe = try ClientProbe("ws://127.0.0.1:\(server.port)/ping")
        defer { probe.shutdown() }
        let pong = server.child.waitForJSON { $0["event"] as? String == "pong" }
        #expect(pong?["data"] as? String == "hb")
    }

    @Test func ourPingsKeepTheConnectionAlive() throws {
        let server = try PythonPeer("ws_server.py")
        defer { server.stop() }
        let probe = try ClientProbe("ws://127.0.0.1:\(server.port)/echo") { $0.pingInterval = 0.2; $0.pongTimeout = 0.5 }
        defer { probe.shutdown() }
        #expect(probe.waitFor { $0.isOpen } != nil)
        Thread.sleep(forTimeInterval: 1.5)   // ~7 pings, each answered by the server
        #expect(!probe.events.contains { $0.isClosed })
    }

    @Test(arguments: [1000, 1001, 1011, 1012, 4000] as [UInt16])
    func serverCloseCodesAreReportedAndRetried(code: UInt16) throws {
        let server = try PythonPeer("ws_server.py")
        defer { server.stop() }
        let probe = try ClientProbe("ws://127.0.0.1:\(server.port)/close/\(code)?reason=bye")
        defer { probe.shutdown() }
        #expect(probe.waitFor { if case .retrying = $0 { true } else { false } } != nil)
        let first = probe.closes.first
        #expect(first?.0 == code && first?.1 == "bye" && first?.2 == .server)
        // the server saw its own code echoed back
        let closed = server.child.waitForJSON { $0["event"] as? String == "closed" }
        #expect(closed?["code"] as? Int == Int(code))
    }

    @Test func ourCloseIs1000AsSeenByTheServer() throws {
        let server = try PythonPeer("ws_server.py")
        defer { server.stop() }
        let probe = try ClientProbe("ws://127.0.0.1:\(server.port)/echo")
        probe.waitFor { $0.isOpen }
        try probe.client.send(text: "来单了").wait()
        #expect(server.child.waitForJSON { $0["event"] as? String == "recv" }?["text"] as? String == "来单了")
        probe.client.close(code: 1000, reason: "bye")
        try probe.client.stopped.wait()
        let closed = server.child.waitForJSON { $0["event"] as? String == "closed" }
        #expect(closed?["code"] as? Int == 1000)
        #expect(probe.closes.last.map { $0.0 == 1000 && $0.2 == .client } == true)
        #expect(!probe.events.contains { if case .retrying = $0 { true } else { false } })
    }

    @Test func sendWhileClosedFailsClearly() throws {
        let probe = try ClientProbe("ws://127.0.0.1:\(freePort())/ws")
        defer { probe.shutdown() }
        #expect(throws: SendError.notConnected) { try probe.client.send(text: "x").wait() }
    }

    @Test func headersAndFreshKeyOnEveryAttempt() throws {
        let server = try PythonPeer("ws_server.py")
        defer { server.stop() }
        let probe = try ClientProbe("ws://127.0.0.1:\(server.port)/close/1001") {
            $0.headers = [("token", "jwt-abc"), ("X-Shop", "7")]
            $0.origin = "http://shop.example"
        }
        defer { probe.shutdown() }
        let deadline = Date().addingTimeInterval(10)
        while server.child.count(where: { $0["event"] as? String == "connect" }) < 3 && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let connects = server.child.jsonLines.filter { $0["event"] as? String == "connect" }
        let headers = connects.compactMap { $0["headers"] as? [String: String] }
        #expect(headers.count >= 3)
        for h in headers {
            #expect(h["token"] == "jwt-abc" && h["x-shop"] == "7" && h["origin"] == "http://shop.example")
            #expect(h["sec-websocket-version"] == "13" && h["host"] == "127.0.0.1:\(server.port)")
        }
        #expect(Set(headers.compactMap { $0["sec-websocket-key"] }).count == headers.count)
    }

    @Test func freshClientIdPerAttemptOnWsPath() throws {
        let server = try PythonPeer("ws_server.py")
        defer { server.stop() }
        let probe = try ClientProbe("ws://127.0.0.1:\(server.port)/ws")
        defer { probe.shutdown() }
        probe.waitFor { $0.isOpen }
        probe.client.reconnectNow()
        #expect(probe.waitForCount(2) { $0.isOpen })
        let deadline = Date().addingTimeInterval(5)
        while server.child.count(where: { $0["event"] as? String == "connect" }) < 2 && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let paths = server.child.jsonLines.filter { $0["event"] as? String == "connect" }.compactMap { $0["path"] as? String }
        #expect(paths.count >= 2 && paths.allSatisfy { $0.hasPrefix("/ws/") && $0.count == 15 })
        #expect(Set(paths).count == paths.count)
    }

    @Test func reconnectsWithinTheBackoffBoundAfterServerRestart() throws {
        var server = try PythonPeer("ws_server.py")
        let port = server.port
        let probe = try ClientProbe("ws://127.0.0.1:\(port)/echo") { $0.backoff = Backoff(initial: 0.2, factor: 2, cap: 1) }
        defer { probe.shutdown() }
        probe.waitFor { $0.isOpen }
        server.stop()
        #expect(probe.waitFor { $0.isClosed } != nil)
        Thread.sleep(forTimeInterval: 1.5)   // a few failed attempts while it is down
        server = try PythonPeer("ws_server.py", ["--port", "\(port)"])
        let restartedAt = Date()   // listening from here (Python's start-up is not the client's wait)
        defer { server.stop() }
        #expect(probe.waitForCount(2, timeout: 5) { $0.isOpen })
        let reopened = probe.timedEvents.filter { $0.1.isOpen }.last!.0
        // the longest wait is the cap (1 s); allow scheduling slack
        #expect(reopened.timeIntervalSince(restartedAt) < 1.5, "reopened \(reopened.timeIntervalSince(restartedAt))s after restart")
        let retries = probe.events.compactMap { if case .retrying(let after, _) = $0 { after } else { nil } }
        #expect(retries.count >= 2 && retries.allSatisfy { $0 >= 0.1 && $0 <= 1 })
    }

    @Test func refusalsWithFourHundredsAreFatal() throws {
        let server = try PythonPeer("ws_server.py", ["--reject-status", "403"])
        defer { server.stop() }
        let probe = try ClientProbe("ws://127.0.0.1:\(server.port)/ws")
        let failed = probe.waitFor { $0.isFailed }
        #expect(failed == .failed(reason: "handshake refused: HTTP 403 Forbidden"))
        try probe.client.stopped.wait()
    }

    @Test func serviceUnavailableIsRetried() throws {
        let server = try PythonPeer("ws_server.py", ["--reject-status", "503"])
        defer { server.stop() }
        let probe = try ClientProbe("ws://127.0.0.1:\(server.port)/ws")
        defer { probe.shutdown() }
        #expect(probe.waitForCount(2) { if case .retrying = $0 { true } else { false } })
        #expect(probe.closes.first?.1 == "handshake refused: HTTP 503 Service Unavailable")
    }
}
