import Foundation
import TestSupport
import Testing
import Journal
import Notifications
import enum Notifications.Notification
import Session

private func msg(_ s: String, _ date: Date = at0) -> TimedEvent {
    TimedEvent(at: date, event: .message(NotificationDecoder.decode(s)))
}

private let encoder = LogRecordEncoder(timeZone: shanghai)
private let isRoot = geteuid() == 0

@Suite("JournalWriter")
struct JournalWriterTests {
    @Test func createsDirectoryAndFileWithPrivateModes() throws {
        let tmp = try TempDir()
        let dir = tmp.path + "/state/skydash"
        let w = JournalWriter(.daily(directory: dir), timeZone: shanghai)
        #expect(w.append(msg("这是来自服务端的消息:11:00:05")) == nil)
        let file = dir + "/journal-2026-11-26.jsonl"
        #expect(w.path(for: at0) == file)
        #expect(mode(tmp.path + "/state") == 0o700)
        #expect(mode(dir) == 0o700)
        #expect(mode(file) == 0o600)
        #expect(contents(file) == #"{"at":"2026-11-26T11:00:05.000+08:00","text":"这是来自服务端的消息:11:00:05"}"# + "\n")
    }

    @Test func eachRecordIsInTheFileWhenAppendReturns() throws {
        let tmp = try TempDir()
        let w = JournalWriter(.daily(directory: tmp.path), timeZone: shanghai)
        let file = w.path(for: at0)
        var expected = ""
        for i in 0..<5 {
            let e = msg(#"{"type":1,"orderId":\#(i)}"#, at0 + Double(i))
            #expect(w.append(e) == nil)
            expected += encoder.line(for: e)! + "\n"
            #expect(contents(file) == expected)  // no user-space buffering
        }
    }

    @Test func rollsOverAtLocalMidnight() throws {
        let tmp = try TempDir()
        let w = JournalWriter(.daily(directory: tmp.path), timeZone: shanghai)
        let beforeMidnight = Date(timeIntervalSince1970: 1_795_708_799.5)  // 2026-11-26T23:59:59.500+08:00
        w.append(msg("a", beforeMidnight))
        w.append(msg("b", beforeMidnight + 0.7))
        w.append(TimedEvent(at: beforeMidnight + 1, event: .sent(text: "c")))
        try w.close()
        let day1 = records(try LogReader.read(path: tmp.path + "/journal-2026-11-26.jsonl"))
        let day2 = records(try LogReader.read(path: tmp.path + "/journal-2026-11-27.jsonl"))
        #expect(day1.map(\.content) == [.message(text: "a")])
        #expect(day2.map(\.content) == [.message(text: "b"), .sent(text: "c")])
    }

    @Test func explicitFileDoesNotRollOver() throws {
        let tmp = try TempDir()
        let file = tmp.path + "/my.jsonl"
        let w = JournalWriter(.file(path: file), timeZone: shanghai)
        #expect(w.path(for: at0) == file)
        w.append(msg("a"))
        w.append(msg("b", at0 + 86_400 * 3))
        try w.close()
        #expect(records(try LogReader.read(path: file)).map(\.content) == [.message(text: "a"), .message(text: "b")])
        #expect(mode(file) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path) == ["my.jsonl"])
    }

    @Test func eventsThatAreNotJournalledWriteNothing() throws {
        let tmp = try TempDir()
        let w = JournalWriter(.daily(directory: tmp.path + "/j"), timeZone: shanghai)
        #expect(w.append(TimedEvent(at: at0, event: .connecting(attempt: 1, url: "ws://x"))) == nil)
        #expect(w.append(TimedEvent(at: at0, event: .error("x"))) == nil)
        #expect(!FileManager.default.fileExists(atPath: tmp.path + "/j"))
    }

    @Test func appendsAcrossTwoWriters() throws {
        let tmp = try TempDir()
        let file = tmp.path + "/journal-2026-11-26.jsonl"
        do {
            let w1 = JournalWriter(.daily(directory: tmp.path), timeZone: shanghai)
            w1.append(TimedEvent(at: at0, event: .open(url: "ws://h/ws/1")))
            w1.append(msg("a", at0 + 1))
            try w1.close()
        }
        let w2 = JournalWriter(.daily(directory: tmp.path), timeZone: shanghai)
        w2.append(msg("b", at0 + 2))
        w2.append(TimedEvent(at: at0 + 3, event: .closed(code: 1000, reason: "", by: .client)))
        try w2.flush()
        let entries = try LogReader.read(path: file)
        #expect(errors(entries) == [])
        #expect(records(entries).map(\.content) == [
            .open(url: "ws://h/ws/1"), .message(text: "a"), .message(text: "b"),
            .close(code: 1000, reason: "", by: .client),
        ])
    }

    @Test func crashMidLineLosesOnlyThatLine() throws {
        let tmp = try TempDir()
        let w1 = JournalWriter(.daily(directory: tmp.path), timeZone: shanghai)
        let file = w1.path(for: at0)
        w1.append(msg("a"))
        w1.append(msg("b", at0 + 1))
        try w1.close()
        // Simulate a crash in the middle of writing a third line: half a line, no newline.
        let third = encoder.line(for: msg("c", at0 + 2))!
        let h = try #require(FileHandle(forWritingAtPath: file))
        try h.seekToEnd()
        try h.write(contentsOf: Data(third.utf8.prefix(third.utf8.count / 2)))
        try h.close()

        var entries = try LogReader.read(path: file)
        #expect(records(entries).map(\.content) == [.message(text: "a"), .message(text: "b")])
        #expect(errors(entries) == ["line 3: not valid JSON (unexpected end of line inside a string); "
            + "it is the last line and has no newline, so it was probably cut short"])

        // A later session appends on a fresh line: only the cut line stays bad.
        let w2 = JournalWriter(.daily(directory: tmp.path), timeZone: shanghai)
        w2.append(msg("d", at0 + 3))
        try w2.close()
        entries = try LogReader.read(path: file)
        #expect(records(entries).map(\.content) == [.message(text: "a"), .message(text: "b"), .message(text: "d")])
        #expect(errors(entries) == ["line 3: not valid JSON (unexpected end of line inside a string)"])
    }

    @Test func directoryUnderARegularFile() throws {
        // Fails with ENOTDIR even for root.
        let tmp = try TempDir()
        let blocker = tmp.path + "/file.txt"
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))

        let explicit = JournalWriter(.file(path: blocker + "/journal.jsonl"), timeZone: shanghai)
        let e1 = explicit.append(msg("a"))
        #expect(e1?.description == "journal: cannot open \(blocker)/journal.jsonl: Not a directory")
        #expect(e1?.path == blocker + "/journal.jsonl")
        #expect(e1?.code == ENOTDIR)
        #expect(explicit.append(msg("b")) == nil)  // the same error is reported once

        let prepared = JournalWriter(.file(path: blocker + "/journal.jsonl"), timeZone: shanghai)
        #expect(throws: e1!) { try prepared.prepare(at: at0) }
        #expect(prepared.append(msg("a")) == nil)  // prepare has reported it already

        let daily = JournalWriter(.daily(directory: blocker + "/skydash"), timeZone: shanghai)
        #expect(daily.append(msg("a"))?.description
            == "journal: cannot create directory \(blocker)/skydash: Not a directory")
        #expect(daily.append(msg("b")) == nil)

        // Fix the cause: the writer picks up again with the next record.
        try FileManager.default.removeItem(atPath: blocker)
        try FileManager.default.createDirectory(atPath: blocker, withIntermediateDirectories: false)
        #expect(daily.append(msg("c")) == nil)
        #expect(explicit.append(msg("c")) == nil)
        try daily.close()
        try explicit.close()
        #expect(records(try LogReader.read(path: daily.path(for: at0))).map(\.content) == [.message(text: "c")])
        #expect(records(try LogReader.read(path: blocker + "/journal.jsonl")).map(\.content) == [.message(text: "c")])
    }

    @Test(.enabled(if: !isRoot, "root bypasses permission checks"))
    func readOnlyDirectory() throws {
        let tmp = try TempDir()
        let ro = tmp.path + "/ro"
        try FileManager.default.createDirectory(atPath: ro, withIntermediateDirectories: false)
        #expect(chmod(ro, 0o500) == 0)
        let w = JournalWriter(.file(path: ro + "/x.jsonl"), timeZone: shanghai)
        do {
            try w.prepare(at: at0)
            Issue.record("opened a file in a read-only directory")
        } catch {
            #expect(error.description == "journal: cannot open \(ro)/x.jsonl: Permission denied")
            #expect(error.code == EACCES)
        }
        let d = JournalWriter(.daily(directory: ro + "/sub/skydash"), timeZone: shanghai)
        #expect(d.append(msg("a"))?.description == "journal: cannot create directory \(ro)/sub/skydash: Permission denied")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "no /dev/full"))
    func diskFull() throws {
        let w = JournalWriter(.file(path: "/dev/full"), timeZone: shanghai)
        #expect(w.append(msg("a"))?.description == "journal: cannot write to /dev/full: No space left on device")
        #expect(w.append(msg("b")) == nil)
        #expect(w.append(msg("c")) == nil)
        try w.close()
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/null"), "no /dev/null"))
    func specialFilesNeedNoSync() throws {
        let w = JournalWriter(.file(path: "/dev/null"), timeZone: shanghai)
        for i in 0..<3 { #expect(w.append(msg("\(i)", at0 + Double(i) * 2)) == nil) }
        try w.flush()
        try w.close()
    }

    @Test func concurrentAppendsGiveWholeLines() throws {
        let tmp = try TempDir()
        let w = JournalWriter(.daily(directory: tmp.path), timeZone: shanghai)
        DispatchQueue.concurrentPerform(iterations: 200) { i in
            w.append(msg(#"{"type":1,"orderId":\#(i),"content":"\#(String(repeating: "订", count: i))"}"#))
        }
        try w.close()
        let entries = try LogReader.read(path: w.path(for: at0))
        #expect(errors(entries) == [])
        let ids = records(entries).compactMap { r -> Int64? in
            if case .message(let n) = r.event { return n.order?.orderId } else { return nil }
        }
        #expect(Set(ids) == Set(0..<200))
    }

    @Test func defaultDirectory() {
        #expect(JournalWriter.defaultDirectory(environment: ["XDG_STATE_HOME": "/x/state", "HOME": "/home/u"])
            == "/x/state/skydash")
        #expect(JournalWriter.defaultDirectory(environment: ["XDG_STATE_HOME": "/x/state/", "HOME": "/home/u"])
            == "/x/state/skydash")
        #expect(JournalWriter.defaultDirectory(environment: ["HOME": "/home/u"]) == "/home/u/.local/state/skydash")
        #expect(JournalWriter.defaultDirectory(environment: ["HOME": "/home/u/"]) == "/home/u/.local/state/skydash")
        // The XDG spec says relative or empty values are ignored.
        #expect(JournalWriter.defaultDirectory(environment: ["XDG_STATE_HOME": "", "HOME": "/home/u"])
            == "/home/u/.local/state/skydash")
        #expect(JournalWriter.defaultDirectory(environment: ["XDG_STATE_HOME": "state", "HOME": "/home/u"])
            == "/home/u/.local/state/skydash")
        #expect(JournalWriter.defaultDirectory(environment: ["HOME": "/"]) == "/.local/state/skydash")
        #expect(JournalWriter.defaultDirectory(environment: [:]) == nil)
        #expect(JournalWriter.defaultDirectory(environment: ["HOME": ""]) == nil)
    }

    @Test func fileNamesFollowTheLocalDate() {
        let w = JournalWriter(.daily(directory: "/j/"), timeZone: shanghai)
        #expect(w.path(for: at0) == "/j/journal-2026-11-26.jsonl")
        let utc = JournalWriter(.daily(directory: "/j"), timeZone: TimeZone(secondsFromGMT: 0)!)
        #expect(utc.path(for: Date(timeIntervalSince1970: 1_795_708_799.5)) == "/j/journal-2026-11-26.jsonl")
        let la = JournalWriter(.daily(directory: "/j"), timeZone: TimeZone(secondsFromGMT: -8 * 3600)!)
        #expect(la.path(for: at0) == "/j/journal-2026-11-25.jsonl")
    }
}
