import Testing
import Notifications
import enum Notifications.Notification

extension Notification {
    /// Not decodable as a notification (`otherJSON` and `raw`): what `DecodeCounters.undecodable` counts.
    var isError: Bool {
        switch self {
        case .otherJSON, .raw: true
        default: false
        }
    }
}

private func order(_ id: Int64, _ content: String?) -> OrderNotice { OrderNotice(orderId: id, content: content) }

@Suite("NotificationDecoder")
struct NotificationDecoderTests {
    @Test func newOrderType1() {
        let t = #"{"type":1,"orderId":1001,"content":"订单号: 1764126000001"}"#
        #expect(NotificationDecoder.decode(t) == .newOrder(order(1001, "订单号: 1764126000001"), text: t))
    }

    @Test func reminderType2() {
        let t = #"{"type":2,"orderId":1321,"content":"订单号: 1795662075121"}"#
        #expect(NotificationDecoder.decode(t) == .reminder(order(1321, "订单号: 1795662075121"), text: t))
    }

    @Test func keyOrderReversed() {
        let t = #"{"orderId":1001,"type":1,"content":"x"}"#
        #expect(NotificationDecoder.decode(t) == .newOrder(order(1001, "x"), text: t))
        let u = #"{"content":"y","orderId":7,"type":2}"#
        #expect(NotificationDecoder.decode(u) == .reminder(order(7, "y"), text: u))
    }

    @Test func orderIdAsString() {
        let t = #"{"type":1,"orderId":"1001","content":"c"}"#
        #expect(NotificationDecoder.decode(t) == .newOrder(order(1001, "c"), text: t))
        let big = #"{"type":1,"orderId":"9223372036854775807"}"#
        #expect(NotificationDecoder.decode(big) == .newOrder(order(Int64.max, nil), text: big))
    }

    @Test func orderIdStringNotDigits() {
        let t = #"{"type":1,"orderId":"abc"}"#
        guard case .otherJSON(let text, let reason) = NotificationDecoder.decode(t) else {
            Issue.record("expected otherJSON"); return
        }
        #expect(text == t)
        #expect(reason.contains("orderId is not an integer"))
        #expect(NotificationDecoder.decode(#"{"type":1,"orderId":" 1"}"#).isError)
        #expect(NotificationDecoder.decode(#"{"type":1,"orderId":""}"#).isError)
    }

    @Test func typeAsString() {
        let t = #"{"type":"2","orderId":55,"content":"催单"}"#
        #expect(NotificationDecoder.decode(t) == .reminder(order(55, "催单"), text: t))
    }

    @Test func extraFieldsIgnored() {
        let t = #"{"type":1,"orderId":1001,"content":"c","shop":{"id":3,"tags":[1,2]},"ts":1.5e12,"ok":true,"n":null}"#
        #expect(NotificationDecoder.decode(t) == .newOrder(order(1001, "c"), text: t))
    }

    @Test func missingContent() {
        let t = #"{"type":1,"orderId":1001}"#
        #expect(NotificationDecoder.decode(t) == .newOrder(order(1001, nil), text: t))
        let n = #"{"type":2,"orderId":1001,"content":null}"#
        #expect(NotificationDecoder.decode(n) == .reminder(order(1001, nil), text: n))
    }

    @Test func numericAndBooleanContentRenderedAsText() {
        let t = #"{"type":1,"orderId":1,"content":1764126000001}"#
        #expect(NotificationDecoder.decode(t) == .newOrder(order(1, "1764126000001"), text: t))
        let f = #"{"type":1,"orderId":1,"content":2.50}"#
        #expect(NotificationDecoder.decode(f) == .newOrder(order(1, "2.50"), text: f))
        let b = #"{"type":1,"orderId":1,"content":false}"#
        #expect(NotificationDecoder.decode(b) == .newOrder(order(1, "false"), text: b))
    }

    @Test func objectOrArrayContentIsWrongShape() {
        let t = #"{"type":1,"orderId":1,"content":{"a":1}}"#
        #expect(NotificationDecoder.decode(t) == .otherJSON(text: t, reason: "content is an object, not a string"))
        let a = #"{"type":1,"orderId":1,"content":["a"]}"#
        #expect(NotificationDecoder.decode(a) == .otherJSON(text: a, reason: "content is an array, not a string"))
    }

    @Test func unknownType() {
        let t = #"{"type":7,"orderId":1001,"content":"x"}"#
        #expect(NotificationDecoder.decode(t) == .otherJSON(text: t, reason: "unknown type 7"))
        let t3 = #"{"type":3}"#
        #expect(NotificationDecoder.decode(t3) == .otherJSON(text: t3, reason: "unknown type 3"))
    }

    @Test func missingTypeOrOrderId() {
        let a = #"{"orderId":1}"#
        #expect(NotificationDecoder.decode(a) == .otherJSON(text: a, reason: "missing type"))
        let b = #"{"type":1,"content":"x"}"#
        #expect(NotificationDecoder.decode(b) == .otherJSON(text: b, reason: "missing orderId"))
        let c = #"{"type":1,"orderId":null}"#
        #expect(NotificationDecoder.decode(c) == .otherJSON(text: c, reason: "orderId is null"))
        let d = #"{"type":1,"orderId":true}"#
        #expect(NotificationDecoder.decode(d) == .otherJSON(text: d, reason: "orderId is a boolean, not a number"))
        let e = #"{}"#
        #expect(NotificationDecoder.decode(e) == .otherJSON(text: e, reason: "missing type"))
    }

    @Test func arrayJSON() {
        let t = #"[{"type":1,"orderId":1}]"#
        #expect(NotificationDecoder.decode(t) == .otherJSON(text: t, reason: "not a JSON object (an array)"))
        let e = "  []"
        #expect(NotificationDecoder.decode(e) == .otherJSON(text: e, reason: "not a JSON object (an array)"))
    }

    @Test func topLevelStringNumberOrLiteralIsPlainText() {
        for t in [#""hello""#, "42", "-1", "true", "null", "1.5"] {
            #expect(NotificationDecoder.decode(t) == .plainText(t))
        }
    }

    @Test func truncatedJSON() {
        let t = #"{"type":1,"orderId":10"#
        #expect(NotificationDecoder.decode(t) == .raw(text: t, reason: "invalid JSON: unexpected end of input"))
        let s = #"{"type":1,"orderId":10,"content":"订单"#
        guard case .raw(let text, let reason) = NotificationDecoder.decode(s) else {
            Issue.record("expected raw"); return
        }
        #expect(text == s)
        #expect(reason.hasPrefix("invalid JSON: unexpected end of input"))
        #expect(NotificationDecoder.decode("{").isError)
        #expect(NotificationDecoder.decode("[").isError)
    }

    @Test func malformedJSON() {
        for t in [#"{"type":1,}"#, #"{type:1}"#, #"{"type":01,"orderId":1}"#, #"{"type":1} trailing"#,
                  #"{'type':1}"#, #"{"a":"\x"}"#, #"{"a":tru}"#, #"{"type":1 "orderId":2}"#] {
            guard case .raw(let text, let reason) = NotificationDecoder.decode(t) else {
                Issue.record("expected raw for \(t)"); continue
            }
            #expect(text == t)
            #expect(reason.hasPrefix("invalid JSON: "))
        }
    }

    @Test func deepNestingIsRawNotACrash() {
        let t = String(repeating: "[", count: 30_000) + String(repeating: "]", count: 30_000)
        guard case .raw(_, let reason) = NotificationDecoder.decode(t) else {
            Issue.record("expected raw"); return
        }
        #expect(reason.contains("nesting"))
    }

    /// Over 64 KiB a text is kept and shown raw, with the reason, without a full parse: the
    /// backend's notifications are far smaller, and a huge text costs no parse time.
    @Test func textOverTheDecodeLimitIsRawUnparsed() {
        let content = String(repeating: "菜", count: (NotificationDecoder.decodeLimit / 3) + 1)
        let t = #"{"type":1,"orderId":7,"content":"\#(content)"}"#
        #expect(t.utf8.count > NotificationDecoder.decodeLimit)
        #expect(NotificationDecoder.decode(t) == .raw(text: t, reason:
            "not decoded: \(t.utf8.count) bytes is over the 65536-byte limit for a notification"))
        // The same order just under the limit is decoded.
        let small = #"{"type":1,"orderId":7,"content":"\#(String(repeating: "a", count: 65_000))"}"#
        #expect(small.utf8.count <= NotificationDecoder.decodeLimit)
        guard case .newOrder(let notice, _) = NotificationDecoder.decode(small) else {
            Issue.record("expected a new order"); return
        }
        #expect(notice.orderId == 7)
        // Plain text over the limit stays plain text (nothing to parse).
        let plain = String(repeating: "x", count: 70_000)
        #expect(NotificationDecoder.decode(plain) == .plainText(plain))
    }

    @Test func hugeContent() throws {
        let content = String(repeating: "订单a", count: 1 << 18)  // 1 MiB+ of UTF-8
        #expect(content.utf8.count >= 1 << 20)
        let t = #"{"type":1,"orderId":1001,"content":""# + content + #""}"#
        // The parser itself takes it (journal lines go through it too) …
        #expect(try JSONParser.parse(t)["content"] == .string(content))
        // … but as a notification it is over the decode limit: kept whole, raw.
        guard case .raw(let text, _) = NotificationDecoder.decode(t) else { Issue.record("expected raw"); return }
        #expect(text == t)
    }

    @Test func emojiAndCJK() {
        let t = #"{"type":1,"orderId":1,"content":"🍜 牛肉面 ×2 👨‍👩‍👧 café"}"#
        #expect(NotificationDecoder.decode(t) == .newOrder(order(1, "🍜 牛肉面 ×2 👨‍👩‍👧 café"), text: t))
        // escaped forms, including a surrogate pair
        let e = #"{"type":1,"orderId":1,"content":"\u8ba2\u5355 \ud83c\udf5c \u00e9"}"#
        #expect(NotificationDecoder.decode(e) == .newOrder(order(1, "订单 🍜 é"), text: e))
        // a lone surrogate becomes U+FFFD rather than failing
        let l = #"{"type":1,"orderId":1,"content":"a\ud83cb"}"#
        #expect(NotificationDecoder.decode(l) == .newOrder(order(1, "a\u{FFFD}b"), text: l))
    }

    @Test func controlCharactersKept() {
        let escaped = #"{"type":1,"orderId":1,"content":"a\u001b[31mred\u0007\n\t\u0000z"}"#
        #expect(NotificationDecoder.decode(escaped) == .newOrder(order(1, "a\u{1B}[31mred\u{07}\n\t\u{00}z"), text: escaped))
        // raw (unescaped) control characters inside a string are tolerated and kept
        let rawCtl = "{\"type\":2,\"orderId\":2,\"content\":\"x\u{1B}]0;pwn\u{07}\ny\"}"
        #expect(NotificationDecoder.decode(rawCtl) == .reminder(order(2, "x\u{1B}]0;pwn\u{07}\ny"), text: rawCtl))
        let esc = #"{"type":1,"orderId":1,"content":"q\"b\\s\/"}"#
        #expect(NotificationDecoder.decode(esc) == .newOrder(order(1, "q\"b\\s/"), text: esc))
    }

    @Test func exact64BitIds() {
        let a = #"{"type":1,"orderId":9007199254740993}"#
        #expect(NotificationDecoder.decode(a) == .newOrder(order(9_007_199_254_740_993, nil), text: a))
        let b = #"{"type":1,"orderId":9223372036854775807}"#
        #expect(NotificationDecoder.decode(b) == .newOrder(order(Int64.max, nil), text: b))
        let m = #"{"type":2,"orderId":-9223372036854775808}"#
        #expect(NotificationDecoder.decode(m) == .reminder(order(Int64.min, nil), text: m))
    }

    @Test func tooBigId() {
        let t = #"{"type":1,"orderId":9223372036854775808}"#
        #expect(NotificationDecoder.decode(t) == .otherJSON(text: t, reason: "orderId 9223372036854775808 is out of the 64-bit range"))
        let s = #"{"type":1,"orderId":"99999999999999999999999"}"#
        #expect(NotificationDecoder.decode(s) == .otherJSON(text: s, reason: "orderId 99999999999999999999999 is out of the 64-bit range"))
    }

    @Test func zeroAndNegativeIdsAccepted() {
        let z = #"{"type":1,"orderId":0}"#
        #expect(NotificationDecoder.decode(z) == .newOrder(order(0, nil), text: z))
        let n = #"{"type":1,"orderId":-5}"#
        #expect(NotificationDecoder.decode(n) == .newOrder(order(-5, nil), text: n))
        let ns = #"{"type":1,"orderId":"-5"}"#
        #expect(NotificationDecoder.decode(ns) == .newOrder(order(-5, nil), text: ns))
    }

    @Test func floatId() {
        let t = #"{"type":1,"orderId":1001.5}"#
        #expect(NotificationDecoder.decode(t) == .otherJSON(text: t, reason: "orderId is not an integer (1001.5)"))
        let e = #"{"type":1,"orderId":1e3}"#
        #expect(NotificationDecoder.decode(e) == .otherJSON(text: e, reason: "orderId is not an integer (1e3)"))
        let f = #"{"type":1,"orderId":1001.0}"#
        #expect(NotificationDecoder.decode(f).isError)
    }

    @Test func floatType() {
        let t = #"{"type":1.0,"orderId":1}"#
        #expect(NotificationDecoder.decode(t) == .otherJSON(text: t, reason: "type is not an integer (1.0)"))
    }

    @Test func plainTickerText() {
        let t = "这是来自服务端的消息:12:00:05"
        #expect(NotificationDecoder.decode(t) == .plainText(t))
        #expect(NotificationDecoder.decode("hello {not json}") == .plainText("hello {not json}"))
    }

    @Test func emptyAndWhitespace() {
        #expect(NotificationDecoder.decode("") == .plainText(""))
        #expect(NotificationDecoder.decode("  \n") == .plainText("  \n"))
    }

    @Test func leadingWhitespaceAndBOM() {
        let t = "\n  {\"type\":1,\"orderId\":3}\r\n"
        #expect(NotificationDecoder.decode(t) == .newOrder(order(3, nil), text: t))
        let b = "\u{FEFF}{\"type\":2,\"orderId\":4}"
        #expect(NotificationDecoder.decode(b) == .reminder(order(4, nil), text: b))
    }

    @Test func duplicateKeysLastWins() {
        let t = #"{"type":1,"orderId":1,"orderId":2}"#
        #expect(NotificationDecoder.decode(t) == .newOrder(order(2, nil), text: t))
    }

    @Test func binary() {
        let bytes: [UInt8] = [0x00, 0xFF, 0x7B, 0x22]
        #expect(NotificationDecoder.decode(binary: bytes) == .binary(bytes))
        #expect(NotificationDecoder.decode(binary: []) == .binary([]))
    }

    @Test func convenienceAccessors() {
        let t = #"{"type":1,"orderId":1}"#
        let n = NotificationDecoder.decode(t)
        #expect(n.text == t)
        #expect(n.order == order(1, nil))
        #expect(!n.isError)
        #expect(Notification.binary([1]).text == nil)
    }
}

@Suite("DecodeCounters")
struct DecodeCountersTests {
    @Test func countsEveryKind() {
        var c = DecodeCounters()
        #expect(c.undecodable == 0)
        let inputs = [
            #"{"type":1,"orderId":1}"#, #"{"type":1,"orderId":2}"#,
            #"{"type":2,"orderId":1}"#,
            #"{"type":9}"#, "[1]",
            "这是来自服务端的消息:12:00:05",
            #"{"type":1,"orderId":10"#,
        ]
        for t in inputs { c.count(NotificationDecoder.decode(t)) }
        c.count(NotificationDecoder.decode(binary: [1, 2]))
        #expect(c.newOrders == 2)
        #expect(c.reminders == 1)
        #expect(c.otherJSON == 2)
        #expect(c.plainText == 1)
        #expect(c.binary == 1)
        #expect(c.raw == 1)
        #expect(c.undecodable == 3)
        #expect(c.total == 8)
    }
}
