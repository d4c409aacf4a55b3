import Foundation
import TestSupport
import Testing

/// The real `skydash connect URL --headless` binary against Tests/peers/ws_server.py on 127.0.0.1.
/// One test at a time: one checks that a refused handshake ends within 5 s.
@Suite(.serialized) struct HeadlessCommandTests {
    /// Script lines the server sends (ws_server.py `/script`): a new order whose id needs all 64 bits
    /// (2^53 + 1 is not a Double), a reminder, the backend's plain-text ticker, and text with an ESC
    /// sequence in it.
    static let bigOrderId = "9007199254740993"
    static let script = [
        #"{"orderId":\#(bigOrderId),"type":1,"content":"订单号: 1764126000001"}"#,
        #"{"type":2,"orderId":1001,"content":"客户催单 🍜"}"#,
        "这是来自服务端的消息:12:00:05",
        "red \u{1B}[31malert",
    ]

    let teardown = Teardown()

    // MARK: - helpers

    /// A ws_server.py stopped at the end of the test, passed or not.
    func startServer(_ arguments: [String] = []) throws -> PythonPeer {
        let server = try PythonPeer("ws_server.py", arguments)
        teardown.add { server.stop() }
        return server
    }

    /// ws_server.py with `script` as its `--script` file.
    func startScriptServer() throws -> PythonPeer {
        let dir = try TempDir()
        teardown.add { dir.remove() }
        return try startServer(["--script", try dir.write("script.txt", Self.script.joined(separator: "\n") + "\n")])
    }

    /// `skydash connect URL --headless EXTRA…`, stopped at the end of the test.
    func startHeadless(_ url: String, _ extra: [String] = []) throws -> ChildProcess {
        let child = try Skydash.start(["connect", url, "--headless"] + extra)
        teardown.add { child.stop() }
        return child
    }

    static func isEvent(_ name: String) -> ([String: Any]) -> Bool { { $0.event == name } }

    static let isoTimestamp = try! NSRegularExpression(pattern: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$"#)

    func assertTimestamp(_ value: Any?, sourceLocation: SourceLocation = #_sourceLocation) {
        let s = value as? String ?? ""
        #expect(Self.isoTimestamp.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil,
                "at = \(String(describing: value))", sourceLocation: sourceLocation)
    }

    // MARK: 1. event lines

    @Test func jsonLinesForConnectOpenOrderReminderTextAndClose() throws {
        let server = try startScriptServer()
        let url = "ws://127.0.0.1:\(server.port)/script?interval_ms=20"
        let child = try startHeadless(url)
        #expect(server.child.waitForJSON(timeout: 10, Self.isEvent("script_done")) != nil)
        #expect(child.waitForJSON(timeout: 5) { $0.event == "text" && ($0["text"] as? String)?.hasPrefix("red") == true } != nil)
        child.signal(SIGTERM)
        #expect(child.waitExit(timeout: 10) == 0)

        let lines = child.lines
        let objects = child.jsonLines
        #expect(objects.count == lines.count, "every stdout line is one JSON object: \(lines)")
        #expect(objects.map { $0.event ?? "?" } == ["connecting", "open", "order", "reminder", "text", "text", "closed"])
        for (line, object) in zip(lines, objects) {
            #expect(line.hasPrefix(#"{"at":""#) && line.contains(#"","event":""#), "at first, then event: \(line)")
            assertTimestamp(object["at"])
        }
        guard objects.count == 7 else { return }

        #expect(objects[0]["attempt"] as? Int == 1)
        #expect(objects[0]["url"] as? String == url)
        #expect(objects[1]["url"] as? String == url)

        // The order id is printed exactly, as a JSON number (check the text: a Double would round it).
        #expect(lines[2].contains(#""orderId":\#(Self.bigOrderId),"#), "\(lines[2])")
        #expect(objects[2]["content"] as? String == "订单号: 1764126000001")
        #expect(objects[2]["text"] as? String == Self.script[0])

        #expect(objects[3]["orderId"] as? Int == 1001)
        #expect(objects[3]["content"] as? String == "客户催单 🍜")
        #expect(objects[3]["text"] as? String == Self.script[1])

        #expect(objects[4]["text"] as? String == "这是来自服务端的消息:12:00:05")
        // Control characters are escaped in the line and come back intact from the JSON.
        #expect(!lines[5].contains("\u{1B}"), "\(lines[5])")
        #expect(objects[5]["text"] as? String == Self.script[3])

        #expect(objects[6]["code"] as? Int == 1000)
        #expect(objects[6]["reason"] as? String == "")
        #expect(objects[6]["by"] as? String == "client")
        #expect(Set(objects[6].keys) == ["at", "event", "code", "reason", "by"])
        #expect(child.stderr == "")
    }

    @Test func textFormatPrintsOneReadableLinePerEvent() throws {
        let server = try startScriptServer()
        let url = "ws://127.0.0.1:\(server.port)/script?interval_ms=20"
        let child = try startHeadless(url, ["--format", "text"])
        #expect(child.waitForLine(timeout: 10) { $0.contains(" text red ") } != nil)
        child.signal(SIGTERM)
        #expect(child.waitExit(timeout: 10) == 0)

        let lines = child.lines
        let clock = #"\d\d:\d\d:\d\d\.\d{3} "#
        let expected = [
            clock + "connecting " + NSRegularExpression.escapedPattern(for: url) + #" \(attempt 1\)$"#,
            clock + "open " + NSRegularExpression.escapedPattern(for: url) + "$",
            clock + "order \(Self.bigOrderId) 订单号: 1764126000001$",
            clock + "reminder 1001 客户催单 🍜$",
            clock + "text 这是来自服务端的消息:12:00:05$",
            clock + #"text red \\u\{1B\}\[31malert$"#,
            clock + #"closed 1000 "" by client$"#,
        ]
        #expect(lines.count == expected.count, "\(lines)")
        for (line, pattern) in zip(lines, expected) {
            #expect(line.range(of: "^" + pattern, options: .regularExpression) != nil, "\(line) !~ \(pattern)")
            #expect(!line.hasPrefix("{"), "\(line)")
            #expect(!line.contains("\u{1B}"), "control characters must be escaped: \(line)")
        }
    }

    // MARK: 2. --stdin

    @Test func stdinLinesAreSentInOrderAndEOFClosesWith1000() throws {
        let server = try startServer()
        let child = try startHeadless("ws://127.0.0.1:\(server.port)/echo", ["--stdin"])
        let sent = ["第一行 before open", "second line", "", "三 🍜 催单", "{\"type\":1}"]
        child.writeStdin(sent[0] + "\n")   // written before the connection is open: waits for it
        #expect(child.waitForJSON(timeout: 10, Self.isEvent("open")) != nil)
        child.writeStdin(sent.dropFirst().map { $0 + "\n" }.joined())
        #expect(server.child.waitForJSON(timeout: 10) { $0.event == "recv" && $0["text"] as? String == sent.last } != nil)
        let received = server.child.jsonLines.filter { $0.event == "recv" }
        #expect(received.compactMap { $0["text"] as? String } == sent)
        #expect(received.compactMap { $0["kind"] as? String } == Array(repeating: "text", count: sent.count))
        #expect(received.compactMap { $0["length"] as? Int } == sent.map { $0.utf8.count })

        child.closeStdin()
        #expect(child.waitExit(timeout: 10) == 0)
        let closed = server.child.waitForJSON(timeout: 10, Self.isEvent("closed"))
        #expect(closed?["code"] as? Int == 1000)
        #expect(closed?["server_code"] as? Int == 1000)

        let events = child.jsonLines
        #expect(events.filter { $0.event == "sent" }.compactMap { $0["text"] as? String } == sent)
        #expect(events.last?.event == "closed")
        #expect(events.last?["code"] as? Int == 1000)
        #expect(events.last?["by"] as? String == "client")
        #expect(server.child.count(where: Self.isEvent("connect")) == 1, "no reconnect after EOF")
    }

    // MARK: 3. signals

    @Test func sigtermWhileOpenClosesWith1000AndExitsZero() throws {
        try assertSignalClosesCleanly(SIGTERM)
    }

    @Test func sigintWhileOpenClosesWith1000AndExitsZero() throws {
        try assertSignalClosesCleanly(SIGINT)
    }

    func assertSignalClosesCleanly(_ sig: Int32, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let server = try startServer()
        let child = try startHeadless("ws://127.0.0.1:\(server.port)/ws/shop1")
        #expect(child.waitForJSON(timeout: 10, Self.isEvent("open")) != nil, sourceLocation: sourceLocation)
        #expect(server.child.waitForJSON(timeout: 5, Self.isEvent("connect")) != nil, sourceLocation: sourceLocation)
        child.signal(sig)
        #expect(child.waitExit(timeout: 10) == 0, "exit status after signal \(sig)", sourceLocation: sourceLocation)
        let closed = server.child.waitForJSON(timeout: 10, Self.isEvent("closed"))
        #expect(closed?["code"] as? Int == 1000, "the server saw: \(String(describing: closed))", sourceLocation: sourceLocation)
        let last = child.jsonLines.last
        #expect(last?.event == "closed", sourceLocation: sourceLocation)
        #expect(last?["code"] as? Int == 1000, sourceLocation: sourceLocation)
        #expect(last?["by"] as? String == "client", sourceLocation: sourceLocation)
        #expect(child.stderr == "", sourceLocation: sourceLocation)
    }

    // MARK: 4. exit codes and stderr

    @Test func badURLsExitTwoWithOneStderrLine() throws {
        let cases = [("http://x", "scheme 'http' is not WebSocket: use ws://"), ("ws://[::1", "unclosed '['"),
                     ("ws://", "missing host"), ("wss://a b/", "invalid host name 'a b'")]
        for (url, words) in cases {
            let run = try Skydash.run(["connect", url, "--headless"])
            #expect(run.status == 2, "\(url)")
            #expect(run.stderr.count == 1, "\(url): \(run.stderr)")
            let message = run.stderr.first ?? ""
            #expect(message.hasPrefix("skydash: bad URL: "), "\(message)")
            #expect(message.contains(words), "\(url): '\(message)' should say \(words)")
            #expect(run.stdout == [], "nothing on stdout for \(url)")
        }
    }

    @Test func unreadableCAFileExitsTwo() throws {
        let run = try Skydash.run(["connect", "wss://127.0.0.1:1/ws", "--headless", "--ca-file", "/nonexistent/ca.pem"])
        #expect(run.status == 2)
        #expect(run.stderr.count == 1, "\(run.stderr)")
        #expect(run.stderr.first?.contains("/nonexistent/ca.pem") == true, "\(run.stderr)")
    }

    @Test func refusedHandshakeExitsOneNamingTheStatus() throws {
        let server = try startServer()
        let started = Date()
        let run = try Skydash.run(["connect", "ws://127.0.0.1:\(server.port)/reject/403", "--headless"])
        #expect(run.status == 1)
        #expect(Date().timeIntervalSince(started) < 5, "a 403 is not retried")
        #expect(run.stderr == ["skydash: handshake refused: HTTP 403 Forbidden"])
        #expect(run.jsonLines.map { $0.event ?? "?" } == ["connecting", "failed"])
        #expect(run.jsonLines.last?["reason"] as? String == "handshake refused: HTTP 403 Forbidden")
        #expect(server.child.count(where: Self.isEvent("rejected")) == 1)
    }

    /// wss:// to a plain ws:// port of ws_server.py: it drops the TLS hello, which could as well be
    /// a proxy restarting, so it is retried (not fatal) with a reason naming the host. The fatal TLS
    /// failures (untrusted certificate, wrong host name, no TLS on the port) are in TLSProxyTests.
    @Test func dropDuringTLSHandshakeIsRetriedWithAClearReason() throws {
        let server = try startServer()
        let child = try startHeadless("wss://127.0.0.1:\(server.port)/echo", ["--backoff-initial", "0.1", "--backoff-max", "0.2"])
        let closed = child.waitForJSON(timeout: 10, Self.isEvent("closed"))
        #expect(closed?["reason"] as? String == "TLS handshake with 127.0.0.1 failed: the connection closed during the handshake")
        #expect(closed?["code"] as? Int == 1006)
        #expect(closed?["by"] as? String == "network")
        #expect(child.waitForJSON(timeout: 5) { $0.event == "connecting" && $0["attempt"] as? Int == 2 } != nil)
        child.signal(SIGTERM)
        #expect(child.waitExit(timeout: 10) == 0)
        #expect(child.stderr == "")
    }

    // MARK: 5. bad flags

    @Test func badFlagsExitNonZeroNamingTheFlag() throws {
        for (args, flag) in [(["--ping-interval", "abc"], "--ping-interval"), (["--ping-interval", "-1"], "--ping-interval"),
                             (["--backoff-initial", "0"], "--backoff-initial"), (["--format", "xml"], "--format"),
                             (["--bogus"], "--bogus")] {
            let run = try Skydash.run(["connect", "ws://127.0.0.1:1/ws", "--headless"] + args)
            #expect(run.status != nil, "\(args)")
            #expect(run.status != 0, "\(args)")
            let firstLine = run.stderr.first ?? ""
            #expect(firstLine.contains(flag), "\(args): first stderr line '\(firstLine)' should name \(flag)")
            #expect(!run.stdout.contains { $0.contains("connecting") }, "\(args): must not connect")
        }
    }
}
