import DemoBackend
import Foundation
import NIOCore
import NIOPosix
import TestSupport
import WebSocketClient
import Testing

/// The server on a loopback port against our own client and a raw socket. One test at a time: one
/// checks that the port it released is free, and another test's server could take it.
@Suite(.serialized) struct DemoServerTests {
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let teardown = Teardown()

    /// A quiet server (no traffic, no ticker) unless `configure` says otherwise.
    func startServer(_ configure: (inout DemoConfiguration) -> Void = { _ in })
        throws -> (server: DemoServer, events: Recorder<DemoServerEvent>, port: Int) {
        var config = DemoConfiguration(seed: 1, ratePerMinute: 0, ticker: false, port: 0)
        config.closeTimeout = 0.5
        configure(&config)
        let events = Recorder<DemoServerEvent>()
        let server = DemoServer(configuration: config, group: Self.group) { events.record($0) }
        let port = try server.startFuture().wait()
        #expect(port > 0)
        teardown.add { try? server.stopFuture().wait() }
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

    @Test func pushedOrderReachesTheClient() throws {
        let (server, events, port) = try startServer()
        let probe = try ClientProbe(port: port)
        defer { probe.shutdown() }
        #expect(probe.waitOpen())
        #expect(connected(events, "abc"))

        let push = try server.pushOrder(id: nil, content: nil).wait()
        #expect(push.sessions == 1)
        #expect(push.text.hasPrefix(#"{"orderId":1001,"type":1,"content":"订单号: "#), "\(push.text)")
        #expect(probe.waitText { $0.contains(#""orderId":1001"#) } == push.text)
        let number = push.text.dropFirst(#"{"orderId":1001,"type":1,"content":"订单号: "#.count).dropLast(2)
        #expect(number.count == 13)
        #expect(number.allSatisfy { $0.isNumber })
        #expect(events.waitFor { $0 == .pushed(text: push.text, sessions: 1, source: .command) } != nil)

        // A reminder repeats the order's content; a hand-picked id and content go out as given.
        let reminder = try server.pushReminder(id: 1001).wait()
        #expect(reminder.text == push.text.replacingOccurrences(of: #""type":1"#, with: #""type":2"#))
        #expect(probe.waitText { $0 == reminder.text } != nil)
        let custom = try server.pushOrder(id: 77, content: "测试 \"quoted\"").wait()
        #expect(custom.text == #"{"orderId":77,"type":1,"content":"测试 \"quoted\""}"#)
        #expect(probe.waitText { $0 == custom.text } != nil)
        let raw = try server.push(text: "{not json").wait()
        #expect(raw.sessions == 1)
        #expect(probe.waitText { $0 == "{not json" } != nil)
        // The next automatic id continues after the ones used.
        #expect(try server.pushOrder().wait().text.hasPrefix(#"{"orderId":1002,"#))
    }

    @Test func clientTextIsReported() throws {
        let (_, events, port) = try startServer()
        let probe = try ClientProbe(port: port, path: "/ws/k3j2h1x9q")
        defer { probe.shutdown() }
        #expect(probe.waitOpen())
        #expect(connected(events, "k3j2h1x9q"))
        try probe.client.send(text: "hello 你好").wait()
        #expect(events.waitFor { $0 == .received(sid: "k3j2h1x9q", text: "hello 你好") } != nil)
        probe.client.close(code: 1000, reason: "bye")
        #expect(closedEvent(events, "k3j2h1x9q")?.0 == 1000)
        #expect(closedEvent(events, "k3j2h1x9q")?.1 == "bye")
        #expect(probe.waitClosed()?.code == 1000)
    }

    @Test func secondConnectionWithTheSameSidReplacesTheFirst() throws {
        let (server, events, port) = try startServer()
        let first = try ClientProbe(port: port)
        defer { first.shutdown() }
        #expect(first.waitOpen())
        #expect(connected(events, "abc"))
        let second = try ClientProbe(port: port)
        defer { second.shutdown() }
        #expect(second.waitOpen())
        #expect(connected(events, "abc", replaced: true))
        #expect(try server.sessionIds().wait() == ["abc"])

        #expect(try server.push(text: "only the second").wait().sessions == 1)
        #expect(second.waitText { $0 == "only the second" } != nil)
        Thread.sleep(forTimeInterval: 0.1)
        #expect(first.texts == [], "the replaced session stays open but gets no broadcasts")

        // The backend's onClose removes the sid whichever session closed: the second is orphaned too.
        first.client.close()
        #expect(closedEvent(events, "abc")?.0 == 1000)
        #expect(try server.sessionIds().wait() == [])
        #expect(try server.push(text: "nobody").wait().sessions == 0)
    }

    @Test func replacedSessionClosingKeepsTheNewOneWhenNotImitatingTheBackend() throws {
        let (server, events, port) = try startServer { $0.removesSidOnAnyClose = false }
        let first = try ClientProbe(port: port)
        defer { first.shutdown() }
        #expect(first.waitOpen())
        #expect(connected(events, "abc"))
        let second = try ClientProbe(port: port)
        defer { second.shutdown() }
        #expect(second.waitOpen())
        #expect(connected(events, "abc", replaced: true))
        first.client.close()
        #expect(closedEvent(events, "abc") != nil)
        #expect(try server.sessionIds().wait() == ["abc"])
        #expect(try server.push(text: "still here").wait().sessions == 1)
        #expect(second.waitText { $0 == "still here" } != nil)
    }

    @Test func wrongPathIsRefusedWith404() throws {
        let (_, events, port) = try startServer()
        let probe = try ClientProbe(port: port, path: "/other/abc")
        #expect(probe.waitFailed() == "handshake refused: HTTP 404 Not Found")
        #expect(events.waitFor { $0 == .refused(method: "GET", target: "/other/abc", status: 404) } != nil)
        #expect(events.count { if case .connected = $0 { true } else { false } } == 0)

        let raw = try RawSocket(port: port)
        #expect(raw.handshake(path: "/ws/")?.hasPrefix("HTTP/1.1 404 Not Found") == true)
    }

    @Test func plainHTTPRequestGetsAShortPage() throws {
        let (_, events, port) = try startServer()
        let onEndpoint = try RawSocket(port: port)
        onEndpoint.write("GET /ws/abc HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let answer = onEndpoint.readToEnd()
        #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), "\(answer)")
        #expect(answer.lowercased().contains("content-type: text/plain; charset=utf-8"), "\(answer)")
        #expect(answer.contains("this is a WebSocket endpoint"), "\(answer)")

        let elsewhere = try RawSocket(port: port)
        elsewhere.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let notFound = elsewhere.readToEnd()
        #expect(notFound.hasPrefix("HTTP/1.1 404 Not Found\r\n"), "\(notFound)")
        #expect(notFound.contains("/ws/{sid}"), "\(notFound)")
        #expect(events.waitFor { $0 == .refused(method: "GET", target: "/ws/abc", status: 400) } != nil)
        #expect(events.waitFor { $0 == .refused(method: "GET", target: "/", status: 404) } != nil)
    }

    @Test func pingIsAnsweredWithTheSamePayloadAndTheServerNeverPings() throws {
        let (_, events, port) = try startServer()
        let raw = try RawSocket(port: port)
        let head = try #require(raw.handshake(path: "/ws/raw"))
        #expect(head.hasPrefix("HTTP/1.1 101"), "\(head)")
        #expect(head.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), "\(head)")
        #expect(connected(events, "raw"))
        raw.setTimeout(0.3)
        #expect(raw.readFrame() == nil, "the server sends nothing by itself (no pings)")
        raw.setTimeout(1.5)

        raw.write(RawSocket.frame(opcode: 0x9, payload: Array("abc".utf8)))
        let pong = try #require(raw.readFrame())
        #expect(pong.opcode == 0xA)
        #expect(pong.payload == Array("abc".utf8))
        #expect(!pong.masked)
        #expect(pong.fin)
    }

    @Test func clientCloseIsEchoedThenTCPCloses() throws {
        let (_, events, port) = try startServer()
        let raw = try RawSocket(port: port)
        #expect(raw.handshake(path: "/ws/raw")?.hasPrefix("HTTP/1.1 101") == true)
        #expect(connected(events, "raw"))
        raw.write(RawSocket.frame(opcode: 0x8, payload: [0x03, 0xE8] + Array("bye".utf8)))
        let answer = try #require(raw.readFrame())
        #expect(answer.opcode == 0x8)
        #expect(Array(answer.payload.prefix(2)) == [0x03, 0xE8])
        #expect(raw.atEOF(), "the server closes TCP after answering")
        #expect(closedEvent(events, "raw")?.0 == 1000)
        #expect(closedEvent(events, "raw")?.1 == "bye")
    }

    @Test func textOver8KiBIsClosedWith1009() throws {
        let (_, events, port) = try startServer()
        let probe = try ClientProbe(port: port)
        defer { probe.shutdown() }
        #expect(probe.waitOpen())
        #expect(connected(events, "abc"))
        let limit = String(repeating: "a", count: 8192)
        try probe.client.send(text: limit).wait()
        #expect(events.waitFor { $0 == .received(sid: "abc", text: limit) } != nil)
        try probe.client.send(text: limit + "b").wait()
        let closed = try #require(probe.waitClosed())
        #expect(closed.code == 1009)
        #expect(closed.by == .server)
        #expect(closedEvent(events, "abc")?.0 == 1009)
    }

    @Test func fragmentedClientMessageOver8KiBIsClosedWith1009() throws {
        let (_, events, port) = try startServer()
        let raw = try RawSocket(port: port)
        #expect(raw.handshake(path: "/ws/raw")?.hasPrefix("HTTP/1.1 101") == true)
        raw.write(RawSocket.frame(opcode: 0x1, payload: Array(repeating: 0x61, count: 5000), fin: false))
        raw.write(RawSocket.frame(opcode: 0x0, payload: Array(repeating: 0x61, count: 5000), fin: true))
        let close = try #require(raw.readFrame())
        #expect(close.opcode == 0x8)
        #expect(Array(close.payload.prefix(2)) == [0x03, 0xF1])
        raw.write(RawSocket.frame(opcode: 0x8, payload: [0x03, 0xF1]))
        #expect(raw.atEOF())
        #expect(closedEvent(events, "raw")?.0 == 1009)
    }

    @Test func binaryMessageIsClosedWith1003() throws {
        let (_, events, port) = try startServer()
        let probe = try ClientProbe(port: port)
        defer { probe.shutdown() }
        #expect(probe.waitOpen())
        #expect(connected(events, "abc"))
        try probe.client.send(binary: [1, 2, 3]).wait()
        #expect(probe.waitClosed()?.code == 1003)
        #expect(closedEvent(events, "abc")?.0 == 1003)
    }

    @Test func longMessagesGoOutInFramesAndArriveWhole() throws {
        let (server, events, port) = try startServer()
        let probe = try ClientProbe(port: port)
        defer { probe.shutdown() }
        #expect(probe.waitOpen())
        #expect(connected(events, "abc"))
        let long = #"{"orderId":1,"type":1,"content":""# + String(repeating: "订单🍜", count: 3000) + #""}"#
        #expect(long.utf8.count > 3 * 8192)
        #expect(try server.push(text: long).wait().sessions == 1)
        #expect(probe.waitText { $0.count > 1000 } == long)

        // On the wire: frames of at most 8 KiB, cut between characters.
        let raw = try RawSocket(port: port)
        #expect(raw.handshake(path: "/ws/raw")?.hasPrefix("HTTP/1.1 101") == true)
        #expect(connected(events, "raw"))
        #expect(try server.push(text: long).wait().sessions == 2)
        var frames: [(fin: Bool, opcode: UInt8, masked: Bool, payload: [UInt8])] = []
        while frames.last?.fin != true, let f = raw.readFrame() { frames.append(f) }
        #expect(frames.count > 3)
        #expect(frames.first?.opcode == 0x1)
        #expect(frames.dropFirst().allSatisfy { $0.opcode == 0x0 })
        #expect(frames.allSatisfy { $0.payload.count <= 8192 })
        for f in frames { #expect(Array(String(decoding: f.payload, as: UTF8.self).utf8) == f.payload, "a frame cut inside a character") }
        #expect(String(decoding: frames.flatMap(\.payload), as: UTF8.self) == long)
    }

    @Test func dropAllGivesAnAbnormalClose() throws {
        let (server, events, port) = try startServer()
        let probe = try ClientProbe(port: port)
        defer { probe.shutdown() }
        #expect(probe.waitOpen())
        #expect(connected(events, "abc"))
        #expect(try server.dropAll().wait() == 1)
        let closed = try #require(probe.waitClosed())
        #expect(closed.code == 1006)
        #expect(closed.by == .network)
        #expect(closedEvent(events, "abc")?.0 == 1006)
        #expect(closedEvent(events, "abc")?.1 == "dropped by the server")
        #expect(try server.sessionIds().wait() == [])
    }

    @Test func dropAllThenTheClientReconnects() throws {
        let (server, events, port) = try startServer()
        let probe = try ClientProbe(port: port) {
            $0.reconnects = true
            $0.backoff = Backoff(initial: 0.05, factor: 2, cap: 0.2)
        }
        defer { probe.shutdown() }
        #expect(probe.waitOpen())
        #expect(connected(events, "abc"))
        #expect(try server.dropAll().wait() == 1)
        #expect(events.waitForCount(2) { $0 == .connected(sid: "abc", replaced: false) }, "reconnected")
        #expect(probe.waitClosed()?.code == 1006)
    }

    @Test func stopClosesSessionsWith1001AndReleasesThePort() throws {
        var config = DemoConfiguration(seed: 1, ratePerMinute: 0, ticker: false, port: 0)
        config.closeTimeout = 0.5
        let events = Recorder<DemoServerEvent>()
        let server = DemoServer(configuration: config, group: Self.group) { events.record($0) }
        let port = try server.startFuture().wait()
        let probe = try ClientProbe(port: port)
        defer { probe.shutdown() }
        #expect(probe.waitOpen())
        #expect(connected(events, "abc"))

        try server.stopFuture().wait()
        let closed = try #require(probe.waitClosed())
        #expect(closed.code == 1001)
        #expect(closed.by == .server)
        #expect(closedEvent(events, "abc")?.0 == 1001)
        #expect(throws: (any Error).self, "nothing listens any more") { try RawSocket(port: port) }
        try server.stopFuture().wait()  // again: no effect
        #expect(throws: DemoServerError.stopped) { try server.startFuture().wait() }

        config.port = port
        let again = DemoServer(configuration: config, group: Self.group)
        #expect(try again.startFuture().wait() == port)
        try again.stopFuture().wait()
    }

    @Test func trafficAndTickerReachTheClient() throws {
        let (_, events, port) = try startServer {
            $0.ratePerMinute = 60
            $0.speed = 20  // the first order 50–100 ms after the first session opens
            $0.ticker = true
            $0.tickerInterval = 0.2
        }
        let probe = try ClientProbe(port: port)
        defer { probe.shutdown() }
        #expect(probe.waitOpen())
        #expect(connected(events, "abc"))
        let order = try #require(probe.waitText { $0.hasPrefix(#"{"orderId":1001,"type":1,"content":"订单号: "#) })
        #expect(events.waitFor { $0 == .pushed(text: order, sessions: 1, source: .traffic) } != nil)
        #expect(probe.waitText { $0.hasPrefix("这是来自服务端的消息:") } != nil)
        let tick = try #require(events.waitFor { if case .pushed(_, _, .ticker) = $0 { true } else { false } })
        guard case .pushed(let text, _, _) = tick else { Issue.record(); return }
        #expect(text.range(of: #"^这是来自服务端的消息:\d\d:\d\d:\d\d$"#, options: .regularExpression) != nil, "\(text)")
    }

    @Test func asyncStartAndStop() async throws {
        let server = DemoServer(configuration: DemoConfiguration(seed: 2, ratePerMinute: 0, ticker: false), group: Self.group)
        let port = try await server.start()
        #expect(port > 0)
        do {
            _ = try await server.start()
            Issue.record("started twice")
        } catch {
            #expect(error as? DemoServerError == .alreadyStarted)
        }
        await server.stop()
    }
}
