import Foundation
import Testing

/// `skydash demo` (the README's main command) and `skydash serve`, with the real binary.
@Suite(.serialized) struct DemoAndServeTests {
    /// The demo under tmux: orders show up within a few seconds, with their status, amount and
    /// dishes from the demo's admin API (the demo logs in by itself), and the bell flag is raised.
    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
    func demoShowsOrdersAndRingsTheBell() throws {
        let cmd = [Paths.skydash.path, "demo", "--seed", "42", "--rate", "30"].map(shellQuote).joined(separator: " ")
        let tmux = try TmuxSession(command: "printf 'BEFORE-DEMO\\n'; \(cmd); echo \"EXIT=$?\"; sleep 30")
        defer { tmux.kill() }
        let screen = try tmux.waitForScreen("a new order row", timeout: 8) { s in
            s.contains { $0.contains(" new ") && $0.contains("待接单") && $0.contains("¥") && $0.contains("×") }
        }
        #expect(screen.contains { $0.contains("logged in: 管理员") })
        #expect(screen.first?.contains("open") == true)
        #expect(screen.first?.contains("ws://127.0.0.1:") == true)
        try tmux.waitForFormat("#{window_bell_flag}", "1")
        try tmux.keys("q")
        let after = try tmux.waitForText("EXIT=0")
        #expect(after.first == "BEFORE-DEMO")
    }

    /// `serve` on a free port, driven by stdin commands, talked to by `connect --headless`.
    @Test func serveTakesCommandsAndPrintsWhatClientsSend() throws {
        let serve = try ChildProcess(executable: Paths.skydash, arguments: ["serve", "--port", "0", "--no-ticker", "--rate", "0", "--seed", "1"])
        defer { serve.stop() }
        let listening = serve.waitForLine { $0.contains("listening on ws://127.0.0.1:") }
        let port = try #require(listening.flatMap { line in
            line.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression).map { Int(line[$0].dropFirst(10))! }
        })
        let client = try ChildProcess(executable: Paths.skydash, arguments: [
            "connect", "ws://127.0.0.1:\(port)/ws", "--headless", "--stdin", "--no-journal",
        ])
        defer { client.stop() }
        #expect(client.waitForLine { $0.contains(#""event":"open""#) } != nil)

        serve.writeStdin("order 77 你好 🍜\nremind 77\nraw {\"type\":1,\nbogus\n")
        let order = client.waitForLine { $0.contains(#""event":"order""#) }
        #expect(order?.contains(#""orderId":77,"content":"你好 🍜""#) == true)
        #expect(client.waitForLine { $0.contains(#""event":"reminder""#) } != nil)
        #expect(client.waitForLine { $0.contains(#""event":"raw""#) } != nil)
        #expect(serve.waitForLine { $0.contains(#"error unknown command "bogus" (try: order, remind, raw, drop, help)"#) } != nil)

        client.writeStdin("收到 77\n")
        #expect(serve.waitForLine { $0.contains("recv [") && $0.hasSuffix("] 收到 77") } != nil)
        client.closeStdin()
        #expect(client.waitExit() == 0)
        #expect(serve.waitForLine { $0.contains("close [") && $0.contains(" 1000") } != nil)

        serve.signal(SIGTERM)
        #expect(serve.waitExit() == 0)
    }

    @Test func servePortInUseIsAClearError() throws {
        let first = try ChildProcess(executable: Paths.skydash, arguments: ["serve", "--port", "0", "--no-ticker"])
        defer { first.stop() }
        let line = try #require(first.waitForLine { $0.contains("listening on") })
        let port = try #require(line.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression).map { String(line[$0].dropFirst(10)) })
        let second = try ChildProcess(executable: Paths.skydash, arguments: ["serve", "--port", port])
        #expect(second.waitExit() == 1)
        #expect(second.stderr.contains("skydash: serve: cannot listen on 127.0.0.1:\(port)"))
    }
}
