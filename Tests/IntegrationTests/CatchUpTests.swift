import Foundation
import Testing

/// Never miss an order: the catch-up check over the admin API, against `skydash serve`.
@Suite struct CatchUpTests {
    static func serve() throws -> (ChildProcess, Int) {
        let serve = try ChildProcess(executable: Paths.skydash, arguments: ["serve", "--port", "0", "--no-ticker", "--rate", "0", "--seed", "7"])
        let listening = serve.waitForLine { $0.contains("listening on ws://127.0.0.1:") }
        guard let port = listening.flatMap({ line in
            line.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression).map { Int(line[$0].dropFirst(10))! }
        }) else { serve.stop(); throw PeerError("serve did not start: \(serve.stderr)") }
        return (serve, port)
    }

    static func connect(_ port: Int, _ extra: [String] = []) throws -> ChildProcess {
        try ChildProcess(executable: Paths.skydash, arguments: [
            "connect", "ws://127.0.0.1:\(port)/ws/", "--headless", "--no-journal", "--user", "admin", "--reconcile", "1",
        ] + extra, environment: ["SKYDASH_PASSWORD": "123456"])
    }

    /// Orders paid while skydash was not running are shown when it connects, once each, marked.
    @Test func ordersPaidWhileOfflineAreFoundAtOpen() throws {
        let (serve, port) = try Self.serve()
        defer { serve.stop() }
        serve.writeStdin("order 501\norder 502\n")
        #expect(serve.waitForLine { $0.contains("502") } != nil)
        let client = try Self.connect(port)
        defer { client.stop() }
        #expect(client.waitForJSON { $0.event == "found" && ($0["orderId"] as? Int) == 502 } != nil, "\(client.lines) \(client.stderr)")
        let found = client.jsonLines.filter { $0.event == "found" }
        #expect(found.compactMap { $0["orderId"] as? Int }.sorted() == [501, 502])
        #expect(found.allSatisfy { $0["how"] as? String == "offline" })
        let order = found.first?["order"] as? [String: Any]
        #expect(order?["status"] as? Int == 2 && order?["amount"] != nil && (order?["orderDetailList"] as? [Any])?.isEmpty == false)
        // announced orders are not found again; later checks find nothing new
        serve.writeStdin("order 503\n")
        #expect(client.waitForJSON { $0.event == "order" && ($0["orderId"] as? Int) == 503 } != nil)
        Thread.sleep(forTimeInterval: 2.5)
        #expect(client.jsonLines.filter { $0.event == "found" }.count == 2)
    }

    /// Orders paid during a drop (the backend down or the network gone) are found at the reopen.
    @Test func ordersPaidDuringADropAreFoundAtTheReopen() throws {
        let (serve, port) = try Self.serve()
        defer { serve.stop() }
        let client = try Self.connect(port, ["--backoff-initial", "2", "--backoff-max", "2"])
        defer { client.stop() }
        #expect(client.waitForJSON { $0.event == "open" } != nil)
        serve.writeStdin("drop\n")
        #expect(client.waitForJSON { $0.event == "retrying" } != nil)
        serve.writeStdin("order 601\n")   // pushed to nobody: no session is open
        #expect(client.waitForJSON(timeout: 15) { $0.event == "found" && ($0["orderId"] as? Int) == 601 } != nil, "\(client.lines)")
        #expect(client.jsonLines.first { $0.event == "found" }?["how"] as? String == "offline")
        #expect(!client.jsonLines.contains { $0.event == "order" && ($0["orderId"] as? Int) == 601 })
    }

    /// The backend forgets our sid (another session with the same id closed: the real backend's
    /// map quirk) while the connection stays open: the check finds what was never announced, says
    /// the session is deaf and reconnects; the order is shown once.
    @Test func aDeafSessionIsFoundAndReconnected() throws {
        let (serve, port) = try Self.serve()
        defer { serve.stop() }
        let client = try Self.connect(port, ["--client-id", "deafme", "--deaf-after", "2"])
        defer { client.stop() }
        #expect(client.waitForJSON { $0.event == "open" } != nil)
        Thread.sleep(forTimeInterval: 1.5)   // the open's check has run: the baseline is set
        // a second session with our id, closed: the backend's map loses "deafme"
        let other = try ChildProcess(executable: Paths.skydash, arguments: ["connect", "ws://127.0.0.1:\(port)/ws/deafme", "--headless", "--no-journal"])
        #expect(other.waitForJSON { $0.event == "open" } != nil)
        other.signal(SIGTERM)
        #expect(other.waitExit() == 0)
        serve.writeStdin("order 701\n")
        let deaf = client.waitForJSON(timeout: 10) { $0.event == "deaf" }
        #expect(deaf?["orderId"] as? Int == 701, "\(client.lines)")
        #expect(client.jsonLines.filter { $0.event == "found" && ($0["orderId"] as? Int) == 701 }.first?["how"] as? String == "check")
        #expect(client.waitForCount(2, timeout: 10) { $0.event == "open" })
        #expect(client.jsonLines.filter { ($0["orderId"] as? Int) == 701 && ($0.event == "found" || $0.event == "order") }.count == 1)
    }

    /// Without credentials the session still works; the catch-up is off and says nothing on stdout.
    @Test func withoutALoginTheSessionStillWorks() throws {
        let (serve, port) = try Self.serve()
        defer { serve.stop() }
        let client = try ChildProcess(executable: Paths.skydash, arguments: ["connect", "ws://127.0.0.1:\(port)/ws/", "--headless", "--no-journal"])
        defer { client.stop() }
        #expect(client.waitForJSON { $0.event == "open" } != nil)
        serve.writeStdin("order 801\n")
        #expect(client.waitForJSON { $0.event == "order" && ($0["orderId"] as? Int) == 801 } != nil)
    }

    /// A wrong password: the WebSocket side keeps working and the failing check is said once.
    @Test func aFailingLoginIsSaidOnceAndOrdersStillArrive() throws {
        let (serve, port) = try Self.serve()
        defer { serve.stop() }
        let client = try ChildProcess(executable: Paths.skydash, arguments: [
            "connect", "ws://127.0.0.1:\(port)/ws/", "--headless", "--no-journal", "--user", "admin", "--reconcile", "1",
        ], environment: ["SKYDASH_PASSWORD": "wrong"])
        defer { client.stop() }
        #expect(client.waitForJSON { $0.event == "error" && ($0["message"] as? String)?.contains("catch-up check failed") == true } != nil)
        serve.writeStdin("order 901\n")
        #expect(client.waitForJSON { $0.event == "order" && ($0["orderId"] as? Int) == 901 } != nil)
        Thread.sleep(forTimeInterval: 2.5)
        #expect(client.jsonLines.filter { $0.event == "error" }.count == 1)
        #expect(!client.lines.joined().contains("wrong"))
    }
}
