import Foundation
import Testing
import Notifications
import enum Notifications.Notification
import Orders
import Session

/// 2026-11-26T11:00:05.000+08:00
private let at = Date(timeIntervalSince1970: 1_795_662_005)
private let shanghai = TimeZone(secondsFromGMT: 8 * 3600)!
private let jsonl = EventLineFormatter(format: .jsonl, timeZone: shanghai)
private let text = EventLineFormatter(format: .text, timeZone: shanghai)
private let ts = #""at":"2026-11-26T11:00:05.000+08:00""#

private func j(_ e: SessionEvent, _ date: Date = at) -> String { jsonl.line(TimedEvent(at: date, event: e)) }
private func t(_ e: SessionEvent, _ date: Date = at) -> String { text.line(TimedEvent(at: date, event: e)) }
private func msg(_ s: String) -> SessionEvent { .message(NotificationDecoder.decode(s)) }

/// Parses a jsonl line back with JSONSerialization: proves it is valid JSON.
private func parsed(_ line: String) throws -> [String: Any] {
    let obj = try JSONSerialization.jsonObject(with: Data(line.utf8))
    return try #require(obj as? [String: Any])
}

@Suite("EventLineFormatter jsonl")
struct JSONLFormatTests {
    /// Headless jsonl with the text escaped once by the pipeline (`EscapedTexts`): the same line.
    @Test func aPreEscapedTextGivesTheSameLine() {
        let texts = [#"{"orderId":1,"type":1,"content":"订单号: 1 \"辣\"\n🍜"}"#, #"{"type":2,"orderId":3}"#, "ticker\t\u{1B}[31m",
                     "[1,2", #"{"type":9}"#, "", "\u{2028}\u{85}\u{7F}\\", String(repeating: "订单\"", count: 3000)]
        let events = texts.map { msg($0) } + [.message(.binary([1, 2])), .sent(text: "a\"b"), .error("e\n"), .open(url: "ws://h")]
        var escaped = EscapedTexts()
        for e in events { escaped.add(e) }
        for (k, e) in events.enumerated() {
            var plain = [UInt8](), reused = [UInt8]()
            jsonl.appendLine(TimedEvent(at: at, event: e), to: &plain)
            jsonl.appendLine(TimedEvent(at: at, event: e), escapedText: escaped[k], to: &reused)
            #expect(reused == plain, "\(e)")
            #expect(String(decoding: plain, as: UTF8.self) == j(e))
        }
    }

    @Test func connecting() {
        #expect(j(.connecting(attempt: 3, url: "ws://h:8080/ws/abc")) ==
            "{\(ts),\"event\":\"connecting\",\"attempt\":3,\"url\":\"ws://h:8080/ws/abc\"}")
    }

    @Test func open() {
        #expect(j(.open(url: "wss://x/ws/1")) == "{\(ts),\"event\":\"open\",\"url\":\"wss://x/ws/1\"}")
    }

    @Test func order() throws {
        let raw = #"{"orderId":1001,"type":1,"content":"订单号: 1764126000001"}"#
        let line = j(msg(raw))
        #expect(line == "{\(ts),\"event\":\"order\",\"orderId\":1001,\"content\":\"订单号: 1764126000001\",\"text\":\"{\\\"orderId\\\":1001,\\\"type\\\":1,\\\"content\\\":\\\"订单号: 1764126000001\\\"}\"}")
        let obj = try parsed(line)
        #expect(obj["text"] as? String == raw)
        #expect(obj["content"] as? String == "订单号: 1764126000001")
    }

    @Test func reminderWithoutContent() {
        #expect(j(msg(#"{"type":2,"orderId":7}"#)) ==
            "{\(ts),\"event\":\"reminder\",\"orderId\":7,\"content\":null,\"text\":\"{\\\"type\\\":2,\\\"orderId\\\":7}\"}")
    }

    @Test func orderIdsAreWrittenAsStringWritesThem() {
        for id: Int64 in [0, 7, -1, 10, -10, 1_764_126_000_001, Int64.max, Int64.min, Int64.min + 1] {
            let line = j(.message(.newOrder(OrderNotice(orderId: id, content: nil), text: "")))
            #expect(line.contains(#""event":"order","orderId":\#(String(id)),"content":null,"#), "\(line)")
            let reminder = j(.message(.reminder(OrderNotice(orderId: id, content: "c"), text: "")))
            #expect(reminder.contains(#""event":"reminder","orderId":\#(String(id)),"content":"c","#), "\(reminder)")
        }
    }

    @Test func bigOrderIdExact() {
        let line = j(msg(#"{"type":1,"orderId":9223372036854775807}"#))
        #expect(line.contains(#""orderId":9223372036854775807,"#))
        let line2 = j(.message(.newOrder(OrderNotice(orderId: 1_000_000_000_000_000_000, content: nil), text: "")))
        #expect(line2.contains(#""orderId":1000000000000000000,"#))
    }

    @Test func otherJSON() {
        #expect(j(msg(#"{"type":7}"#)) ==
            "{\(ts),\"event\":\"json\",\"reason\":\"unknown type 7\",\"text\":\"{\\\"type\\\":7}\"}")
    }

    @Test func plainText() {
        #expect(j(msg("这是来自服务端的消息:12:00:05")) ==
            "{\(ts),\"event\":\"text\",\"text\":\"这是来自服务端的消息:12:00:05\"}")
    }

    @Test func binary() {
        #expect(j(.message(.binary([0x00, 0xFF, 0x41]))) ==
            "{\(ts),\"event\":\"binary\",\"length\":3,\"base64\":\"AP9B\"}")
    }

    @Test func raw() {
        #expect(j(msg(#"{"type":1,"orderId":10"#)) ==
            "{\(ts),\"event\":\"raw\",\"reason\":\"invalid JSON: unexpected end of input\",\"text\":\"{\\\"type\\\":1,\\\"orderId\\\":10\"}")
    }

    @Test func sent() {
        #expect(j(.sent(text: "收到")) == "{\(ts),\"event\":\"sent\",\"text\":\"收到\"}")
    }

    @Test func closed() {
        #expect(j(.closed(code: 1000, reason: "bye", by: .server)) ==
            "{\(ts),\"event\":\"closed\",\"code\":1000,\"reason\":\"bye\",\"by\":\"server\"}")
        #expect(j(.closed(code: 1006, reason: "", by: .network)).hasSuffix(#""code":1006,"reason":"","by":"network"}"#))
        #expect(j(.closed(code: 1000, reason: "", by: .client)).hasSuffix(#""by":"client"}"#))
    }

    @Test func retrying() {
        #expect(j(.retrying(after: 0.5, attempt: 2)) == "{\(ts),\"event\":\"retrying\",\"after\":0.5,\"attempt\":2}")
        #expect(j(.retrying(after: 30, attempt: 9)).contains(#""after":30,"#))
        #expect(j(.retrying(after: 1.23456, attempt: 1)).contains(#""after":1.235,"#))
        #expect(j(.retrying(after: 0.05, attempt: 1)).contains(#""after":0.05,"#))
        #expect(j(.retrying(after: .infinity, attempt: 1)).contains(#""after":0,"#))
    }

    @Test func failed() {
        #expect(j(.failed(reason: "HTTP 404")) == "{\(ts),\"event\":\"failed\",\"reason\":\"HTTP 404\"}")
    }

    @Test func error() {
        #expect(j(.error("line 3: bad")) == "{\(ts),\"event\":\"error\",\"message\":\"line 3: bad\"}")
    }

    @Test func escaping() throws {
        let nasty = "q\"b\\s\n\r\t\u{08}\u{0C}\u{00}\u{1B}[31m\u{7F}\u{85}\u{2028}\u{2029}/é订🍜"
        let line = j(.sent(text: nasty))
        #expect(line == "{\(ts),\"event\":\"sent\",\"text\":\"q\\\"b\\\\s\\n\\r\\t\\b\\f\\u0000\\u001b[31m\\u007f\\u0085\\u2028\\u2029/é订🍜\"}")
        #expect(!line.contains("\n"))
        #expect(line.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) })
        #expect(try parsed(line)["text"] as? String == nasty)
    }

    @Test func everyKindIsValidJSONWithAtAndEventFirst() throws {
        let events: [SessionEvent] = [
            .connecting(attempt: 1, url: "ws://a/ws/x"), .open(url: "ws://a/ws/x"),
            msg(#"{"type":1,"orderId":1}"#), msg(#"{"type":2,"orderId":1,"content":"c"}"#),
            msg("[1]"), msg("tick"), .message(.binary([1])), msg("{"),
            .sent(text: "hi"), .closed(code: 1000, reason: "r", by: .client),
            .retrying(after: 2.5, attempt: 3), .failed(reason: "f"), .error("e"),
        ]
        for e in events {
            let line = j(e)
            #expect(line.hasPrefix("{\(ts),\"event\":\""))
            #expect(!line.contains("\n"))
            #expect(try parsed(line)["at"] as? String == "2026-11-26T11:00:05.000+08:00")
        }
    }

    @Test func timestamps() {
        let utc = EventLineFormatter(format: .jsonl, timeZone: TimeZone(secondsFromGMT: 0)!)
        #expect(utc.isoTimestamp(at) == "2026-11-26T03:00:05.000+00:00")
        let ny = EventLineFormatter(format: .jsonl, timeZone: TimeZone(secondsFromGMT: -(5 * 3600 + 30 * 60))!)
        #expect(ny.isoTimestamp(at) == "2026-11-25T21:30:05.000-05:30")
        // milliseconds survive a Double round trip (…40.159 must not print as .158)
        let d = Date(timeIntervalSince1970: 1_795_662_040.159)
        #expect(jsonl.isoTimestamp(d) == "2026-11-26T11:00:40.159+08:00")
        #expect(jsonl.isoTimestamp(Date(timeIntervalSince1970: 1_795_662_005.9996)) == "2026-11-26T11:00:06.000+08:00")
        #expect(jsonl.isoTimestamp(Date(timeIntervalSince1970: -0.5)).hasPrefix("1970-01-01T07:59:59.500"))
        #expect(EventLineFormatter(format: .text).timeZone == TimeZone.current)
    }

    @Test func formatNames() {
        #expect(EventLineFormat.allCases == [.jsonl, .text])
        #expect(EventLineFormat(rawValue: "jsonl") == .jsonl)
        #expect(EventLineFormat(rawValue: "text") == .text)
    }
}

@Suite("EventLineFormatter text")
struct TextFormatTests {
    @Test func connecting() {
        #expect(t(.connecting(attempt: 1, url: "ws://h/ws/abc")) == "11:00:05.000 connecting ws://h/ws/abc (attempt 1)")
    }

    @Test func open() {
        #expect(t(.open(url: "ws://h/ws/abc")) == "11:00:05.000 open ws://h/ws/abc")
    }

    @Test func order() {
        #expect(t(msg(#"{"type":1,"orderId":1001,"content":"订单号: 1764126000001"}"#)) ==
            "11:00:05.000 order 1001 订单号: 1764126000001")
        #expect(t(msg(#"{"type":1,"orderId":9223372036854775807}"#)) == "11:00:05.000 order 9223372036854775807")
    }

    @Test func reminder() {
        #expect(t(msg(#"{"type":2,"orderId":1001,"content":"订单号: 1"}"#)) == "11:00:05.000 reminder 1001 订单号: 1")
    }

    @Test func otherJSON() {
        #expect(t(msg(#"{"type":7}"#)) == #"11:00:05.000 json (unknown type 7) {"type":7}"#)
    }

    @Test func plainText() {
        #expect(t(msg("这是来自服务端的消息:12:00:05")) == "11:00:05.000 text 这是来自服务端的消息:12:00:05")
    }

    @Test func binary() {
        #expect(t(.message(.binary([0x00, 0xFF, 0x41]))) == "11:00:05.000 binary 3 bytes: 00 ff 41")
        #expect(t(.message(.binary([7]))) == "11:00:05.000 binary 1 byte: 07")
        #expect(t(.message(.binary([]))) == "11:00:05.000 binary 0 bytes")
        #expect(t(.message(.binary(Array(repeating: 1, count: 20)))).hasSuffix("01 01 …"))
    }

    @Test func raw() {
        #expect(t(msg(#"{"type":1,"orderId":10"#)) ==
            #"11:00:05.000 raw (invalid JSON: unexpected end of input) {"type":1,"orderId":10"#)
    }

    @Test func sent() {
        #expect(t(.sent(text: "收到")) == "11:00:05.000 sent 收到")
    }

    @Test func closed() {
        #expect(t(.closed(code: 1000, reason: "bye", by: .server)) == #"11:00:05.000 closed 1000 "bye" by server"#)
        #expect(t(.closed(code: 1006, reason: "", by: .network)) == #"11:00:05.000 closed 1006 "" by network"#)
        #expect(t(.closed(code: 1000, reason: "say \"hi\"\n", by: .client)) == #"11:00:05.000 closed 1000 "say \"hi\"\n" by client"#)
    }

    @Test func retrying() {
        #expect(t(.retrying(after: 0.5, attempt: 2)) == "11:00:05.000 retrying in 0.5s (attempt 2)")
        #expect(t(.retrying(after: 16, attempt: 5)) == "11:00:05.000 retrying in 16s (attempt 5)")
    }

    @Test func failed() {
        #expect(t(.failed(reason: "handshake refused: HTTP 404")) == "11:00:05.000 failed handshake refused: HTTP 404")
    }

    @Test func error() {
        #expect(t(.error("journal: disk full")) == "11:00:05.000 error journal: disk full")
    }

    @Test func controlCharactersMadeVisible() {
        let line = t(msg(#"{"type":1,"orderId":1,"content":"a\u001b[2J\u001b]0;pwn\u0007b\nc\td\r\u007f\u009b\u0000\u2028"}"#))
        #expect(line == #"11:00:05.000 order 1 a\u{1B}[2J\u{1B}]0;pwn\u{7}b\nc\td\r\u{7F}\u{9B}\u{0}\u{2028}"#)
        #expect(line.unicodeScalars.allSatisfy { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) })
        // plain text, raw and sent text too
        #expect(t(msg("x\u{1B}[31my")) == #"11:00:05.000 text x\u{1B}[31my"#)
        #expect(t(msg("{\u{1B}")).contains(#"{\u{1B}"#))
        #expect(t(.sent(text: "a\nb")) == #"11:00:05.000 sent a\nb"#)
    }

    @Test func cjkAndEmojiKept() {
        #expect(t(msg(#"{"type":1,"orderId":2,"content":"🍜 牛肉面 ×2"}"#)) == "11:00:05.000 order 2 🍜 牛肉面 ×2")
    }

    @Test func alwaysOneLine() {
        let events: [SessionEvent] = [
            .connecting(attempt: 1, url: "ws://a\n"), .open(url: "\r"),
            msg("{\"type\":1,\"orderId\":1,\"content\":\"\\n\"}"), msg("a\nb"), msg("{\n"),
            msg("[\n1]"), .sent(text: "\n"), .closed(code: 1, reason: "\n", by: .server),
            .failed(reason: "\n"), .error("\u{2029}"),
        ]
        for e in events {
            #expect(!t(e).contains("\n"))
            #expect(!t(e).contains("\r"))
            #expect(!j(e).contains("\n"))
        }
    }
}

@Suite("EventLineFormatter catch-up events")
struct CatchUpLineTests {
    @Test func foundAndDeafLines() throws {
        let o = Order(id: 7, number: "N7", status: .toBeConfirmed, amount: Money(text: "12.50"), dishes: [Dish(name: "米饭", count: 2)])
        #expect(t(.orderFound(o, how: .offline)) == "11:00:05.000 found 7 (missed while offline) N7 待接单 ¥12.50 米饭×2")
        #expect(t(.deafSession(orderId: 7)) == "11:00:05.000 deaf order 7 was never announced on this session; reconnecting")
        let found = try parsed(j(.orderFound(o, how: .check)))
        #expect(found["event"] as? String == "found" && found["how"] as? String == "check" && found["orderId"] as? Int == 7)
        #expect((found["order"] as? [String: Any])?["status"] as? Int == 2)
        #expect(j(.deafSession(orderId: 7)) == "{" + ts + #","event":"deaf","orderId":7}"#)
    }
}

/// Bidi controls would reorder the printed line (an order id shown backwards, a price moved):
/// headless text shows each as an escape, the same set the dashboard's Sanitizer drops.
@Suite("EventLineFormatter text bidi")
struct TextBidiTests {
    static let bidi: [Unicode.Scalar] = [
        "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}",
        "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}", "\u{200E}", "\u{200F}", "\u{061C}",
    ]

    @Test(arguments: bidi)
    func eachBidiControlIsEscapedInText(control: Unicode.Scalar) {
        let raw = "pay \(control)0001 yuan"
        let line = t(msg(raw))
        #expect(!line.unicodeScalars.contains(control), "\(line.debugDescription)")
        let escape = "\\u{" + String(control.value, radix: 16, uppercase: true) + "}"
        #expect(line.contains("pay " + escape + "0001 yuan"), "\(line)")
    }

    @Test func closeReasonsAndOrderContentAreEscapedToo() {
        #expect(!t(.closed(code: 1000, reason: "bye \u{202E}dlrow", by: .server)).unicodeScalars.contains("\u{202E}"))
        let order = t(msg(#"{"orderId":1,"type":1,"content":"\#u{2067}rtl\#u{2069}"}"#))
        #expect(!order.unicodeScalars.contains("\u{2067}") && order.contains(#"\u{2067}rtl\u{2069}"#), "\(order)")
    }

    /// Other scripts are not touched: Arabic and Hebrew text itself stays.
    @Test func rightToLeftTextItselfIsKept() {
        #expect(t(msg("مرحبا שלום")).hasSuffix("مرحبا שלום"))
    }
}
