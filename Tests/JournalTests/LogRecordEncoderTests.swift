import Foundation
import Testing
import Journal
import Notifications
import enum Notifications.Notification
import Session

private let encoder = LogRecordEncoder(timeZone: shanghai)
private let ts = #"{"at":"2026-11-26T11:00:05.000+08:00""#

private func line(_ e: SessionEvent, _ date: Date = at0) -> String? {
    encoder.line(for: TimedEvent(at: date, event: e))
}

private func msg(_ s: String) -> SessionEvent { .message(NotificationDecoder.decode(s)) }

/// Strings that must survive encode → read unchanged.
private let oddStrings: [String] = [
    "", " ", "plain", "这是来自服务端的消息:11:00:05", "订单号: 1795662041036",
    #"{"type":1,"orderId":9223372036854775807,"content":"x"}"#,
    #"{"type":1,"orderId":123456789012345678901234567890.000e-3}"#,
    "emoji 🍜🇨🇳👩‍👩‍👧‍👦 e\u{301} ﷽", "quotes \" and \\ and \\\" and /",
    "\n", "\r\n", "\t", "line1\nline2\rline3", "\u{0}\u{1}\u{7}\u{8}\u{B}\u{C}\u{1B}[31mred\u{1B}[0m\u{1F}",
    "\u{7F}\u{80}\u{85}\u{9F}", "\u{2028}\u{2029}", "\u{FEFF}bom", "\u{FFFD}\u{FFFF}\u{10FFFF}",
    "#not a comment", "   leading and trailing   ", "\\u0041 is not A", String(repeating: "长", count: 10_000),
]

@Suite("LogRecordEncoder")
struct LogRecordEncoderTests {
    @Test func messages() {
        #expect(line(msg("这是来自服务端的消息:11:00:05")) == ts + #","text":"这是来自服务端的消息:11:00:05"}"#)
        #expect(line(msg(#"{"type":1,"orderId":1232,"content":"订单号: 1795662041036"}"#))
            == ts + #","text":"{\"type\":1,\"orderId\":1232,\"content\":\"订单号: 1795662041036\"}"}"#)
        // Every kind of decoded message is journalled by its exact text.
        #expect(line(msg("{not json")) == ts + #","text":"{not json"}"#)
        #expect(line(msg(#"{"type":9}"#)) == ts + #","text":"{\"type\":9}"}"#)
        #expect(line(.message(.binary([0x00, 0xFF, 0x41]))) == ts + #","event":"binary","base64":"AP9B"}"#)
        #expect(line(.message(.binary([]))) == ts + #","event":"binary","base64":""}"#)
    }

    @Test func events() {
        #expect(line(.open(url: "ws://h:8080/ws/abc")) == ts + #","event":"open","url":"ws://h:8080/ws/abc"}"#)
        #expect(line(.sent(text: "收到")) == ts + #","event":"sent","text":"收到"}"#)
        #expect(line(.closed(code: 1006, reason: "", by: .network))
            == ts + #","event":"close","code":1006,"reason":"","by":"network"}"#)
        #expect(line(.closed(code: 1000, reason: "bye \"now\"", by: .client))
            == ts + #","event":"close","code":1000,"reason":"bye \"now\"","by":"client"}"#)
    }

    @Test func notJournalled() {
        #expect(line(.connecting(attempt: 1, url: "ws://x")) == nil)
        #expect(line(.retrying(after: 0.5, attempt: 2)) == nil)
        #expect(line(.failed(reason: "x")) == nil)
        #expect(line(.error("x")) == nil)
    }

    @Test func timeZoneAndMilliseconds() {
        let utc = LogRecordEncoder(timeZone: TimeZone(secondsFromGMT: 0)!)
        #expect(utc.line(for: TimedEvent(at: at0 + 0.159, event: .sent(text: "")))
            == #"{"at":"2026-11-26T03:00:05.159+00:00","event":"sent","text":""}"#)
        let ny = LogRecordEncoder(timeZone: TimeZone(secondsFromGMT: -(5 * 3600 + 1800))!)
        #expect(ny.line(for: TimedEvent(at: at0, event: .sent(text: "")))
            == #"{"at":"2026-11-25T21:30:05.000-05:30","event":"sent","text":""}"#)
    }

    @Test func noRawLineBreaksInALine() throws {
        for s in oddStrings {
            let l = try #require(line(msg(s)))
            #expect(!l.unicodeScalars.contains { $0 == "\n" || $0 == "\r" || $0 == "\u{2028}" || $0 == "\u{2029}" })
        }
    }

    @Test func roundTrip() throws {
        let date = at0 + 0.159
        var events: [SessionEvent] = []
        for s in oddStrings {
            events += [msg(s), .sent(text: s), .open(url: s), .closed(code: 4000, reason: s, by: .server)]
        }
        events += [.message(.binary([])), .message(.binary(Array(0...255))), .closed(code: 1006, reason: "", by: .network)]

        var text = ""
        for e in events { text += try #require(line(e, date)) + "\n" }
        let entries = readAll(text)
        #expect(errors(entries) == [])
        let back = records(entries)
        #expect(back.count == events.count)
        for (r, e) in zip(back, events) {
            #expect(r.event == e)
            #expect(r.utcOffset == 28_800)
            #expect(r.at.map { abs($0.timeIntervalSince(date)) < 1e-6 } == true)
        }
        // And re-encoding what was read gives the same line.
        for (r, e) in zip(back, events) {
            #expect(line(r.event, r.at!) == line(e, date))
        }
    }

    @Test func journalledTextIsJSONForOtherTools() throws {
        // Foundation's JSONSerialization drops a U+FEFF inside a string (our reader keeps it).
        for s in oddStrings where !s.unicodeScalars.contains("\u{FEFF}") {
            let l = try #require(line(msg(s)))
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any])
            #expect(obj["text"] as? String == s)
        }
    }
}
