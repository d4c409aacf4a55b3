import DemoBackend
import Foundation
import NIOCore
import NIOPosix
import WebSocketClient
import XCTest

/// The server on a loopback port against our own client and a raw socket.
final class DemoServerTests: XCTestCase {
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// A quiet server (no traffic, no ticker) unless `configure` says otherwise.
    func startServer(_ configure: (inout DemoConfiguration) -> Void = { _ in })
        throws -> (server: DemoServer, events: Recorder<DemoServerEvent>, port: Int) {
        var config = DemoConfiguration(seed: 1, ratePerMinute: 0, ticker: false, port: 0)
        config.closeTimeout = 0.5
        configure(&config)
        let events = Recorder<DemoServerEvent>()
        let server = DemoServer(configuration: config, group: Self.group) { events.record($0) }
        let port = try server.startFuture().wait()
        XCTAssertGreaterThan(port, 0)
        addTeardownBlock { try? server.stopFuture().wait() }
        return (server, events, port)
    }

    func connected(_ events: Recorder<DemoServerEvent>, _ sid: String, replaced: Bool = false) -> Bool {
        events.waitFor { $0 == .connected(sid: sid, replaced: replaced) } != nil
    }

    func closedEvent(_ events: Recorder<DemoServerEvent>, _ sid: String) -> (UInt16, String)? {
        if case .closed(_, let code, let reason)? = events.waitFor({ if case .closed(sid, _, _) = $0 { true } else { false } }) {
            return (code, reason)
        }
        return nil
    }

    func testPushedOrderReachesTheClient() throws {
        let (server, events, port) = try startServer()
        let probe = try ClientProbe(port: port)
        defer { probe.shutdown() }
        XCTAssert(probe.waitOpen())
        XCTAssert(connected(events, "abc"))

        let push = try server.pushOrder(id: nil, content: nil).wait()
        XCTAssertEqual(push.sessions, 1)
        XCTAssert(push.text.hasPrefix(#"{"orderId":1001,"type":1,"content":"订单号: "#), push.text)
        XCTAssertEqual(probe.waitText { $0.contains(#""orderId":1001"#) }, push.text)
        let number = push.text.dropFirst(#"{"orderId":1001,"type":1,"content":"订单号: "#.count).dropLast(2)
        XCTAssertEqual(number.count, 13)
        XCTAssert(number.allSatisfy(\.isNumber))
        XCTAssertNotNil(events.waitFor { $0 == .pushed(text: push.text, sessions: 1, source: .command) })

        // A reminder repeats the order's content; a hand-picked id and content go out as given.
        let reminder = try server.pushReminder(id: 1001).wait()
        XCTAssertEqual(reminder.text, push.text.replacingOccurrences(of: #""type":1"#, with: #""type":2"#))
        XCTAssertNotNil(probe.waitText { $0 == reminder.text })
        let custom = try server.pushOrder(id: 77, content: "测试 \"quoted\"").wait()
        XCTAssertEqual(custom.text, #"{"orderId":77,"type":1,"content":"测试 \"quoted\""}"#)
        XCTAssertNotNil(probe.waitText { $0 == custom.text })
        let raw = try server.push(text: "{not json").wait()
        XCTAssertEqual(raw.sessions, 1)
        XCTAssertNotNil(probe.waitText { $0 == "{not json" })
        // The next automatic id continues after the ones used.
        XCTAssert(try server.pushOrder().wait().text.hasPrefix(#"{"orderId":1002,"#))
    }

    func testClientTextIsReported() throws {
        let (_, events, port) = try startServer()
        let probe = try ClientProbe(port: port, path: "/ws/k3j2h1x9q")
        defer { probe.shutdown() }
        XCTAssert(probe.waitOpen())
        XCTAssert(connected(events, "k3j2h1x9q"))
        try probe.client.send(text: "hello 你好").wait()
        XCTAssertNotNil(events.waitFor { $0 == .received(sid: "k3j2h1x9q", text: "hello 你好") })
        probe.client.close(code: 1000, reason: "bye")
        XCTAssertEqual(closedEvent(events, "k3j2h1x9q")?.0, 1000)
        XCTAssertEqual(closedEvent(events, "k3j2h1x9q")?.1, "bye")
        XCTAssertEqual(probe.waitClosed()?.code, 1000)
    }

    func testSecondConnectionWithTheSameSidReplacesTheFirst() throws {
        let (server, events, port) = try startServer()
        let first = try ClientProbe(port: port)
        defer { first.shutdown() }
        XCTAssert(first.waitOpen())
        XCTAssert(connected(events, "abc"))
        let second = try ClientProbe(port: port)
        defer { second.shutdown() }
        XCTAssert(second.waitOpen())
        XCTAssert(connected(events, "abc", replaced: true))
        XCTAssertEqual(try server.sessionIds().wait(), ["abc"])

        XCTAssertEqual(try server.push(text: "only the second").wait().sessions, 1)
        XCTAssertNotNil(second.waitText { $0 == "only the second" })
        Thread.sleep(forTimeInterval: 0.1)
        XCTAssertEqual(first.texts, [], "the replaced session stays open but gets no broadcasts")

        // The backend's onClose removes the sid whichever session closed: the second is orphaned too.
        first.client.close()
        XCTAssertEqual(closedEvent(events, "abc")?.0, 1000)
        XCTAssertEqual(try server.sessionIds().wait(), [])
        XCTAssertEqual(try server.push(text: "nobody").wait().sessions, 0)
    }

    func testReplacedSessionClosingKeepsTheNewOneWhenNotImitatingTheBackend() throws {
        let (server, events, port) = try startServer { $0.removesSidOnAnyClose = false }
        let first = try ClientProbe(port: port)
        defer { first.shutdown() }
        XCTAssert(first.waitOpen())
        XCTAssert(connected(events, "abc"))
        let second = try ClientProbe(port: port)
        defer { second.shutdown() }
        XCTAssert(second.waitOpen())
        XCTAssert(connected(events, "abc", replaced: true))
        first.client.close()
        XCTAssertNotNil(closedEvent(events, "abc"))
        XCTAssertEqual(try server.sessionIds().wait(), ["abc"])
        XCTAssertEqual(try server.push(text: "still here").wait().sessions, 1)
        XCTAssertNotNil(second.waitText { $0 == "still here" })
    }

    func testWrongPathIsRefusedWith404() throws {
        let (_, events, port) = try startServer()
        let probe = try ClientProbe(port: port, path: "/other/abc")
        XCTAssertEqual(probe.waitFailed(), "handshake refused: HTTP 404 Not Found")
        XCTAssertNotNil(events.waitFor { $0 == .refused(method: "GET", target: "/other/abc", status: 404) })
        XCTAssertEqual(events.count { if case .connected = $0 { true } else { false } }, 0)

        let raw = try RawSocket(port: port)
        XCTAssert(raw.handshake(path: "/ws/")?.hasPrefix("HTTP/1.1 404 Not Found") == true)
    }

    func testPlainHTTPRequestGetsAShortPage() throws {
        let (_, events, port) = try startServer()
        let onEndpoint = try RawSocket(port: port)
        onEndpoint.write("GET /ws/abc HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let answer = onEndpoint.readToEnd()
        XCTAssert(answer.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), answer)
        XCTAssert(answer.lowercased().contains("content-type: text/plain; charset=utf-8"), answer)
        XCTAssert(answer.contains("this is a WebSocket endpoint"), answer)

        let elsewhere = try RawSocket(port: port)
        elsewhere.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let notFound = elsewhere.readToEnd()
        XCTAssert(notFound.hasPrefix("HTTP/1.1 404 Not Found\r\n"), notFound)
        XCTAssert(notFound.contains("/ws/{sid}"), notFound)
        XCTAssertNotNil(events.waitFor { $0 == .refused(method: "GET", target: "/ws/abc", status: 400) })
        XCTAssertNotNil(events.waitFor { $0 == .refused(method: "GET", target: "/", status: 404) })
    }

    func testPingIsAnsweredWithTheSamePayloadAndTheServerNeverPings() throws {
        let (_, events, port) = try startServer()
        let raw = try RawSocket(port: port)
        let head = try XCTUnwrap(raw.handshake(path: "/ws/raw"))
        XCTAssert(head.hasPrefix("HTTP/1.1 101"), head)
        XCTAssert(head.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), head)
        XCTAssert(connected(events, "raw"))
        raw.setTimeout(0.3)
        XCTAssertNil(raw.readFrame(), "the server sends nothing by itself (no pings)")
        raw.setTimeout(1.5)

        raw.write(RawSocket.frame(opcode: 0x9, payload: Array("abc".utf8)))
        let pong = try XCTUnwrap(raw.readFrame())
        XCTAssertEqual(pong.opcode, 0xA)
        XCTAssertEqual(pong.payload, Array("abc".utf8))
        XCTAssertFalse(pong.masked)
        XCTAssert(pong.fin)
    }

    func testClientCloseIsEchoedThenTCPCloses() throws {
        let (_, events, port) = try startServer()
        let raw = try RawSocket(port: port)
        XCTAssert(raw.handshake(path: "/ws/raw")?.hasPrefix("HTTP/1.1 101") == true)
        XCTAssert(connected(events, "raw"))
        raw.write(RawSocket.frame(opcode: 0x8, payload: [0x03, 0xE8] + Array("bye".utf8)))
        let answer = try XCTUnwrap(raw.readFrame())
        XCTAssertEqual(answer.opcode, 0x8)
        XCTAssertEqual(Array(answer.payload.prefix(2)), [0x03, 0xE8])
        XCTAssert(raw.atEOF(), "the server closes TCP after answering")
        XCTAssertEqual(closedEvent(events, "raw")?.0, 1000)
        XCTAssertEqual(closedEvent(events, "raw")?.1, "bye")
    }

    func testTextOver8KiBIsClosedWith1009() throws {
        let (_, events, port) = try startServer()
        let probe = try ClientProbe(port: port)
        defer { probe.shutdown() }
        XCTAssert(probe.waitOpen())
        XCTAssert(connected(events, "abc"))
        let limit = String(repeating: "a", count: 8192)
        try probe.client.send(text: limit).wait()
        XCTAssertNotNil(events.waitFor { $0 == .received(sid: "abc", text: limit) })
        try probe.client.send(text: limit + "b").wait()
        let closed = try XCTUnwrap(probe.waitClosed())
        XCTAssertEqual(closed.code, 1009)
        XCTAssertEqual(closed.by, .server)
        XCTAssertEqual(closedEvent(events, "abc")?.0, 1009)
    }

    func testFragmentedClientMessageOver8KiBIsClosedWith1009() throws {
        let (_, events, port) = try startServer()
        let raw = try RawSocket(port: port)
        XCTAssert(raw.handshake(path: "/ws/raw")?.hasPrefix("HTTP/1.1 101") == true)
        raw.write(RawSocket.frame(opcode: 0x1, payload: Array(repeating: 0x61, count: 5000), fin: false))
        raw.write(RawSocket.frame(opcode: 0x0, payload: Array(repeating: 0x61, count: 5000), fin: true))
        let close = try XCTUnwrap(raw.readFrame())
        XCTAssertEqual(close.opcode, 0x8)
        XCTAssertEqual(Array(close.payload.prefix(2)), [0x03, 0xF1])
        raw.write(RawSocket.frame(opcode: 0x8, payload: [0x03, 0xF1]))
        XCTAssert(raw.atEOF())
        XCTAssertEqual(closedEvent(events, "raw")?.0, 1009)
    }

    func testBinaryMessageIsClosedWith1003() throws {
        let (_, events, port) = try startServer()
        let probe = try ClientProbe(port: port)
        defer { probe.shutdown() }
        XCTAssert(probe.waitOpen())
        XCTAssert(connected(events, "abc"))
        try probe.client.send(binary: [1, 2, 3]).wait()
        XCTAssertEqual(probe.waitClosed()?.code, 1003)
        XCTAssertEqual(closedEvent(events, "abc")?.0, 1003)
    }

    func testLongMessagesGoOutInFramesAndArriveWhole() throws {
        let (server, events, port) = try startServer()
        let probe = try ClientProbe(port: port)
        defer { probe.shutdown() }
        XCTAssert(probe.waitOpen())
        XCTAssert(connected(events, "abc"))
        let long = #"{"orderId":1,"type":1,"content":""# + String(repeating: "订单🍜", count: 3000) + #""}"#
        XCTAssertGreaterThan(long.utf8.count, 3 * 8192)
        XCTAssertEqual(try server.push(text: long).wait().sessions, 1)
        XCTAssertEqual(probe.waitText { $0.count > 1000 }, long)

        // On the wire: frames of at most 8 KiB, cut between characters.
        let raw = try RawSocket(port: port)
        XCTAssert(raw.handshake(path: "/ws/raw")?.hasPrefix("HTTP/1.1 101") == true)
        XCTAssert(connected(events, "raw"))
        XCTAssertEqual(try server.push(text: long).wait().sessions, 2)
        var frames: [(fin: Bool, opcode: UInt8, masked: Bool, payload: [UInt8])] = []
        while frames.last?.fin != true, let f = raw.readFrame() { frames.append(f) }
        XCTAssertGreaterThan(frames.count, 3)
        XCTAssertEqual(frames.first?.opcode, 0x1)
        XCTAssert(frames.dropFirst().allSatisfy { $0.opcode == 0x0 })
        XCTAssert(frames.allSatisfy { $0.payload.count <= 8192 })
        for f in frames { XCTAssertEqual(Array(String(decoding: f.payload, as: UTF8.self).utf8), f.payload, "a frame cut inside a character") }
        XCTAssertEqual(String(decoding: frames.flatMap(\.payload), as: UTF8.self), long)
    }

    func testDropAllGivesAnAbnormalClose() throws {
        let (server, events, port) = try startServer()
        let probe = try ClientProbe(port: port)
        defer { probe.shutdown() }
        XCTAssert(probe.waitOpen())
        XCTAssert(connected(events, "abc"))
        XCTAssertEqual(try server.dropAll().wait(), 1)
        let closed = try XCTUnwrap(probe.waitClosed())
        XCTAssertEqual(closed.code, 1006)
        XCTAssertEqual(closed.by, .network)
        XCTAssertEqual(closedEvent(events, "abc")?.0, 1006)
        XCTAssertEqual(closedEvent(events, "abc")?.1, "dropped by the server")
        XCTAssertEqual(try server.sessionIds().wait(), [])
    }

    func testDropAllThenTheClientReconnects() throws {
        let (server, events, port) = try startServer()
        let probe = try ClientProbe(port: port) {
            $0.reconnects = true
            $0.backoff = Backoff(initial: 0.05, factor: 2, cap: 0.2)
        }
        defer { probe.shutdown() }
        XCTAssert(probe.waitOpen())
        XCTAssert(connected(events, "abc"))
        XCTAssertEqual(try server.dropAll().wait(), 1)
        XCTAssert(events.waitForCount(2) { $0 == .connected(sid: "abc", replaced: false) }, "reconnected")
        XCTAssertEqual(probe.waitClosed()?.code, 1006)
    }

    func testStopClosesSessionsWith1001AndReleasesThePort() throws {
        var config = DemoConfiguration(seed: 1, ratePerMinute: 0, ticker: false, port: 0)
        config.closeTimeout = 0.5
        let events = Recorder<DemoServerEvent>()
        let server = DemoServer(configuration: config, group: Self.group) { events.record($0) }
        let port = try server.startFuture().wait()
        let probe = try ClientProbe(port: port)
        defer { probe.shutdown() }
        XCTAssert(probe.waitOpen())
        XCTAssert(connected(events, "abc"))

        try server.stopFuture().wait()
        let closed = try XCTUnwrap(probe.waitClosed())
        XCTAssertEqual(closed.code, 1001)
        XCTAssertEqual(closed.by, .server)
        XCTAssertEqual(closedEvent(events, "abc")?.0, 1001)
        XCTAssertThrowsError(try RawSocket(port: port), "nothing listens any more")
        try server.stopFuture().wait()  // again: no effect
        XCTAssertThrowsError(try server.startFuture().wait()) { XCTAssertEqual($0 as? DemoServerError, .stopped) }

        config.port = port
        let again = DemoServer(configuration: config, group: Self.group)
        XCTAssertEqual(try again.startFuture().wait(), port)
        try again.stopFuture().wait()
    }

    func testTrafficAndTickerReachTheClient() throws {
        let (_, events, port) = try startServer {
            $0.ratePerMinute = 60
            $0.speed = 20  // the first order 50–100 ms after the first session opens
            $0.ticker = true
            $0.tickerInterval = 0.2
        }
        let probe = try ClientProbe(port: port)
        defer { probe.shutdown() }
        XCTAssert(probe.waitOpen())
        XCTAssert(connected(events, "abc"))
        let order = try XCTUnwrap(probe.waitText { $0.hasPrefix(#"{"orderId":1001,"type":1,"content":"订单号: "#) })
        XCTAssertNotNil(events.waitFor { $0 == .pushed(text: order, sessions: 1, source: .traffic) })
        XCTAssertNotNil(probe.waitText { $0.hasPrefix("这是来自服务端的消息:") })
        let tick = try XCTUnwrap(events.waitFor { if case .pushed(_, _, .ticker) = $0 { true } else { false } })
        guard case .pushed(let text, _, _) = tick else { return XCTFail() }
        XCTAssertNotNil(text.range(of: #"^这是来自服务端的消息:\d\d:\d\d:\d\d$"#, options: .regularExpression), text)
    }

    func testAsyncStartAndStop() async throws {
        let server = DemoServer(configuration: DemoConfiguration(seed: 2, ratePerMinute: 0, ticker: false), group: Self.group)
        let port = try await server.start()
        XCTAssertGreaterThan(port, 0)
        do {
            _ = try await server.start()
            XCTFail("started twice")
        } catch {
            XCTAssertEqual(error as? DemoServerError, .alreadyStarted)
        }
        await server.stop()
    }
}
