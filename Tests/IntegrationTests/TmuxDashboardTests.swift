import Foundation
import TestSupport
import Testing

/// The real dashboard (`skydash connect URL`, no --headless) end to end inside a private tmux
/// server, against `ws_server.py` on 127.0.0.1. Each test has its own tmux socket and its own
/// Python peer, and kills both on the way out. The screen is read with `capture-pane` and polled
/// (never long fixed sleeps).
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct TmuxDashboardTests {
    /// The dashboard under tmux, started by a wrapper that prints a marker before it and its exit
    /// status after it, then lingers so the pane can be inspected. `before` and `afterExit` are
    /// shell commands run in the pane before skydash starts and after it exits (e.g. `stty -a`).
    final class Rig {
        let server: PythonPeer
        let tmux: TmuxSession
        let scriptDir: TempDir

        init(path: String = "/echo", script: [String] = [], arguments: [String] = [],
             cols: Int = 80, rows: Int = 24, environment: [String: String] = [:],
             before: String = "", afterExit: String = "") throws {
            scriptDir = try TempDir("skydash-script")
            var peerArgs: [String] = []
            if !script.isEmpty {
                peerArgs = ["--script", try scriptDir.write("script.txt", script.joined(separator: "\n") + "\n")]
            }
            server = try PythonPeer("ws_server.py", peerArgs)
            let url = "ws://127.0.0.1:\(server.port)\(path)"
            let cmd = ([Paths.skydash.path, "connect", url] + arguments).map(shellQuote).joined(separator: " ")
            let wrapper = "\(before)printf 'BEFORE-SKYDASH\\n'; \(cmd); echo \"EXIT=$?\"; \(afterExit)sleep 30"
            do {
                tmux = try TmuxSession(command: wrapper, cols: cols, rows: rows, environment: environment)
            } catch {
                server.stop()
                throw error
            }
        }

        func stop() {
            tmux.kill()
            // The peer inherits this process's blocked signal mask (SIGTERM blocked), so its
            // graceful stop would wait 3 s before SIGKILL; nothing is needed from it any more.
            if server.child.process.isRunning { kill(server.child.process.processIdentifier, SIGKILL) }
            server.stop()
            scriptDir.remove()
        }

        deinit { stop() }

        /// Waits for the dashboard's header to say the connection is open.
        @discardableResult
        func waitOpen() throws -> [String] {
            try tmux.waitForScreen("the header saying open") { s in
                s.first.map { $0.hasPrefix(" skydash ") && $0.contains("open") } ?? false
            }
        }

        /// Waits for the server's JSON event matching `predicate` (5 s).
        func serverEvent(_ what: String, timeout: Double = 5, _ predicate: @escaping ([String: Any]) -> Bool) throws -> [String: Any] {
            guard let e = server.child.waitForJSON(timeout: timeout, predicate) else {
                throw PeerError("server never logged \(what); server lines:\n\(server.child.lines.joined(separator: "\n"))\nscreen:\n"
                                + TmuxSession.dump(tmux.capture()))
            }
            return e
        }
    }

    static func event(_ name: String, conn: Int? = nil) -> ([String: Any]) -> Bool {
        { e in e["event"] as? String == name && (conn == nil || e["conn"] as? Int == conn) }
    }

    /// SGR sequences removed: what the row says.
    static func plain(_ line: String) -> String {
        line.replacingOccurrences(of: "\u{1B}\\[[0-9;:]*m", with: "", options: .regularExpression)
    }

    // MARK: 1. new order: content, alignment, bell

    @Test func newOrderAppearsAlignedAndRaisesTheBellFlag() throws {
        let cjk = "订单号: 1764126000001 🍜 " + String(repeating: "黄焖鸡米饭加辣", count: 5)
        let rig = try Rig(path: "/script?interval_ms=700", script: [
            "这是来自服务端的消息:12:00:05",
            #"{"type":1,"orderId":1764126000001,"content":"\#(cjk)"}"#,
            #"{"orderId":42,"type":1,"content":"order no: 42 plain ascii"}"#,
        ])
        defer { rig.stop() }
        let t = rig.tmux
        // The ticker comes first and rings nothing. (The dashboard's window is not the current
        // one, so tmux flags its bell: see TmuxSession.)
        try t.waitForText("这是来自服务端的消息:12:00:05")
        #expect(t.display("#{window_index}:#{window_active}") == "0:0")
        #expect(t.display("#{window_bell_flag}") == "0")

        let screen = try t.waitForScreen("both orders") { s in
            s.contains { $0.contains("订单号: 1764126000001") } && s.contains { $0.contains("order no: 42") }
        }
        try t.waitForFormat("#{window_bell_flag}", "1")

        #expect(screen[0].hasPrefix(" skydash "))
        let title = try #require(screen.first { $0.contains("CONTENT") })
        let cjkRow = try #require(screen.first { $0.contains("订单号: 1764126000001") })
        let asciiRow = try #require(screen.first { $0.contains("order no: 42") })
        let contentX = try #require(displayColumn(of: "CONTENT", in: title))
        #expect(displayColumn(of: "订单号", in: cjkRow) == contentX)
        #expect(displayColumn(of: "order no", in: asciiRow) == contentX)
        #expect(displayColumn(of: " 1764126000001 ", in: cjkRow) == displayColumn(of: " 42 ", in: asciiRow))
        // The long CJK content is cut to the pane with an ellipsis, never wrapped or overflowing.
        #expect(cjkRow.hasSuffix("…"))
        #expect((79...80).contains(displayWidth(cjkRow)), "row is \(displayWidth(cjkRow)) columns: \(cjkRow)")
        #expect(screen.count == 24)
        // Newest first: the ASCII order (sent last) is above the CJK one.
        let ia = try #require(screen.firstIndex(of: asciiRow)), ic = try #require(screen.firstIndex(of: cjkRow))
        #expect(ia < ic)
    }

    // MARK: 2. reminder flashes until acknowledged

    @Test func reminderFlashesUntilAcknowledged() throws {
        let rig = try Rig(path: "/script?interval_ms=50", script: [
            #"{"type":1,"orderId":1001,"content":"订单号: 1001"}"#,
            #"{"type":2,"orderId":1002,"content":"订单号: 1002 客户催单"}"#,
        ])
        defer { rig.stop() }
        let t = rig.tmux
        try t.waitForScreen("the banner and both rows") { s in
            s.contains { $0.contains("REMINDER: order 1002") } && s.contains { $0.contains("订单号: 1001") }
                && s.contains { $0.contains("订单号: 1002 客户催单") }
        }
        func line(_ needle: String, _ s: [String]) -> String? { s.first { Self.plain($0).contains(needle) } }

        // Sample every ~300 ms: the text of the banner and of the reminder row stays, their
        // attributes alternate.
        var bannerLooks = Set<String>(), rowLooks = Set<String>()
        var bannerTexts = Set<String>(), rowTexts = Set<String>()
        for k in 0..<14 {
            if k > 0 { usleep(300_000) }
            let s = t.capture(escapes: true)
            let banner = try #require(line("REMINDER: order 1002", s), "\(TmuxSession.dump(s))")
            let row = try #require(line("订单号: 1002", s))
            bannerLooks.insert(banner); rowLooks.insert(row)
            bannerTexts.insert(Self.plain(banner)); rowTexts.insert(Self.plain(row))
            if k >= 4, bannerLooks.count > 1, rowLooks.count > 1 { break }
        }
        #expect(bannerTexts.count == 1 && rowTexts.count == 1, "text changed: \(bannerTexts) \(rowTexts)")
        #expect(bannerLooks.count > 1, "the banner does not flash: \(bannerLooks)")
        #expect(rowLooks.count > 1, "the reminder row does not flash: \(rowLooks)")

        // The reminder is the newest row and selected (›). Down selects the new order; Enter
        // acknowledges it, and the reminder keeps flashing.
        var s = t.capture()
        #expect(line("订单号: 1002", s)?.hasPrefix("›") == true)
        try t.keys("Down")
        s = try t.waitForScreen("the selection on 1001") { line("订单号: 1001", $0)?.hasPrefix("›") == true }
        #expect(line("订单号: 1002", s)?.hasPrefix("›") == false)
        try t.keys("Enter")
        try t.waitForScreen("unacked 1") { $0[1].contains("unacked 1") }
        #expect(t.capture().contains { $0.contains("REMINDER: order 1002") })

        // k back to the reminder, Enter: banner gone, the row stays still.
        try t.keys("k")
        try t.waitForScreen("the selection on 1002") { line("订单号: 1002", $0)?.hasPrefix("›") == true }
        try t.keys("Enter")
        s = try t.waitForScreen("the banner gone") { s in
            !s.contains { $0.contains("REMINDER") } && s[1].contains("unacked 0")
        }
        var still = Set<String>()
        for k in 0..<4 {
            if k > 0 { usleep(300_000) }
            still.insert(try #require(line("订单号: 1002", t.capture(escapes: true))))
        }
        #expect(still.count == 1, "still flashing after Enter: \(still)")
    }

    // MARK: 3. compose

    @Test func composeSendsCJKAndBackspaceRemovesAWholeCharacter() throws {
        let rig = try Rig(path: "/echo")
        defer { rig.stop() }
        let t = rig.tmux
        try rig.waitOpen()
        try t.keys("i")
        try t.waitForScreen("the composer") { $0.last?.hasPrefix("send> ") == true }
        try t.type("你好 hello")
        try t.waitForScreen("the typed text") { $0.last?.hasPrefix("send> 你好 hello") == true }
        // The cursor sits after the text, counting 你 and 好 as two columns each.
        #expect(t.display("#{cursor_x},#{cursor_y}") == "16,23")
        try t.keys("Enter")
        let recv = try rig.serverEvent("recv of 你好 hello", Self.event("recv"))
        #expect(recv["text"] as? String == "你好 hello")
        #expect(recv["length"] as? Int == "你好 hello".utf8.count)

        try t.keys("i")
        try t.waitForScreen("the composer again") { $0.last?.hasPrefix("send> ") == true }
        try t.type("ab你")
        try t.waitForScreen("ab你") { $0.last?.hasPrefix("send> ab你") == true }
        try t.keys("BSpace")
        let s = try t.waitForScreen("ab after backspace") { s in
            guard let l = s.last, l.hasPrefix("send> ab") else { return false }
            return !l.contains("你")
        }
        #expect(s.last.map { !$0.contains("�") && !$0.contains("?") } == true, "\(s.last ?? "")")
        #expect(t.display("#{cursor_x}") == "8")
        try t.type("c")
        try t.keys("Enter")
        let second = try rig.serverEvent("recv of abc") { e in Self.event("recv")(e) && e["text"] as? String != "你好 hello" }
        #expect(second["text"] as? String == "abc")
    }

    // MARK: 4. close, reconnect, quit

    @Test func closeThenReconnectThenQuitRestoresTheScreen() throws {
        let rig = try Rig(path: "/echo")
        defer { rig.stop() }
        let t = rig.tmux
        try rig.waitOpen()
        #expect(t.display("#{alternate_on}") == "1")
        _ = try rig.serverEvent("connect 1", Self.event("connect", conn: 1))

        try t.keys("c")
        try t.waitForScreen("the close confirmation") { $0.last?.contains("Close the session? y/n") == true }
        try t.keys("y")
        let closed = try rig.serverEvent("closed 1", Self.event("closed", conn: 1))
        #expect(closed["code"] as? Int == 1000)
        let s = try t.waitForScreen("closed by you") { $0[0].contains("closed by you") }
        #expect(s.last?.contains("disconnected") == true, "\(s.last ?? "")")
        // Still closed a moment later: no automatic reconnect after the merchant's close.
        usleep(700_000)
        #expect(t.capture()[0].contains("closed by you"))
        #expect(rig.server.child.count(where: Self.event("connect")) == 1)

        try t.keys("r")
        _ = try rig.serverEvent("connect 2", Self.event("connect", conn: 2))
        try rig.waitOpen()

        try t.keys("q")
        let after = try t.waitForText("EXIT=")
        #expect(after.contains("EXIT=0"), "\(TmuxSession.dump(after))")
        #expect(after.first == "BEFORE-SKYDASH")
        #expect(!after.contains { $0.contains("skydash") && $0.contains("open") })
        #expect(t.display("#{alternate_on}") == "0")
        let quitClose = try rig.serverEvent("closed 2", Self.event("closed", conn: 2))
        #expect(quitClose["code"] as? Int == 1000)
    }

    // MARK: 5. resize

    @Test func resizeRedrawsAndTinySizeShowsTheNotice() throws {
        let rig = try Rig(path: "/script?interval_ms=50", script: [
            #"{"type":1,"orderId":7,"content":"订单号: 7"}"#,
        ])
        defer { rig.stop() }
        let t = rig.tmux
        try t.waitForText("订单号: 7")
        func separatorRow(_ s: [String]) -> Int? { s.firstIndex { $0.contains("messages & errors") } }
        var s = t.capture()
        #expect(s.count == 24 && separatorRow(s) == 18)
        #expect(s.last?.contains("c close") == true)

        try t.resize(cols: 60, rows: 20)
        let footer60 = " Enter ack · A all · i send · v msgs · ? help · q quit"
        s = try t.waitForScreen("the 60×20 layout") { s in
            s.count == 20 && s.last?.trimmingCharacters(in: .whitespaces) == footer60.trimmingCharacters(in: .whitespaces)
                && separatorRow(s) == 15
        }
        let sep = s[15]
        #expect(displayWidth(sep) == 60 && sep.hasSuffix("─"), "\(sep)")
        #expect(s.allSatisfy { displayWidth($0) <= 60 })
        #expect(s[0].hasPrefix(" skydash "))
        #expect(s.contains { $0.contains("订单号: 7") })

        try t.resize(cols: 30, rows: 6)
        s = try t.waitForScreen("the too-small notice") { s in
            s.count == 6 && s.contains { $0.contains("terminal too small") }
        }
        #expect(s.contains { $0.contains("terminal too small — need 40×8") }, "\(TmuxSession.dump(s))")
        #expect(!s.contains { $0.contains("skydash") })

        try t.resize(cols: 80, rows: 24)
        s = try t.waitForScreen("the 80×24 layout again") { s in
            s.count == 24 && s[0].hasPrefix(" skydash ") && separatorRow(s) == 18 && s.last?.contains("c close") == true
        }
        #expect(!s.contains { $0.contains("terminal too small") })
        #expect(s.contains { $0.contains("订单号: 7") })
        #expect(displayWidth(s[18]) == 80)
    }

    // MARK: 6. hostile content

    @Test func hostileServerTextIsNeverInterpreted() throws {
        let esc = "\u{1B}", bel = "\u{07}", del = "\u{7F}", csi8 = "\u{9B}"
        let raw = "X\(esc)]0;PWNED2\(bel)\(esc)[41mRAW\(esc)[2J\(csi8)1;1H\(del)\(esc)cY"
        let rig = try Rig(path: "/script?interval_ms=50", script: [
            #"{"type":1,"orderId":666,"content":"A\u001b]0;PWNED\u0007B\u001b[41mRED\u001b[2JC\u009b31mD\u007fE"}"#,
            raw,
        ])
        defer { rig.stop() }
        let t = rig.tmux
        let titleBefore = t.display("#{pane_title}")
        let s = try t.waitForScreen("both hostile messages shown") { s in
            s.contains { $0.contains("ABREDCD^?E") } && s.contains { $0.contains("XRAW^?Y") }
        }
        #expect(!titleBefore.contains("PWNED"))
        #expect(t.display("#{pane_title}") == titleBefore)
        #expect(s[0].hasPrefix(" skydash "), "the header is gone:\n\(TmuxSession.dump(s))")
        #expect(s[1].contains("orders 1"))
        #expect(s.last?.contains("q quit") == true)
        let colored = t.capture(escapes: true)
        let red = colored.filter { $0.range(of: "\u{1B}\\[([0-9;]*;)?41[;m]", options: .regularExpression) != nil }
        #expect(red.isEmpty, "red background on: \(red)")
        #expect(t.display("#{alternate_on}") == "1")
    }

    // MARK: 7. signals

    @Test(arguments: [SIGTERM, SIGHUP])
    func signalClosesWith1000AndRestoresTheTerminal(signal: Int32) throws {
        let rig = try Rig(path: "/echo")
        defer { rig.stop() }
        let t = rig.tmux
        try rig.waitOpen()
        let pids = t.descendants(named: "skydash")
        let pid = try #require(pids.count == 1 ? pids[0] : nil, "skydash pids under the pane: \(pids)")
        #expect(kill(pid, signal) == 0)
        let closed = try rig.serverEvent("closed", Self.event("closed", conn: 1))
        #expect(closed["code"] as? Int == 1000)
        let s = try t.waitForText("EXIT=")
        let expected = signal == SIGHUP ? "EXIT=129" : "EXIT=0"
        #expect(s.contains(expected), "\(TmuxSession.dump(s))")
        #expect(s.first == "BEFORE-SKYDASH")
        #expect(!s.contains { $0.hasPrefix(" skydash ") })
        #expect(t.display("#{alternate_on}") == "0")
    }

    // MARK: 8. NO_COLOR (once themes exist)

    @Test func noColorMeansAttributesOnly() throws {
        let rig = try Rig(path: "/script?interval_ms=50", script: [
            #"{"type":1,"orderId":1,"content":"订单号: 1"}"#,
            #"{"type":2,"orderId":2,"content":"订单号: 2"}"#,
        ], environment: ["NO_COLOR": "1"])
        defer { rig.stop() }
        let t = rig.tmux
        try t.waitForText("REMINDER: order 2")
        let s = t.capture(escapes: true).joined(separator: "\n")
        // Any SGR colour parameter other than the defaults (39/49) that tmux writes after a reset.
        let sgr = try NSRegularExpression(pattern: "\u{1B}\\[([0-9;:]*)m")
        var colours: [String] = []
        for m in sgr.matches(in: s, range: NSRange(s.startIndex..., in: s)) {
            let params = (s as NSString).substring(with: m.range(at: 1)).split(separator: ";").compactMap { Int($0) }
            if params.contains(where: { (30...38).contains($0) || (40...48).contains($0) || (90...107).contains($0) }) {
                colours.append((s as NSString).substring(with: m.range))
            }
        }
        #expect(colours.isEmpty, "colour codes under NO_COLOR: \(colours.map { $0.debugDescription })")
        #expect(s.contains("\u{1B}[1m") || s.contains(";1m") || s.contains("[1;"), "no attributes either")
    }

    // MARK: 9. a non-UTF-8 locale

    /// Under `LC_ALL=C` the dashboard draws ASCII only: `?` for what the locale cannot show,
    /// ASCII borders and markers, never raw UTF-8 bytes (mojibake).
    @Test func nonUTF8LocaleDegradesToASCII() throws {
        let server = try PythonPeer("ws_server.py")
        defer { server.stop() }
        let cmd = ["env", "LC_ALL=C", "LANG=C", Paths.skydash.path, "connect", "ws://127.0.0.1:\(server.port)/cjk", "--no-journal"]
            .map(shellQuote).joined(separator: " ")
        let t = try TmuxSession(command: "\(cmd); echo \"EXIT=$?\"; sleep 30")
        defer { t.kill() }
        let screen = try t.waitForScreen("the order row") { s in s.contains { $0.contains("1001") && $0.contains("new") } }
        let all = screen.joined(separator: "\n")
        #expect(all.unicodeScalars.allSatisfy { $0.isASCII }, "non-ASCII on a C-locale screen:\n\(all)")
        let row = try #require(screen.first { $0.contains("1001") && $0.contains("new") })
        #expect(row.contains("?"))
        #expect(screen.first?.contains("skydash") == true)
    }
}
