import Foundation
import Testing

/// What the binary does with a redirect and with a TLS handshake that is not a trust failure.
@Suite(.serialized) struct HandshakeOutcomeTests {
    /// A 3xx is fatal at once (exit 1), naming where it points, with that URL's token masked.
    @Test func redirectIsFatalAndNamesTheLocation() throws {
        let server = try PythonPeer("hostile_server.py")
        defer { server.stop() }
        let run = try Skydash.run(["connect", "ws://127.0.0.1:\(server.port)/x/redirect", "--headless", "--no-journal"], timeout: 15)
        #expect(run.status == 1, "\(run.stdout) \(run.stderr)")
        let reason = "handshake refused: HTTP 302 redirect to wss://moved.example/ws/?token=*** (not followed: use that URL if you trust it)"
        #expect(run.stderr == ["skydash: " + reason], "\(run.stderr)")
        let failed = run.jsonLines.first { $0.event == "failed" }
        #expect(failed?["reason"] as? String == reason)
        #expect(run.jsonLines.filter { $0.event == "connecting" }.count == 1, "no retry: \(run.stdout)")
        #expect(!(run.stdout + run.stderr).joined().contains("R3dirS3cret"))
    }

    /// wss:// answered in plain HTTP (a captive portal): shown, and retried with backoff.
    @Test func plainHTTPOnAWSSPortIsRetried() throws {
        let server = try PythonPeer("hostile_server.py", ["--mode", "plainhttp"])
        defer { server.stop() }
        let live = try ChildProcess(executable: Paths.skydash, arguments: [
            "connect", "wss://127.0.0.1:\(server.port)/ws/", "--headless", "--no-journal",
            "--backoff-initial", "0.05", "--backoff-max", "0.1",
        ])
        defer { live.stop() }
        #expect(live.waitForJSON(timeout: 15) { $0.event == "connecting" && $0["attempt"] as? Int == 3 } != nil, "\(live.lines)")
        let closed = live.jsonLines.first { $0.event == "closed" }
        #expect(closed?["reason"] as? String == "TLS handshake with 127.0.0.1 failed: the server does not speak TLS on this port (try ws://)",
                "\(live.lines)")
        #expect(live.jsonLines.contains { $0.event == "retrying" })
        #expect(!live.jsonLines.contains { $0.event == "failed" })
        #expect(server.child.jsonLines.contains { $0["tls_hello"] as? Bool == true })
        live.signal(SIGTERM)
        #expect(live.waitExit() == 0)
    }
}
