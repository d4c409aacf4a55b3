import Foundation
import Testing

/// Ctrl-S under tmux (issue 10): the dashboard turns XON/XOFF flow control off while it runs, so
/// C-s does not stop its output (with IXON on, the pty would hold every write until C-q: no
/// drawing, no bell), and puts the terminal's modes back when it exits.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct TmuxFlowControlTests {
    /// ws_server.py's /script (a ticker at once, then the next line `delayMS` later) and the
    /// dashboard under tmux in a pane whose terminal starts with flow control on, as a login
    /// terminal has it, and that runs `stty -a` after skydash exits.
    static func rig(_ script: [String], delayMS: Int) throws -> TmuxDashboardTests.Rig {
        try TmuxDashboardTests.Rig(path: "/script?interval_ms=\(delayMS)", script: script, arguments: ["--no-journal"],
                                   before: "stty ixon; ", afterExit: "stty -a; ")
    }

    @Test func ctrlSDoesNotFreezeDrawingOrTheBellAndIxonComesBack() throws {
        let rig = try Self.rig([
            "这是来自服务端的消息:before C-s",
            #"{"type":1,"orderId":4242,"content":"订单号: 4242 pushed after C-s"}"#,
        ], delayMS: 3000)
        defer { rig.stop() }
        let t = rig.tmux
        try t.waitForText("before C-s")
        #expect(try rig.tmux.paneIXON() == false, "IXON still on while the dashboard runs")
        #expect(t.display("#{window_bell_flag}") == "0")

        try t.keys("C-s")
        // The order comes 3 s after the ticker: C-s went in first.
        #expect(!t.capture().contains { $0.contains("4242") }, "the order came before C-s: the test proves nothing")
        let screen = try t.waitForText("订单号: 4242 pushed after C-s", timeout: 8)
        #expect(screen[1].contains("unacked 1"), "\(TmuxSession.dump(screen))")
        try t.waitForFormat("#{window_bell_flag}", "1")
        try t.keys("C-q")
        // Still answering keys after C-s / C-q: the help opens and closes, q quits.
        try t.keys("?")
        try t.waitForText("this help (Esc closes)")
        try t.keys("Escape")
        try t.waitForScreen("the help closed") { !$0.contains { $0.contains("this help") } }

        try t.keys("q")
        let after = try t.waitForScreen("stty -a after the exit") { s in
            s.contains { $0.contains("EXIT=") } && s.contains { $0.contains("icanon") }
        }
        #expect(after.contains { $0.contains("EXIT=0") }, "\(TmuxSession.dump(after))")
        let words = after.joined(separator: " ").split(separator: " ")
        #expect(words.contains("ixon"), "stty -a after exit:\n\(TmuxSession.dump(after))")
        #expect(!words.contains("-ixon"))
        #expect(try rig.tmux.paneIXON() == true)
    }

    /// SIGTERM takes the other way out (no `q`): the saved modes come back too.
    @Test func ixonComesBackAfterSigterm() throws {
        let rig = try Self.rig(["这是来自服务端的消息:running"], delayMS: 50)
        defer { rig.stop() }
        let t = rig.tmux
        try t.waitForText("running")
        #expect(try rig.tmux.paneIXON() == false)
        let pids = t.descendants(named: "skydash")
        try #require(pids.count == 1, "skydash pids: \(pids)")
        kill(pids[0], SIGTERM)
        let after = try t.waitForScreen("stty -a after SIGTERM") { s in
            s.contains { $0.contains("EXIT=") } && s.contains { $0.contains("icanon") }
        }
        #expect(after.joined(separator: " ").split(separator: " ").contains("ixon"), "\(TmuxSession.dump(after))")
        #expect(try rig.tmux.paneIXON() == true)
    }
}

extension TmuxSession {
    /// The IXON flag of the pane's terminal right now (read from the test, not in the pane).
    func paneIXON() throws -> Bool {
        let path = display("#{pane_tty}")
        let fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { throw PeerError("cannot open the pane's terminal \(path)") }
        defer { close(fd) }
        var modes = termios()
        guard tcgetattr(fd, &modes) == 0 else { throw PeerError("tcgetattr \(path) failed") }
        return modes.c_iflag & tcflag_t(IXON) != 0
    }
}
