import Foundation
import TestSupport
import Testing
import Journal
import Session

@Suite("LogReader: records")
struct LogReaderRecordTests {
    @Test func messageRecord() throws {
        let e = readAll(#"{"at":"2026-11-26T11:00:05.000+08:00","text":"{\"type\":1,\"orderId\":9223372036854775807}"}"# + "\n")
        #expect(e.count == 1)
        let r = try #require(try e.first?.get())
        #expect(r == LogRecord(at: at0, utcOffset: 28_800, content: .message(text: #"{"type":1,"orderId":9223372036854775807}"#)))
        if case .message(.newOrder(let o, _)) = r.event {
            #expect(o.orderId == 9_223_372_036_854_775_807)
        } else {
            Issue.record("not decoded as a new order: \(r.event)")
        }
    }

    @Test func textIsKeptExactly() throws {
        // Escapes in the log decode to the exact received text: CJK, emoji, controls, quotes, slash.
        let line = #"{"at":"2026-11-26T11:00:05Z","text":"订单 🍜 \"q\" \\ \/ \u0000\u001b[31m\ud83d\ude00 \u2028 tab\tnl\n"}"#
        let r = try #require(try readAll(line).first?.get())
        #expect(r.content == .message(text: "订单 🍜 \"q\" \\ / \u{0}\u{1B}[31m😀 \u{2028} tab\tnl\n"))
    }

    @Test func eventRecords() {
        let text = """
        {"at":"2026-11-26T11:00:05.000+08:00","event":"open","url":"ws://h:8080/ws/abc"}
        {"at":"2026-11-26T11:00:05.000+08:00","event":"sent","text":"收到"}
        {"at":"2026-11-26T11:00:05.000+08:00","event":"close","code":1006,"reason":""}
        {"at":"2026-11-26T11:00:05.000+08:00","event":"close","code":1000,"reason":"bye","by":"client"}
        {"at":"2026-11-26T11:00:05.000+08:00","event":"close","code":4000}
        {"at":"2026-11-26T11:00:05.000+08:00","event":"binary","base64":"AP9B"}
        """
        let r = records(readAll(text))
        #expect(r.map(\.content) == [
            .open(url: "ws://h:8080/ws/abc"),
            .sent(text: "收到"),
            .close(code: 1006, reason: "", by: nil),
            .close(code: 1000, reason: "bye", by: .client),
            .close(code: 4000, reason: "", by: nil),
            .binary([0x00, 0xFF, 0x41]),
        ])
        #expect(r.map(\.event) == [
            .open(url: "ws://h:8080/ws/abc"),
            .sent(text: "收到"),
            .closed(code: 1006, reason: "", by: .network),
            .closed(code: 1000, reason: "bye", by: .client),
            .closed(code: 4000, reason: "", by: .server),
            .message(.binary([0x00, 0xFF, 0x41])),
        ])
    }

    @Test func bareLines() {
        let text = "{\"type\":1,\"orderId\":1319,\"content\":\"订单号: 1795662006266\"}  \r\n"
            + "  {\"type\":2,\"orderId\":123456789012345678901234567890}\n"
            + "{}\n"
        let r = records(readAll(text))
        #expect(r == [
            LogRecord(at: nil, content: .message(text: "{\"type\":1,\"orderId\":1319,\"content\":\"订单号: 1795662006266\"}")),
            LogRecord(at: nil, content: .message(text: "  {\"type\":2,\"orderId\":123456789012345678901234567890}")),
            LogRecord(at: nil, content: .message(text: "{}")),
        ])
    }

    @Test func blankAndCommentLinesAreSkippedButCounted() {
        let text = "\n   \n# a comment\n  \t# indented comment\n\r\n"
            + #"{"at":"2026-11-26T11:00:05+08:00","text":"a"}"# + "\n"
            + "oops\n"
        let e = readAll(text)
        #expect(records(e).map(\.content) == [.message(text: "a")])
        #expect(errors(e) == ["line 7: not valid JSON (unexpected 'o' at offset 0)"])
    }

    @Test func crlfAndBOM() {
        let text = "\u{FEFF}" + #"{"at":"2026-11-26T11:00:05+08:00","text":"a"}"# + "\r\n"
            + #"{"type":1}"# + "\r\n"
        #expect(records(readAll(text)).map(\.content) == [.message(text: "a"), .message(text: #"{"type":1}"#)])
    }

    @Test func unknownFieldsIgnored() {
        let text = #"{"at":"2026-11-26T11:00:05+08:00","text":"a","source":"x","n":1e400}"#
        #expect(records(readAll(text)).map(\.content) == [.message(text: "a")])
    }

    @Test func keepsTheUTCOffset() throws {
        let r = try #require(try readAll(#"{"at":"2026-11-25T21:30:05-05:30","text":"a"}"#).first?.get())
        #expect(r.at == at0)
        #expect(r.utcOffset == -19_800)
    }
}

@Suite("LogReader: bad lines")
struct LogReaderBadLineTests {
    /// The one error a single line gives (as line 1).
    private func error(_ line: String) -> String? {
        errors(readAll(line + "\n")).first
    }

    @Test func notJSON() {
        #expect(error("这是来自服务端的消息:11:00:05") == "line 1: not valid JSON (unexpected byte 0xE8 at offset 0)")
        #expect(error(#"{"at":"2026-11-26T11:00:05Z","text":"a""#) == "line 1: not valid JSON (unexpected end of line)")
        #expect(error(#"{"at":"2026-11-26T11:00:05Z","text":"a"} x"#)
            == "line 1: not valid JSON (unexpected 'x' after the JSON value at offset 41)")
    }

    @Test func notAnObject() {
        #expect(error("[1,2]") == "line 1: not a JSON object (found an array)")
        #expect(error(#""text""#) == "line 1: not a JSON object (found a string)")
        #expect(error("42") == "line 1: not a JSON object (found a number)")
        #expect(error("nope") == "line 1: not valid JSON (invalid literal at offset 0)")
    }

    @Test func badAt() {
        #expect(error(#"{"at":"yesterday","text":"a"}"#) == #"line 1: "at" is not an ISO 8601 time: "yesterday""#)
        #expect(error(#"{"at":"2026-02-30T11:00:05Z","text":"a"}"#) == #"line 1: "at" is not an ISO 8601 time: "2026-02-30T11:00:05Z""#)
        #expect(error(#"{"at":"2026-11-26T11:00:05","text":"a"}"#)
            == #"line 1: "at" has no UTC offset (add Z or one like +08:00): "2026-11-26T11:00:05""#)
        #expect(error(#"{"at":1795662005,"text":"a"}"#) == #"line 1: "at" is a number, not a string"#)
        #expect(error(#"{"at":"\u001b[2J","text":"a"}"#) == #"line 1: "at" is not an ISO 8601 time: "\u001b[2J""#)
    }

    @Test func badText() {
        #expect(error(#"{"at":"2026-11-26T11:00:05Z","text":5}"#) == #"line 1: "text" is a number, not a string"#)
        #expect(error(#"{"at":"2026-11-26T11:00:05Z","text":null}"#) == #"line 1: "text" is null, not a string"#)
        #expect(error(#"{"at":"2026-11-26T11:00:05Z"}"#) == #"line 1: missing "text" or "event""#)
        #expect(error(#"{"text":"a"}"#) == #"line 1: missing "at""#)
        #expect(error(#"{"event":"open","url":"ws://x"}"#) == #"line 1: missing "at""#)
    }

    @Test func badEvents() {
        let at = #"{"at":"2026-11-26T11:00:05Z","#
        #expect(error(at + #""event":"opened"}"#) == #"line 1: unknown event "opened" (expected open, close, sent, binary, details, action, found or deaf)"#)
        #expect(error(at + #""event":7}"#) == #"line 1: "event" is a number, not a string"#)
        #expect(error(at + #""event":"open"}"#) == #"line 1: missing "url""#)
        #expect(error(at + #""event":"sent","text":["a"]}"#) == #"line 1: "text" is an array, not a string"#)
        #expect(error(at + #""event":"close","reason":"x"}"#) == #"line 1: missing "code""#)
        #expect(error(at + #""event":"close","code":1000.5}"#) == #"line 1: "code" is not an integer: 1000.5"#)
        #expect(error(at + #""event":"close","code":"1000"}"#) == #"line 1: "code" is a string, not a number"#)
        #expect(error(at + #""event":"close","code":1000,"reason":false}"#) == #"line 1: "reason" is a boolean, not a string"#)
        #expect(error(at + #""event":"close","code":1000,"by":"alien"}"#)
            == #"line 1: "by" is not "server", "client" or "network": "alien""#)
        #expect(error(at + #""event":"binary","base64":"@@@"}"#) == #"line 1: "base64" is not valid base64"#)
    }

    @Test func invalidUTF8() {
        var r = LogReader()
        let e = r.feed([0x7B, 0xFF, 0x7D, 0x0A]) + r.finish()
        #expect(errors(e) == ["line 1: not valid UTF-8"])
    }

    /// The journal's own `{"at":…,"text":…}` lines are read in place; these are the cases where that
    /// reading must agree with the general one.
    @Test func journalShapedLinesReadLikeAnyOther() throws {
        let at = #"{"at":"2026-11-26T11:00:05.000+08:00","text":"#
        var r = LogReader()
        let bad = r.feed(Array((at + "\"a").utf8) + [0xFF, 0x22, 0x7D, 0x0A]) + r.finish()
        #expect(errors(bad) == ["line 1: not valid UTF-8"])
        // Escaped U+FFFD and a lone surrogate are valid JSON: they read as U+FFFD.
        for (escaped, text) in [(#""a\ufffdb""#, "a\u{FFFD}b"), (#""a\ud800b""#, "a\u{FFFD}b"), (#""订单 \"x\"""#, "订单 \"x\"")] {
            let record = try #require(try readAll(at + escaped + "}").first?.get())
            #expect(record == LogRecord(at: at0, utcOffset: 28_800, content: .message(text: text)), "\(escaped)")
        }
        #expect(error(at + #""a"}x"#)?.hasPrefix("line 1: not valid JSON") == true)
        #expect(error(at + #""a"#)?.hasPrefix("line 1: not valid JSON") == true)
        #expect(error(#"{"at":"2026-11-26T11:00:05","text":"a"}"#)?.hasPrefix(#"line 1: "at" has no UTC offset"#) == true)
        let spaced = try #require(try readAll(#"{ "at": "2026-11-26T11:00:05.000+08:00", "text": "a" }"#).first?.get())
        let extra = try #require(try readAll(at + #""a","x":1}"#).first?.get())
        let plain = try #require(try readAll(at + #""a"}"#).first?.get())
        #expect(spaced == plain && extra == plain)
    }

    @Test func partialLastLine() {
        let text = #"{"at":"2026-11-26T11:00:05Z","text":"a"}"# + "\n" + #"{"at":"2026-11-26T11:00:06Z","te"#
        let e = readAll(text)
        #expect(records(e).map(\.content) == [.message(text: "a")])
        #expect(errors(e) == ["line 2: not valid JSON (unexpected end of line inside a string); "
            + "it is the last line and has no newline, so it was probably cut short"])
    }

    @Test func completeLastLineWithoutNewlineIsFine() {
        let e = readAll(#"{"at":"2026-11-26T11:00:05Z","text":"a"}"#)
        #expect(records(e).map(\.content) == [.message(text: "a")])
        #expect(errors(e).isEmpty)
    }

    @Test func badLinesDoNotStopReading() {
        let text = "{\"type\":1,\"orderId\":1}\nnull\n\n{\"at\":\"x\",\"text\":\"a\"}\n{\"type\":2,\"orderId\":1}\n"
        let e = readAll(text)
        #expect(records(e).count == 2)
        #expect(errors(e) == ["line 2: not a JSON object (found null)",
                              #"line 4: "at" is not an ISO 8601 time: "x""#])
    }
}

@Suite("LogReader: streaming")
struct LogReaderStreamingTests {
    private let text = "# header\n"
        + #"{"at":"2026-11-26T11:00:05.000+08:00","text":"订单 🍜"}"# + "\r\n"
        + "\n"
        + #"{"type":1,"orderId":1}"# + "\n"
        + "bad\n"
        + #"{"at":"2026-11-26T11:00:06.5+08:00","event":"close","code":1006}"#

    @Test func byteByByteEqualsWhole() {
        var r = LogReader()
        var e: [LogLineResult] = []
        for b in Array(text.utf8) { e += r.feed([b]) }
        e += r.finish()
        #expect(e == readAll(text))
        #expect(records(e).count == 3)
        #expect(errors(e) == ["line 5: not valid JSON (unexpected 'b' at offset 0)"])
    }

    @Test func entriesComeAsSoonAsTheirLineEnds() {
        var r = LogReader()
        #expect(r.feed(Array(#"{"type":1,"or"#.utf8)).isEmpty)
        #expect(r.feed(Array("derId\":1}".utf8)).isEmpty)
        let e = r.feed([0x0A])
        #expect(records(e) == [LogRecord(at: nil, content: .message(text: #"{"type":1,"orderId":1}"#))])
        #expect(r.finish().isEmpty)
    }

    @Test func readFile() throws {
        let dir = try TempDir()
        let path = dir.path + "/log.jsonl"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect(try LogReader.read(path: path) == readAll(text))
    }

    @Test func readMissingFile() {
        #expect(throws: JournalError.self) { try LogReader.read(path: "/nonexistent/x.jsonl") }
        do {
            _ = try LogReader.read(path: "/nonexistent/x.jsonl")
        } catch {
            #expect(error.description == "cannot open /nonexistent/x.jsonl: No such file or directory")
        }
    }
}
