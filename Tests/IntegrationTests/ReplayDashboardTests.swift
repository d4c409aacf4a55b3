import Foundation
import TestSupport
import Testing

/// `skydash replay FILE` in the dashboard, under tmux: the header shows REPLAY, speed, recorded
/// clock and progress; space pauses, `.` steps one record, `+` speeds up; the bell rings as live.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct ReplayDashboardTests {
    @Test func replayKeysPauseStepAndSpeed() throws {
        let dir = try TempDir("skydash-replay")
        let log = dir.url.appendingPathComponent("log.jsonl")
        var lines = ["# a hand-written script"]
        for i in 1...8 { lines.append(#"{"at":"2026-11-26T11:00:0\#(i).000+08:00","text":"{\"type\":1,\"orderId\":\#(100 + i),\"content\":\"订单号: \#(i)\"}"}"#) }
        lines.append(#"{"at":"2026-11-26T11:00:09.500+08:00","text":"{\"type\":2,\"orderId\":101}"}"#)
        try (lines.joined(separator: "\n") + "\n").write(to: log, atomically: true, encoding: .utf8)

        let cmd = [Paths.skydash.path, "replay", log.path, "--speed", "0.5"].map(shellQuote).joined(separator: " ")
        let t = try TmuxSession(command: "\(cmd); echo \"EXIT=$?\"; sleep 30")
        defer { t.kill() }
        // Playing: REPLAY ×0.5 and the recorded clock (shown in local time, so only its shape).
        let playing = try t.waitForScreen("REPLAY ×0.5 with a recorded clock") { s in
            s.count > 1 && s[1].contains("REPLAY ×0.5 @") && Self.orders(s[1]) == 1
        }
        #expect(playing[0].contains("replaying a log"))
        try t.waitForFormat("#{window_bell_flag}", "1")

        try t.keys("Space")
        let paused = try t.waitForScreen("paused") { s in s.count > 1 && s[1].contains("paused") }
        let before = try #require(Self.orders(paused[1]))
        Thread.sleep(forTimeInterval: 2.5)   // paused: nothing more plays (records are 2 s apart at ×0.5)
        #expect(Self.orders(t.capture()[1]) == before)

        try t.keys(".")
        try t.waitForScreen("one record stepped") { s in s.count > 1 && Self.orders(s[1]) == before + 1 }

        for _ in 0..<4 { try t.keys("+") }
        try t.waitForScreen("speed ×8") { s in s.count > 1 && s[1].contains("REPLAY ×8") }
        try t.keys("Space")
        let done = try t.waitForScreen("the whole log played", timeout: 10) { s in
            s.count > 2 && s[1].contains("done") && s[1].contains("100%")
        }
        #expect(Self.orders(done[1]) == 8 && done[1].contains("rem 1"))
        #expect(done.contains { $0.contains("REMINDER: order 101") })
        try t.keys("q")
        try t.waitForText("EXIT=0")
    }

    /// `cat LOG | skydash replay -`: the log comes through the pipe, the keys from the terminal.
    @Test func replayFromAPipeKeepsTheKeyboard() throws {
        let dir = try TempDir("skydash-replay")
        let log = dir.url.appendingPathComponent("bare.jsonl")
        try (1...5).map { #"{"type":1,"orderId":\#(700 + $0),"content":"订单号: \#($0)"}"# }.joined(separator: "\n")
            .write(to: log, atomically: true, encoding: .utf8)
        let cmd = "cat \(shellQuote(log.path)) | \(shellQuote(Paths.skydash.path)) replay - --instant"
        let t = try TmuxSession(command: "\(cmd); echo \"EXIT=$?\"; sleep 30")
        defer { t.kill() }
        let screen = try t.waitForScreen("five orders and done") { s in
            s.count > 1 && Self.orders(s[1]) == 5 && s[1].contains("done")
        }
        #expect(screen[0].contains("replay: stdin"))
        try t.keys("?")
        try t.waitForText("pause / resume replay")
        try t.keys("Escape", "q")
        try t.waitForText("EXIT=0")
    }

    static func orders(_ line: String) -> Int? {
        guard let r = line.range(of: #"ord(ers)? \d+"#, options: .regularExpression) else { return nil }
        return Int(line[r].split(separator: " ").last ?? "")
    }
}
