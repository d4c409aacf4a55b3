import Foundation
import TestSupport
import Testing
import WebSocketClient

/// wss and ws through nginx (Tests/peers/nginx.sh) to ws_server.py, with a private test CA.
/// One nginx and upstream serve the whole suite (starting and stopping nginx takes about 2 s); each
/// test uses its own query string (`?t=…`, ignored by the server's routing) so it can pick out the
/// upstream's log lines for its own connections. The tests run one at a time, as they always have.
@Suite(.serialized, .enabled(if: NginxProxy.isInstalled, "nginx is not installed (\(NginxProxy.nginxPath))"),
       SharedProxyScope())
struct TLSProxyTests {
    static let cjkOrder = #"{"type":1,"orderId":1001,"content":"订单号: 1764126000001 🍜"}"#

    private static let lock = NSLock()
    nonisolated(unsafe) private static var shared: NginxProxy?
    let teardown = Teardown()

    /// The suite's nginx plus upstream, started on first use.
    func proxy() throws -> NginxProxy {
        try Self.lock.withLock {
            if let p = Self.shared { return p }
            let p = try NginxProxy()
            Self.shared = p
            return p
        }
    }

    /// Stops the suite's nginx plus upstream, if started.
    fileprivate static func stopShared() {
        lock.withLock {
            shared?.stop()
            shared = nil
        }
    }

    /// The upstream's log lines of `event` for connections to `path` (path and query).
    func upstream(_ proxy: NginxProxy, _ event: String, path: String, timeout: Double = 5) -> [String: Any]? {
        proxy.upstream.child.waitForJSON(timeout: timeout) { $0.event == event && $0["path"] as? String == path }
    }

    func startProbe(_ url: String, caFile: String?) throws -> ClientProbe {
        let probe = try ClientProbe(url) { $0.caFile = caFile }
        teardown.add { probe.shutdown() }
        return probe
    }

    static func isText(_ e: ClientEvent) -> Bool { if case .text = e { true } else { false } }
    static func isRetrying(_ e: ClientEvent) -> Bool { if case .retrying = e { true } else { false } }

    /// Opens `base + path`, checks the CJK order arrives and an echo comes back, then closes with
    /// 1000 and checks what the upstream saw (through nginx: forwarded headers, the close code).
    func assertCJKAndEcho(_ base: String, path: String, caFile: String?, proxy: NginxProxy, scheme: String,
                          sourceLocation: SourceLocation = #_sourceLocation) throws {
        let probe = try startProbe(base + path, caFile: caFile)
        #expect(probe.waitFor(timeout: 10) { $0.isOpen } != nil, "events: \(probe.events)", sourceLocation: sourceLocation)
        #expect(probe.waitFor(timeout: 5, Self.isText) != nil, sourceLocation: sourceLocation)
        #expect(probe.texts.first == Self.cjkOrder, sourceLocation: sourceLocation)

        try probe.client.send(text: "回声 echo 🍜").wait()
        #expect(probe.waitForCount(2, timeout: 5, Self.isText), sourceLocation: sourceLocation)
        #expect(probe.texts.last == "回声 echo 🍜", sourceLocation: sourceLocation)

        let headers = upstream(proxy, "connect", path: path)?["headers"] as? [String: String] ?? [:]
        #expect(headers["x-forwarded-proto"] == scheme, "went through nginx: \(headers)", sourceLocation: sourceLocation)

        probe.client.close(code: 1000)
        try probe.client.stopped.wait()
        #expect(upstream(proxy, "closed", path: path, timeout: 10)?["code"] as? Int == 1000, sourceLocation: sourceLocation)
    }

    /// Runs the binary on a URL that must fail for good; returns its one stderr line (without the
    /// `skydash: ` prefix) after checking exit 1 and the jsonl events.
    func fatalBinaryRun(_ url: String, _ extra: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let run = try Skydash.run(["connect", url, "--headless", "--backoff-initial", "0.1"] + extra)
        #expect(run.status == 1, "\(run.stdout)", sourceLocation: sourceLocation)
        #expect(run.stderr.count == 1, "one stderr line: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.jsonLines.map { $0.event ?? "?" } == ["connecting", "failed"], "no retry loop", sourceLocation: sourceLocation)
        let message = run.stderr.first ?? ""
        #expect(message.hasPrefix("skydash: "), "\(message)", sourceLocation: sourceLocation)
        #expect(run.jsonLines.last?["reason"] as? String == String(message.dropFirst(9)), sourceLocation: sourceLocation)
        return String(message.dropFirst(9))
    }

    // MARK: - tests

    @Test func wssWithPrivateCAOpensAndCarriesCJK() throws {
        let proxy = try proxy()
        try assertCJKAndEcho("wss://localhost:\(proxy.wssPort)", path: "/cjk?t=wss-name", caFile: proxy.caFile,
                             proxy: proxy, scheme: "https")
    }

    /// The certificate also names IP 127.0.0.1: an IP literal URL is verified against it.
    @Test func wssToTheIPInTheCertificateOpens() throws {
        let proxy = try proxy()
        try assertCJKAndEcho("wss://127.0.0.1:\(proxy.wssPort)", path: "/cjk?t=wss-ip", caFile: proxy.caFile,
                             proxy: proxy, scheme: "https")
    }

    @Test func plainWSThroughTheProxy() throws {
        let proxy = try proxy()
        try assertCJKAndEcho("ws://127.0.0.1:\(proxy.wsPort)", path: "/cjk?t=ws", caFile: nil, proxy: proxy, scheme: "http")
    }

    /// The binary end to end over wss: the order line, then SIGTERM closes with 1000 and exits 0.
    @Test func headlessBinaryOverWSS() throws {
        let proxy = try proxy()
        let path = "/cjk?t=binary"
        let child = try Skydash.start(["connect", "wss://localhost:\(proxy.wssPort)\(path)", "--headless", "--ca-file", proxy.caFile])
        teardown.add { child.stop() }
        let order = child.waitForJSON(timeout: 10) { $0.event == "order" }
        #expect(order?["orderId"] as? Int == 1001)
        #expect(order?["content"] as? String == "订单号: 1764126000001 🍜")
        child.signal(SIGTERM)
        #expect(child.waitExit(timeout: 10) == 0)
        #expect(upstream(proxy, "closed", path: path, timeout: 10)?["code"] as? Int == 1000)
    }

    @Test func wrongCAIsFatalAndSaysTheCertificateIsNotTrusted() throws {
        let proxy = try proxy()
        let path = "/cjk?t=wrong-ca"
        let probe = try startProbe("wss://localhost:\(proxy.wssPort)\(path)", caFile: proxy.otherCAFile)
        guard case .failed(let reason)? = probe.waitFor(timeout: 10, { $0.isFailed }) else {
            Issue.record("no failure: \(probe.events)"); return
        }
        #expect(reason.hasPrefix("TLS handshake with localhost failed: its certificate is not trusted"), "\(reason)")
        #expect(reason.contains("--ca-file"), "says how to fix it: \(reason)")
        #expect(!probe.events.contains(where: Self.isRetrying), "no retry loop: \(probe.events)")
        #expect(!probe.events.contains { $0.isOpen })

        // The binary: exit 1 and the same reason as one stderr line.
        #expect(try fatalBinaryRun("wss://localhost:\(proxy.wssPort)\(path)", ["--ca-file", proxy.otherCAFile]) == reason)
        #expect(upstream(proxy, "connect", path: path, timeout: 0.2) == nil, "nginx never forwarded it")
    }

    /// Without --ca-file the private CA is not in the system store: the same clear, fatal failure.
    @Test func noCAFileIsFatalToo() throws {
        let proxy = try proxy()
        let message = try fatalBinaryRun("wss://localhost:\(proxy.wssPort)/cjk?t=no-ca")
        #expect(message.hasPrefix("TLS handshake with localhost failed: its certificate is not trusted"), "\(message)")
    }

    /// wss:// to nginx's plain port: nginx answers the TLS hello with an HTTP error page. That is
    /// not a certificate problem (a captive portal does the same until the merchant logs in): the
    /// client shows it and retries with backoff.
    @Test func wssToThePlainPortIsRetried() throws {
        let proxy = try proxy()
        let probe = try startProbe("wss://127.0.0.1:\(proxy.wsPort)/cjk?t=wss-plain", caFile: proxy.caFile)
        #expect(probe.waitFor(timeout: 10, Self.isRetrying) != nil, "\(probe.events)")
        #expect(!probe.events.contains { $0.isFailed }, "\(probe.events)")
        #expect(probe.events.contains { "\($0)".contains("the server does not speak TLS on this port (try ws://)") }, "\(probe.events)")
    }

    /// The certificate names `localhost` and 127.0.0.1; another name for 127.0.0.1 (the machine's
    /// own name in /etc/hosts) reaches the same nginx but must not pass (NIOSSL alone would let it:
    /// it accepts the certificate's IP 127.0.0.1 matching the connected address).
    @Test(.enabled(if: loopbackAlias() != nil, "no host name other than localhost resolves to 127.0.0.1 only"))
    func hostNameNotInTheCertificateIsFatal() throws {
        let alias = try #require(loopbackAlias())
        let proxy = try proxy()
        let path = "/cjk?t=mismatch"
        let probe = try startProbe("wss://\(alias):\(proxy.wssPort)\(path)", caFile: proxy.caFile)
        guard case .failed(let reason)? = probe.waitFor(timeout: 10, { $0.isFailed }) else {
            Issue.record("no failure for \(alias): \(probe.events)"); return
        }
        #expect(reason == "TLS handshake with \(alias) failed: the certificate is not for \(alias) (it is for localhost, 127.0.0.1)")
        #expect(!probe.events.contains(where: Self.isRetrying), "no retry loop: \(probe.events)")
        #expect(!probe.events.contains { $0.isOpen })
        #expect(upstream(proxy, "connect", path: path, timeout: 0.2) == nil, "the request (and its headers) never left")

        #expect(try fatalBinaryRun("wss://\(alias):\(proxy.wssPort)\(path)", ["--ca-file", proxy.caFile]) == reason)
    }
}

/// Stops TLSProxyTests' shared nginx once every test of the suite has run.
struct SharedProxyScope: SuiteTrait, TestScoping {
    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        defer { TLSProxyTests.stopShared() }
        try await function()
    }
}
