import Foundation
import TestSupport
import Testing

/// The journal written by `connect` and what `replay` makes of it, with the real binary.
@Suite(.serialized) struct JournalReplayTests {
    static let script = [
        #"{"orderId":1764126000001,"type":1,"content":"订单号: 1764126000001"}"#,
        "这是来自服务端的消息:12:00:05",
        #"{"orderId":"1002","type":1,"content":"🍜 加辣","extra":true}"#,
        #"{"orderId":1764126000001,"type":2,"content":"订单号: 1764126000001"}"#,
        #"{"type":9,"orderId":5}"#,
        #"{"type":1,"orderId":12"#,
    ]

    /// A temp directory with the script file.
    func scratch() throws -> TempDir {
        let dir = try TempDir("skydash-journal")
        try dir.write("script.txt", Self.script.joined(separator: "\n") + "\n")
        return dir
    }

    func event(_ line: String) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["event"] as? String
    }

    @Test func journalOfALiveSessionReplaysToTheSameEvents() throws {
        let dir = try scratch()
        let server = try PythonPeer("ws_server.py", ["--script", dir.url.appendingPathComponent("script.txt").path])
        defer { server.stop() }
        let journal = dir.url.appendingPathComponent("j.jsonl").path
        let live = try ChildProcess(executable: Paths.skydash, arguments: [
            "connect", "ws://127.0.0.1:\(server.port)/script?interval_ms=20", "--headless", "--stdin", "--journal", journal,
        ])
        defer { live.stop() }
        #expect(server.child.waitForJSON { $0["event"] as? String == "script_done" } != nil)
        #expect(live.waitForLine { $0.contains(#""event":"raw""#) } != nil)
        live.writeStdin("收到 1764126000001\n")
        #expect(server.child.waitForJSON { $0["event"] as? String == "recv" }?["text"] as? String == "收到 1764126000001")
        #expect(live.waitForLine { $0.contains(#""event":"sent""#) } != nil)
        // The server echoes it: wait for the echo so the session's events are all in before EOF.
        #expect(live.waitForLine { $0.contains(#""event":"text","text":"收到 1764126000001""#) } != nil)
        live.closeStdin()
        #expect(live.waitExit() == 0)

        // 0600: messages carry customer data.
        let mode = try FileManager.default.attributesOfItem(atPath: journal)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let replay = try ChildProcess(executable: Paths.skydash, arguments: ["replay", "--headless", "--instant", journal])
        #expect(replay.waitExit() == 0)
        let journalled: Set = ["open", "order", "reminder", "json", "text", "raw", "binary", "sent", "closed"]
        let liveEvents = live.lines.filter { event($0).map(journalled.contains) == true }
        #expect(liveEvents.count == 10)   // open, 6 messages, sent, its echo, closed
        #expect(replay.lines == liveEvents)
        #expect(replay.stderr.isEmpty)
    }

    @Test func unwritableJournalWarnsAndTheSessionGoesOn() throws {
        let dir = try scratch()
        let server = try PythonPeer("ws_server.py", ["--script", dir.url.appendingPathComponent("script.txt").path])
        defer { server.stop() }
        // A path below a regular file fails for root too (ENOTDIR).
        let bad = dir.url.appendingPathComponent("script.txt/j.jsonl").path
        let live = try ChildProcess(executable: Paths.skydash, arguments: [
            "connect", "ws://127.0.0.1:\(server.port)/script?interval_ms=20", "--headless", "--stdin", "--journal", bad,
        ])
        defer { live.stop() }
        #expect(live.waitForLine { $0.contains(#""event":"raw""#) } != nil)
        live.closeStdin()
        #expect(live.waitExit() == 0)
        let warning = live.lines.first { $0.contains(#""event":"error""#) }
        #expect(warning?.contains("journal: cannot open \(bad): Not a directory; messages are not being saved") == true)
        #expect(live.stderr.contains("skydash: journal: cannot open \(bad): Not a directory"))
        #expect(live.lines.filter { $0.contains(#""event":"order""#) }.count == 2)
    }

    @Test func killDashNineLeavesAReadableJournal() throws {
        let dir = try scratch()
        let many = (0..<3000).map { #"{"orderId":\#(9000 + $0),"type":1,"content":"订单号: \#($0)"}"# }
        try (many.joined(separator: "\n") + "\n").write(to: dir.url.appendingPathComponent("script.txt"), atomically: true, encoding: .utf8)
        let server = try PythonPeer("ws_server.py", ["--script", dir.url.appendingPathComponent("script.txt").path])
        defer { server.stop() }
        let journal = dir.url.appendingPathComponent("j.jsonl").path
        let live = try ChildProcess(executable: Paths.skydash, arguments: [
            "connect", "ws://127.0.0.1:\(server.port)/script?interval_ms=1", "--headless", "--journal", journal,
        ])
        defer { live.stop() }
        #expect(live.waitForLine { $0.contains(#""orderId":9200"#) } != nil)
        live.signal(SIGKILL)
        _ = live.waitExit()
        let printed = live.lines.filter { $0.contains(#""event":"order""#) }.count

        let replay = try ChildProcess(executable: Paths.skydash, arguments: ["replay", "--headless", "--instant", journal])
        #expect(replay.waitExit() == 0)
        let replayed = replay.lines.filter { $0.contains(#""event":"order""#) }.count
        // Everything shown was journalled first; a cut last line would be reported, not fatal.
        #expect(replayed >= printed)
        #expect(replay.stderr.split(separator: "\n").count <= 1)
    }

    @Test func sampleLogsGiveTheExpectedCounts() throws {
        let data = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
        let lunch = try ChildProcess(executable: Paths.skydash, arguments: [
            "replay", "--headless", "--instant", data.appendingPathComponent("lunch-rush.jsonl").path,
        ])
        #expect(lunch.waitExit() == 0)
        let events = lunch.lines.compactMap(event)
        #expect(events.filter { $0 == "order" }.count == 80)
        #expect(events.filter { $0 == "reminder" }.count == 18)
        #expect(events.filter { $0 == "text" }.count == 309)

        // A pipe on stdin works, and bare lines are spaced by --interval.
        let bare = try String(contentsOf: data.appendingPathComponent("script-bare.jsonl"), encoding: .utf8)
        let start = Date()
        let piped = try ChildProcess(executable: Paths.skydash, arguments: ["replay", "--headless", "--interval", "0.05", "-"])
        piped.writeStdin(bare)
        piped.closeStdin()
        #expect(piped.waitExit() == 0)
        let elapsed = Date().timeIntervalSince(start)
        #expect(piped.lines.count == 13)
        #expect(elapsed >= 12 * 0.05 && elapsed < 12 * 0.05 + 1.5)
    }

    @Test func speedScalesRecordedTiming() throws {
        let dir = try scratch()
        let log = dir.url.appendingPathComponent("timed.jsonl")
        try """
        {"at":"2026-11-26T11:00:00.000+08:00","text":"a"}
        {"at":"2026-11-26T11:00:02.000+08:00","text":"b"}
        {"at":"2026-11-26T11:00:04.000+08:00","text":"c"}

        """.write(to: log, atomically: true, encoding: .utf8)
        let start = Date()
        let replay = try ChildProcess(executable: Paths.skydash, arguments: ["replay", "--headless", "--speed", "4", log.path])
        #expect(replay.waitExit() == 0)
        let elapsed = Date().timeIntervalSince(start)
        #expect(replay.lines.count == 3)
        #expect(elapsed >= 1.0 && elapsed < 2.0, "4 s recorded at ×4 should take about 1 s, took \(elapsed)")
    }

    @Test func badLinesAreReportedWithTheirNumberAndStrictIsFatal() throws {
        let dir = try scratch()
        let log = dir.url.appendingPathComponent("bad.jsonl")
        try """
        # a comment
        {"type":1,"orderId":1,"content":"x"}
        not json
        {"at":"yesterday","text":"x"}
        {"type":2,"orderId":1}

        """.write(to: log, atomically: true, encoding: .utf8)
        let lenient = try ChildProcess(executable: Paths.skydash, arguments: ["replay", "--headless", "--instant", log.path])
        #expect(lenient.waitExit() == 0)
        #expect(lenient.lines.count == 2)
        #expect(lenient.stderr.contains("skydash: replay: \(log.path): line 3: not valid JSON"))
        #expect(lenient.stderr.contains(#"line 4: "at" is not an ISO 8601 time: "yesterday""#))

        let strict = try ChildProcess(executable: Paths.skydash, arguments: ["replay", "--headless", "--instant", "--strict", log.path])
        #expect(strict.waitExit() == 2)
        #expect(strict.stderr.contains("line 3: not valid JSON"))
        #expect(!strict.stderr.contains("line 4"))
    }
}
