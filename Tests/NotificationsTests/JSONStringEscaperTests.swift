import Notifications
import Testing

/// The byte-level JSON string escaper behind `JSONEscaping`, the headless jsonl lines and the journal.
@Suite struct JSONStringEscaperTests {
    func body(_ s: String) -> String {
        var out = [UInt8]()
        JSONStringEscaper.appendBody(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func plainTextIsCopiedByteForByte() {
        for s in ["", "a", "订单号: 1764126000001", "🍜 加辣 🇨🇳 e\u{301}", "~ ÿ Ā ߿ ࠀ ￿ 𐀀"] {
            #expect(body(s) == s)
            #expect(!JSONStringEscaper.needsEscaping(s))
            #expect(JSONEscaping.body(s) == s)
        }
    }

    @Test func everyC0ControlQuoteAndBackslashHasItsEscape() {
        #expect(body("\"") == #"\""#)
        #expect(body("\\") == #"\\"#)
        #expect(body("\n\r\t\u{08}\u{0C}") == #"\n\r\t\b\f"#)
        #expect(body("\u{00}\u{01}\u{1B}[31m\u{1F}") == #"\u0000\u0001\u001b[31m\u001f"#)
        for v in UInt8(0)..<0x20 {
            let out = body(String(decoding: [v], as: UTF8.self))
            #expect(out.hasPrefix("\\") && (out.count == 2 || out.count == 6), "0x\(String(v, radix: 16)) gave \(out)")
        }
    }

    @Test func delC1ControlsAndLineSeparatorsAreEscapedButTheirNeighboursAreNot() {
        #expect(body("\u{7F}") == #"\u007f"#)
        #expect(body("\u{80}\u{85}\u{9F}") == #"\u0080\u0085\u009f"#)
        #expect(body("a\u{2028}b\u{2029}c") == #"a\u2028b\u2029c"#)
        // Same lead bytes (C2, E2 80), other characters: kept.
        #expect(body("\u{A0}\u{A9}\u{BF}") == "\u{A0}\u{A9}\u{BF}")
        #expect(body("\u{2027}\u{202A}\u{2026}\u{20AC}") == "\u{2027}\u{202A}\u{2026}\u{20AC}")
        #expect(body("—“”") == "—“”")   // E2 80 94 / 9C / 9D
    }

    @Test func escapesAtTheStartTheEndAndBackToBack() {
        #expect(body("\"x\"") == #"\"x\""#)
        #expect(body("\u{2028}") == #"\u2028"#)
        #expect(body("x\u{85}") == #"x\u0085"#)
        #expect(body("\\\\\n\n") == #"\\\\\n\n"#)
        #expect(body("🍜\"🍜") == #"🍜\"🍜"#)
    }

    @Test func appendsAfterWhatTheBufferHolds() {
        var out = Array("{\"k\":".utf8)
        JSONStringEscaper.appendLiteral("a\"b", to: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"{"k":"a\"b""#)
    }

    @Test func veryLongTextWithEscapesEverywhere() {
        let unit = "订单🍜\"\n\u{2028}x"
        let s = String(repeating: unit, count: 20_000)
        let expected = String(repeating: #"订单🍜\"\n\u2028x"#, count: 20_000)
        #expect(body(s) == expected)
        let plain = String(repeating: "不要香菜，多放辣。", count: 50_000)
        #expect(body(plain) == plain)
    }

    /// Plain runs are scanned eight bytes at a time: every escape is found at every offset in and
    /// across those words, after ASCII or after CJK.
    @Test func everyEscapeAtEveryOffset() {
        let escapes: [(String, String)] = [("\"", #"\""#), ("\\", #"\\"#), ("\n", #"\n"#), ("\u{1}", #"\u0001"#),
                                           ("\u{1F}", #"\u001f"#), ("\u{7F}", #"\u007f"#), ("\u{85}", #"\u0085"#),
                                           ("\u{2028}", #"\u2028"#), ("\u{2029}", #"\u2029"#)]
        for pad in ["abcdefghijklmnopqrstuvwxyz", "订单号备注不要香菜多放辣"] {
            for (raw, escaped) in escapes {
                for k in 0...pad.count {
                    let head = String(pad.prefix(k)), tail = String(pad.dropFirst(k))
                    #expect(body(head + raw + tail) == head + escaped + tail, "\(escaped) after \(k)")
                }
            }
        }
        // Bytes that only look like a start (C2 A0, E2 80 A7, E2 82 AC) stay as they are.
        for s in ["abcdefg\u{A0}hijklmnop", "abcdefg\u{2027}hijklmnop", "abcdef€ghijklmnop", "~~~~~~~~ !#[]"] {
            #expect(body(s) == s)
        }
    }

    @Test func aBridgedOrSubstringBackedStringGivesTheSameBytes() {
        let s = "ab\u{1}cd"
        let sub = String(s.dropFirst())   // a String made from a Substring
        #expect(body(sub) == #"b\u0001cd"#)
    }

    @Test func agreesWithTheScalarDefinitionOnEveryBMPEdgeScalar() {
        let edges: [UInt32] = [0x1F, 0x20, 0x21, 0x22, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0x9F, 0xA0, 0x7FF, 0x800,
                               0x2027, 0x2028, 0x2029, 0x202A, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF]
        for v in edges {
            let u = Unicode.Scalar(v)!
            let escaped = v < 0x20 || v == 0x22 || v == 0x5C || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029
            let out = body(String(Character(u)))
            #expect((out != String(Character(u))) == escaped, "U+\(String(v, radix: 16))")
        }
    }
}
