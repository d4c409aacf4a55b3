import Testing
import Notifications
import enum Notifications.Notification

/// The decoder's fast path against its general path: wherever the fast path answers it must give
/// the general path's answer, and the texts it must leave alone (escapes, whitespace, big numbers…)
/// it leaves to the general path.
@Suite struct NotificationFastPathTests {
    /// Decodes `t` both ways; returns whether the fast path answered.
    @discardableResult
    func agree(_ t: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let general = NotificationDecoder.decodeInGeneral(t)
        let fast = NotificationFastPath.decode(t)
        if let fast { #expect(fast == general, "\(t)", sourceLocation: sourceLocation) }
        #expect(NotificationDecoder.decode(t) == general, "\(t)", sourceLocation: sourceLocation)
        return fast != nil
    }

    @Test func theUsualShapesTakeTheFastPath() {
        let usual = [
            #"{"orderId":1764126000001,"type":1,"content":"订单号: 1764126000001"}"#,
            #"{"type":2,"orderId":1321,"content":"客户催单: 订单号 1321"}"#,
            #"{"content":"x","orderId":7,"type":2}"#,
            #"{"type":1,"orderId":0}"#,
            #"{"type":1,"orderId":-5,"content":null}"#,
            #"{"type":1,"orderId":-0}"#,
            #"{"type":1,"orderId":999999999999999999,"content":""}"#,
            #"{"type":1,"orderId":-999999999999999999,"content":"🍜 加辣 🇨🇳 e\#u{301} \#u{7F}"}"#,
            #"{"type":1,"orderId":1,"content":"a\#u{2028}b\#u{85}c"}"#,
        ]
        for t in usual {
            #expect(agree(t), "\(t) should take the fast path")
            #expect(NotificationFastPath.decode(t)?.order != nil)
        }
        let t = #"{"orderId":42,"type":2,"content":"订单"}"#
        #expect(NotificationFastPath.decode(t) == .reminder(OrderNotice(orderId: 42, content: "订单"), text: t))
    }

    @Test func whatTheFastPathLeavesToTheGeneralPath() {
        let others = [
            // escapes and \u sequences, surrogate pairs and lone surrogates
            #"{"type":1,"orderId":1,"content":"a\"b"}"#,
            #"{"type":1,"orderId":1,"content":"\u8ba2\u5355"}"#,
            #"{"type":1,"orderId":1,"content":"\ud83c\udf5c"}"#,
            #"{"type":1,"orderId":1,"content":"\ud83c"}"#,
            #"{"type":1,"orderId":1,"content":"\udf5c x"}"#,
            #"{"type":1,"orderId":1,"content":"tab\there"}"#,
            #"{"ty\u0070e":1,"orderId":1}"#,
            // raw control characters in a string
            "{\"type\":1,\"orderId\":1,\"content\":\"a\u{1}b\"}",
            "{\"type\":1,\"orderId\":1,\"content\":\"a\nb\"}",
            // big and odd numbers
            #"{"type":1,"orderId":9223372036854775807}"#,
            #"{"type":1,"orderId":-9223372036854775808}"#,
            #"{"type":1,"orderId":9223372036854775808}"#,
            #"{"type":1,"orderId":1234567890123456789012345}"#,
            #"{"type":1,"orderId":1.0}"#,
            #"{"type":1,"orderId":1e3}"#,
            #"{"type":1,"orderId":01}"#,
            #"{"type":1,"orderId":-}"#,
            #"{"type":1.5,"orderId":1}"#,
            #"{"type":3,"orderId":1}"#,
            #"{"type":0,"orderId":1}"#,
            #"{"type":"1","orderId":"1001"}"#,
            // missing, repeated, extra fields; other values
            #"{"type":1}"#,
            #"{"orderId":1}"#,
            #"{"content":"x"}"#,
            #"{}"#,
            #"{"type":1,"orderId":1,"orderId":2}"#,
            #"{"type":1,"type":2,"orderId":1}"#,
            #"{"type":1,"orderId":1,"content":"a","content":"b"}"#,
            #"{"type":1,"orderId":1,"shop":"x"}"#,
            #"{"type":1,"orderId":1,"content":5}"#,
            #"{"type":1,"orderId":1,"content":true}"#,
            #"{"type":1,"orderId":1,"content":{"a":1}}"#,
            #"{"type":1,"orderId":null}"#,
            #"{"type":1,"orderId":1,"content":nul}"#,
            // whitespace, BOM, trailing bytes, other documents
            #"{ "type":1,"orderId":1}"#,
            #"{"type" :1,"orderId":1}"#,
            #"{"type":1,"orderId":1} "#,
            " {\"type\":1,\"orderId\":1}",
            "\u{FEFF}{\"type\":1,\"orderId\":1}",
            #"{"type":1,"orderId":1}{"type":1,"orderId":2}"#,
            #"{"type":1,"orderId":1}}"#,
            #"[{"type":1,"orderId":1}]"#,
            "ticker 12:00",
            "",
        ]
        for t in others { #expect(!agree(t), "\(t) should take the general path") }
    }

    @Test func truncatedTextsAtEveryLengthAgree() {
        let full = #"{"orderId":1764126000001,"type":1,"content":"订单号: 17641"}"#
        let bytes = Array(full.utf8)
        for k in 0...bytes.count {
            // Cut inside a UTF-8 sequence too: the String then holds U+FFFD, as the client would.
            let t = String(decoding: bytes[..<k], as: UTF8.self)
            let fast = agree(t)
            #expect(fast == (k == bytes.count), "cut at \(k)")
        }
    }

    @Test func invalidUTF8RepairedIntoTheTextAgrees() {
        let bytes: [UInt8] = Array(#"{"type":1,"orderId":3,"content":"a"#.utf8) + [0xFF, 0xC3, 0x28] + Array(#"b"}"#.utf8)
        let t = String(decoding: bytes, as: UTF8.self)
        #expect(agree(t))
        #expect(NotificationDecoder.decode(t).order?.content == "a\u{FFFD}\u{FFFD}(b")
    }

    @Test func everySingleByteChangeOfAUsualTextAgrees() {
        let base = Array(#"{"orderId":1001,"type":2,"content":"x订"}"#.utf8)
        let replacements: [UInt8] = [0x00, 0x09, 0x20, 0x22, 0x2C, 0x2D, 0x30, 0x31, 0x32, 0x33, 0x3A, 0x5C, 0x7B, 0x7D, 0x6E, 0x80]
        for k in base.indices {
            for r in replacements {
                var b = base
                b[k] = r
                agree(String(decoding: b, as: UTF8.self))
            }
        }
    }

    @Test func aTextOverTheDecodeLimitIsLeftRaw() {
        let content = String(repeating: "订", count: NotificationDecoder.decodeLimit / 3 + 1)
        let t = #"{"type":1,"orderId":1,"content":""# + content + #""}"#
        #expect(!agree(t))
        guard case .raw = NotificationDecoder.decode(t) else {
            Issue.record("expected raw")
            return
        }
    }

    /// The content is scanned eight bytes at a time: a quote, a backslash or a control byte at any
    /// position of any word (contents of 0–24 bytes, ASCII and CJK) is found, and a content
    /// without one is kept whole.
    @Test func contentsOfEveryLengthWithASpecialByteAtEveryPlaceAgree() {
        for filler in ["a", "订"] {
            for length in 0...24 {
                let plain = String(repeating: filler, count: length)
                let t = #"{"type":1,"orderId":7,"content":"\#(plain)"}"#
                #expect(agree(t))
                #expect(NotificationFastPath.decode(t)?.order?.content == plain)
                for at in 0...length {
                    let head = String(repeating: filler, count: at), tail = String(repeating: filler, count: length - at)
                    for special in ["\\\"", "\\\\", "\u{1}", "\u{1F}", "\t"] {
                        let bad = "{\"type\":1,\"orderId\":7,\"content\":\"" + head + special + tail + "\"}"
                        #expect(!agree(bad), "\(bad) should take the general path")
                    }
                    let open = #"{"type":1,"orderId":7,"content":"\#(head)"#   // no closing quote
                    #expect(!agree(open))
                }
            }
        }
    }
}
