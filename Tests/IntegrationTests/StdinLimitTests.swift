import Foundation
import Testing

/// `connect --stdin` refuses a line over the backend's 8192-byte limit (as the dashboard's composer
/// does, with the same message) and goes on with the next line; the session stays up.
@Suite struct StdinLimitTests {
    @Test func overlongLineIsRefusedAndTheNextIsSent() throws {
        let server = try PythonPeer("ws_server.py", [])
        defer { server.stop() }
        let live = try ChildProcess(executable: Paths.skydash, arguments: [
            "connect", "ws://127.0.0.1:\(server.port)/echo", "--headless", "--stdin", "--no-journal",
        ])
        defer { live.stop() }
        #expect(live.waitForLine { $0.contains(#""event":"open""#) } != nil)
        let tooLong = String(repeating: "x", count: 8190) + "订单"      // 8196 bytes
        let atLimit = String(repeating: "y", count: 8192)
        live.writeStdin(tooLong + "\n" + atLimit + "\n" + "after\n")
        let refusal = live.waitForJSON { $0.event == "error" }
        #expect(refusal?["message"] as? String == "not sent: 8196 bytes is over the 8192-byte limit", "\(String(describing: refusal))")
        #expect(server.child.waitForJSON { $0.event == "recv" && ($0["text"] as? String) == "after" } != nil)
        live.closeStdin()
        #expect(live.waitExit() == 0)
        let received = server.child.jsonLines.filter { $0.event == "recv" }.compactMap { $0["length"] as? Int }
        #expect(received == [8192, 5], "\(received)")
        #expect(live.stderr.contains("skydash: not sent: 8196 bytes is over the 8192-byte limit"))
        // One connection all along: no 1009, no reconnect.
        #expect(live.jsonLines.filter { $0.event == "open" }.count == 1)
        #expect(!live.lines.contains { $0.contains("1009") })
    }
}
