import Foundation
import WebSocketClient
import XCTest

/// wss and ws through nginx (Tests/peers/nginx.sh) to ws_server.py, with a private test CA.
/// One nginx and upstream serve the whole class (starting and stopping nginx takes about 2 s); each
/// test uses its own query string (`?t=…`, ignored by the server's routing) so it can pick out the
/// upstream's log lines for its own connections.
final class TLSProxyTests: XCTestCase {
    static let cjkOrder = #"{"type":1,"orderId":1001,"content":"订单号: 1764126000001 🍜"}"#

    private static let lock = NSLock()
    nonisolated(unsafe) private static var shared: NginxProxy?

    /// The class's nginx plus upstream, started on first use.
    func proxy() throws -> NginxProxy {
        guard NginxProxy.isInstalled else { throw XCTSkip("nginx is not installed (\(NginxProxy.nginxPath))") }
        return try Self.lock.withLock {
            if let p = Self.shared { return p }
            let p = try NginxProxy()
            Self.shared = p
            return p
        }
    }

    override class func tearDown() {
        lock.withLock {
            shared?.stop()
            shared = nil
        }
        super.tearDown()
    }

    /// The upstream's log lines of `event` for connections to `path` (path and query).
    func upstream(_ proxy: NginxProxy, _ event: String, path: String, timeout: Double = 5) -> [String: Any]? {
        proxy.upstream.child.waitForJSON(timeout: timeout) { $0.event == event && $0["path"] as? String == path }
    }

    func startProbe(_ url: String, caFile: String?) throws -> ClientProbe {
        let probe = try ClientProbe(url) { $0.caFile = caFile }
        addTeardownBlock { probe.shutdown() }
        return probe
    }

    static func isText(_ e: ClientEvent) -> Bool { if case .text = e { true } else { false } }
    static func isRetrying(_ e: ClientEvent) -> Bool { if case .retrying = e { true } else { false } }

    /// Opens `base + path`, checks the CJK order arrives and an echo comes back, then closes with
    /// 1000 and checks what the upstream saw (through nginx: forwarded headers, the close code).
    func assertCJKAndEcho(_ base: String, path: String, caFile: String?, proxy: NginxProxy, scheme: String,
                          file: StaticString = #filePath, line: UInt = #line) throws {
        let probe = try startProbe(base + path, caFile: caFile)
        XCTAssertNotNil(probe.waitFor(timeout: 10) { $0.isOpen }, "events: \(probe.events)", file: file, line: line)
        XCTAssertNotNil(probe.waitFor(timeout: 5, Self.isText), file: file, line: line)
        XCTAssertEqual(probe.texts.first, Self.cjkOrder, file: file, line: line)

        try probe.client.send(text: "回声 echo 🍜").wait()
        XCTAssertTrue(probe.waitForCount(2, timeout: 5, Self.isText), file: file, line: line)
        XCTAssertEqual(probe.texts.last, "回声 echo 🍜", file: file, line: line)

        let headers = upstream(proxy, "connect", path: path)?["headers"] as? [String: String] ?? [:]
        XCTAssertEqual(headers["x-forwarded-proto"], scheme, "went through nginx: \(headers)", file: file, line: line)

        probe.client.close(code: 1000)
        try probe.client.stopped.wait()
        XCTAssertEqual(upstream(proxy, "closed", path: path, timeout: 10)?["code"] as? Int, 1000, file: file, line: line)
    }

    /// Runs the binary on a URL that must fail for good; returns its one stderr line (without the
    /// `skydash: ` prefix) after checking exit 1 and the jsonl events.
    func fatalBinaryRun(_ url: String, _ extra: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let run = try Skydash.run(["connect", url, "--headless", "--backoff-initial", "0.1"] + extra)
        XCTAssertEqual(run.status, 1, "\(run.stdout)", file: file, line: line)
        XCTAssertEqual(run.stderr.count, 1, "one stderr line: \(run.stderr)", file: file, line: line)
        XCTAssertEqual(run.jsonLines.map { $0.event ?? "?" }, ["connecting", "failed"], "no retry loop", file: file, line: line)
        let message = run.stderr.first ?? ""
        XCTAssertTrue(message.hasPrefix("skydash: "), message, file: file, line: line)
        XCTAssertEqual(run.jsonLines.last?["reason"] as? String, String(message.dropFirst(9)), file: file, line: line)
        return String(message.dropFirst(9))
    }

    // MARK: - tests

    func testWSSWithPrivateCAOpensAndCarriesCJK() throws {
        let proxy = try proxy()
        try assertCJKAndEcho("wss://localhost:\(proxy.wssPort)", path: "/cjk?t=wss-name", caFile: proxy.caFile,
                             proxy: proxy, scheme: "https")
    }

    /// The certificate also names IP 127.0.0.1: an IP literal URL is verified against it.
    func testWSSToTheIPInTheCertificateOpens() throws {
        let proxy = try proxy()
        try assertCJKAndEcho("wss://127.0.0.1:\(proxy.wssPort)", path: "/cjk?t=wss-ip", caFile: proxy.caFile,
                             proxy: proxy, scheme: "https")
    }

    func testPlainWSThroughTheProxy() throws {
        let proxy = try proxy()
        try assertCJKAndEcho("ws://127.0.0.1:\(proxy.wsPort)", path: "/cjk?t=ws", caFile: nil, proxy: proxy, scheme: "http")
    }

    /// The binary end to end over wss: the order line, then SIGTERM closes with 1000 and exits 0.
    func testHeadlessBinaryOverWSS() throws {
        let proxy = try proxy()
        let path = "/cjk?t=binary"
        let child = try Skydash.start(["connect", "wss://localhost:\(proxy.wssPort)\(path)", "--headless", "--ca-file", proxy.caFile])
        addTeardownBlock { child.stop() }
        let order = child.waitForJSON(timeout: 10) { $0.event == "order" }
        XCTAssertEqual(order?["orderId"] as? Int, 1001)
        XCTAssertEqual(order?["content"] as? String, "订单号: 1764126000001 🍜")
        child.signal(SIGTERM)
        XCTAssertEqual(child.waitExit(timeout: 10), 0)
        XCTAssertEqual(upstream(proxy, "closed", path: path, timeout: 10)?["code"] as? Int, 1000)
    }

    func testWrongCAIsFatalAndSaysTheCertificateIsNotTrusted() throws {
        let proxy = try proxy()
        let path = "/cjk?t=wrong-ca"
        let probe = try startProbe("wss://localhost:\(proxy.wssPort)\(path)", caFile: proxy.otherCAFile)
        guard case .failed(let reason)? = probe.waitFor(timeout: 10, { $0.isFailed }) else {
            return XCTFail("no failure: \(probe.events)")
        }
        XCTAssertTrue(reason.hasPrefix("TLS handshake with localhost failed: its certificate is not trusted"), reason)
        XCTAssertTrue(reason.contains("--ca-file"), "says how to fix it: \(reason)")
        XCTAssertFalse(probe.events.contains(where: Self.isRetrying), "no retry loop: \(probe.events)")
        XCTAssertFalse(probe.events.contains { $0.isOpen })

        // The binary: exit 1 and the same reason as one stderr line.
        XCTAssertEqual(try fatalBinaryRun("wss://localhost:\(proxy.wssPort)\(path)", ["--ca-file", proxy.otherCAFile]), reason)
        XCTAssertNil(upstream(proxy, "connect", path: path, timeout: 0.2), "nginx never forwarded it")
    }

    /// Without --ca-file the private CA is not in the system store: the same clear, fatal failure.
    func testNoCAFileIsFatalToo() throws {
        let proxy = try proxy()
        let message = try fatalBinaryRun("wss://localhost:\(proxy.wssPort)/cjk?t=no-ca")
        XCTAssertTrue(message.hasPrefix("TLS handshake with localhost failed: its certificate is not trusted"), message)
    }

    /// wss:// to nginx's plain port: nginx answers the TLS hello with an HTTP error page. That is
    /// not a certificate problem (a captive portal does the same until the merchant logs in): the
    /// client shows it and retries with backoff.
    func testWSSToThePlainPortIsRetried() throws {
        let proxy = try proxy()
        let probe = try startProbe("wss://127.0.0.1:\(proxy.wsPort)/cjk?t=wss-plain", caFile: proxy.caFile)
        XCTAssertNotNil(probe.waitFor(timeout: 10, Self.isRetrying), "\(probe.events)")
        XCTAssertFalse(probe.events.contains { $0.isFailed }, "\(probe.events)")
        XCTAssertTrue(probe.events.contains { "\($0)".contains("the server does not speak TLS on this port (try ws://)") }, "\(probe.events)")
    }

    /// The certificate names `localhost` and 127.0.0.1; another name for 127.0.0.1 (the machine's
    /// own name in /etc/hosts) reaches the same nginx but must not pass (NIOSSL alone would let it:
    /// it accepts the certificate's IP 127.0.0.1 matching the connected address).
    func testHostNameNotInTheCertificateIsFatal() throws {
        guard let alias = loopbackAlias() else { throw XCTSkip("no host name other than localhost resolves to 127.0.0.1 only") }
        let proxy = try proxy()
        let path = "/cjk?t=mismatch"
        let probe = try startProbe("wss://\(alias):\(proxy.wssPort)\(path)", caFile: proxy.caFile)
        guard case .failed(let reason)? = probe.waitFor(timeout: 10, { $0.isFailed }) else {
            return XCTFail("no failure for \(alias): \(probe.events)")
        }
        XCTAssertEqual(reason, "TLS handshake with \(alias) failed: the certificate is not for \(alias) (it is for localhost, 127.0.0.1)")
        XCTAssertFalse(probe.events.contains(where: Self.isRetrying), "no retry loop: \(probe.events)")
        XCTAssertFalse(probe.events.contains { $0.isOpen })
        XCTAssertNil(upstream(proxy, "connect", path: path, timeout: 0.2), "the request (and its headers) never left")

        XCTAssertEqual(try fatalBinaryRun("wss://\(alias):\(proxy.wssPort)\(path)", ["--ca-file", proxy.caFile]), reason)
    }
}
