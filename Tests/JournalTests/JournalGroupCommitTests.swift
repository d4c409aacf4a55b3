import Foundation
import TestSupport
import Testing
import Journal
import Notifications
import Session

/// `JournalWriter.append(contentsOf:)`: a batch of records in one write per file.
@Suite("JournalWriter group commit")
struct JournalGroupCommitTests {
    private func msg(_ s: String, _ date: Date) -> TimedEvent {
        TimedEvent(at: date, event: .message(NotificationDecoder.decode(s)))
    }

    @Test func aBatchWritesTheSameBytesAsOneAppendPerRecord() throws {
        let tmp = try TempDir()
        let batch = [
            TimedEvent(at: at0, event: .open(url: "ws://h/ws/1")),
            TimedEvent(at: at0, event: .connecting(attempt: 1, url: "ws://h")),   // not journalled
            msg(#"{"orderId":1,"type":1,"content":"订单号: 1 \"辣\"\n🍜"}"#, at0 + 0.001),
            TimedEvent(at: at0 + 1, event: .error("not journalled")),
            TimedEvent(at: at0 + 2, event: .sent(text: "hi\u{2028}")),
            TimedEvent(at: at0 + 3, event: .closed(code: 1000, reason: "bye", by: .server)),
        ]
        let one = JournalWriter(.file(path: tmp.path + "/one.jsonl"), timeZone: shanghai)
        for e in batch { #expect(one.append(e) == nil) }
        let grouped = JournalWriter(.file(path: tmp.path + "/grouped.jsonl"), timeZone: shanghai)
        #expect(grouped.append(contentsOf: batch) == nil)
        // In the file when append returns, before any flush or close.
        let expected = contents(tmp.path + "/one.jsonl")
        #expect(contents(tmp.path + "/grouped.jsonl") == expected)
        #expect(expected?.split(separator: "\n").count == 4)
        #expect(records(try LogReader.read(path: tmp.path + "/grouped.jsonl")).map(\.content) == [
            .open(url: "ws://h/ws/1"), .message(text: #"{"orderId":1,"type":1,"content":"订单号: 1 \"辣\"\n🍜"}"#),
            .sent(text: "hi\u{2028}"), .close(code: 1000, reason: "bye", by: .server),
        ])
    }

    /// The pipeline's path: each text escaped once (`EscapedTexts`) and copied into the record;
    /// the file must hold the bytes of the records escaped one by one.
    @Test func preEscapedTextsWriteTheSameBytes() throws {
        let tmp = try TempDir()
        let texts = [#"{"orderId":1,"type":1,"content":"订单号: 1 \"辣\"\n🍜"}"#, "ticker\t\u{1B}[31m\u{2028}", "[1,2",
                     #"{"type":9}"#, "", "\u{85}\u{7F}\"\\", String(repeating: "订单\"", count: 3000)]
        var batch = [TimedEvent(at: at0, event: .open(url: "ws://h/ws/\"1\""))]
        batch += texts.enumerated().map { msg($1, at0 + Double($0)) }
        batch += [TimedEvent(at: at0 + 9, event: .message(.binary([0, 0xFF]))), TimedEvent(at: at0 + 9, event: .error("x")),
                  TimedEvent(at: at0 + 9, event: .sent(text: "hi\n"))]
        var escaped = EscapedTexts()
        for e in batch { escaped.add(e.event) }
        #expect(escaped.count == batch.count)
        #expect(escaped[0] == nil && escaped[1] != nil)
        let plain = JournalWriter(.file(path: tmp.path + "/plain.jsonl"), timeZone: shanghai)
        #expect(plain.append(contentsOf: batch) == nil)
        let reused = JournalWriter(.file(path: tmp.path + "/reused.jsonl"), timeZone: shanghai)
        #expect(reused.append(contentsOf: batch, escapedTexts: escaped) == nil)
        let expected = contents(tmp.path + "/plain.jsonl")
        #expect(expected?.isEmpty == false)
        #expect(contents(tmp.path + "/reused.jsonl") == expected)
    }

    @Test func aBatchAcrossLocalMidnightGoesToBothDays() throws {
        let tmp = try TempDir()
        let w = JournalWriter(.daily(directory: tmp.path), timeZone: shanghai)
        let beforeMidnight = Date(timeIntervalSince1970: 1_795_708_799.5)  // 2026-11-26T23:59:59.500+08:00
        #expect(w.append(contentsOf: [msg("a", beforeMidnight), msg("b", beforeMidnight + 0.2),
                                      msg("c", beforeMidnight + 0.7), msg("d", beforeMidnight + 2)]) == nil)
        let day1 = records(try LogReader.read(path: tmp.path + "/journal-2026-11-26.jsonl"))
        let day2 = records(try LogReader.read(path: tmp.path + "/journal-2026-11-27.jsonl"))
        #expect(day1.map(\.content) == [.message(text: "a"), .message(text: "b")])
        #expect(day2.map(\.content) == [.message(text: "c"), .message(text: "d")])
    }

    @Test func aBatchOfNothingJournalledTouchesNoFile() throws {
        let tmp = try TempDir()
        let w = JournalWriter(.daily(directory: tmp.path + "/j"), timeZone: shanghai)
        #expect(w.append(contentsOf: [TimedEvent]()) == nil)
        #expect(w.append(contentsOf: [TimedEvent(at: at0, event: .failed(reason: "x"))]) == nil)
        #expect(!FileManager.default.fileExists(atPath: tmp.path + "/j"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full"), "no /dev/full"))
    func aFailedBatchIsReportedOnceWithTheReason() throws {
        let w = JournalWriter(.file(path: "/dev/full"), timeZone: shanghai)
        let batch = (0..<50).map { msg("\($0)", at0 + Double($0)) }
        #expect(w.append(contentsOf: batch)?.description == "journal: cannot write to /dev/full: No space left on device")
        #expect(w.append(contentsOf: batch) == nil)   // the same error is not reported again
        try w.close()
    }

    @Test func aLargeBatchIsWrittenWhole() throws {
        let tmp = try TempDir()
        let file = tmp.path + "/big.jsonl"
        let w = JournalWriter(.file(path: file), timeZone: shanghai)
        let big = String(repeating: "不要香菜，多放辣。", count: 2_000)
        let batch = (0..<300).map { msg(#"{"orderId":\#($0),"type":1,"content":"\#(big)"}"#, at0 + Double($0)) }
        #expect(w.append(contentsOf: batch) == nil)
        #expect(w.append(contentsOf: batch.prefix(2)) == nil)
        let read = records(try LogReader.read(path: file))
        #expect(read.count == 302)
        #expect(errors(try LogReader.read(path: file)) == [])
    }
}
