import Testing
@testable import Dashboard

@Suite struct TextWidthTests {
    @Test func basicWidths() {
        #expect(TextWidth.width("abc") == 3)
        #expect(TextWidth.width("订单号") == 6)
        #expect(TextWidth.width("ｈｉ") == 4)              // fullwidth forms
        #expect(TextWidth.width("한국") == 4)
        #expect(TextWidth.width("カタカナ") == 8)
        #expect(TextWidth.width("🍜") == 2)
        #expect(TextWidth.width("👨‍👩‍👧‍👦") == 2)           // ZWJ family is one cluster
        #expect(TextWidth.width("🇨🇳") == 2)               // flag
        #expect(TextWidth.width("👍🏽") == 2)               // skin tone
        #expect(TextWidth.width("1️⃣") == 2)               // keycap
        #expect(TextWidth.width("❤") == 1)                // text presentation by default
        #expect(TextWidth.width("❤️") == 2)               // VS16
        #expect(TextWidth.width("e\u{301}") == 1)         // combining mark adds nothing
        #expect(TextWidth.width("\u{301}") == 0)          // stray combining mark
        #expect(TextWidth.width("a\u{200B}b") == 2)       // zero-width space
        #expect(TextWidth.width("\u{1B}\u{07}\u{9B}") == 0)
        #expect(TextWidth.width("\u{1100}\u{1161}") == 2) // conjoining jamo cluster
    }

    @Test func truncateNeverSplitsAWideChar() {
        #expect(TextWidth.truncate("订单号码", toWidth: 5) == "订单…")
        #expect(TextWidth.truncate("订单号码", toWidth: 4) == "订…")
        #expect(TextWidth.truncate("订单号码", toWidth: 5, ellipsis: nil) == "订单")
        #expect(TextWidth.truncate("订单号码", toWidth: 8) == "订单号码")
        #expect(TextWidth.truncate("ab👨‍👩‍👧‍👦cd", toWidth: 4, ellipsis: nil) == "ab👨‍👩‍👧‍👦")
        #expect(TextWidth.truncate("ab👨‍👩‍👧‍👦cd", toWidth: 3, ellipsis: nil) == "ab")
        #expect(TextWidth.truncate("abc", toWidth: 0) == "")
        #expect(TextWidth.truncate("abcdef", toWidth: 1) == "…")
        for w in 0...12 {
            #expect(TextWidth.width(TextWidth.truncate("麻辣香锅🍜 spicy", toWidth: w)) <= w)
        }
    }

    @Test func padding() {
        #expect(TextWidth.pad("订单", toWidth: 6) == "订单  ")
        #expect(TextWidth.padLeft("42", toWidth: 5) == "   42")
        #expect(TextWidth.width(TextWidth.pad("订单号码", toWidth: 5)) == 5)
    }

    @Test func backspaceDropsWholeClusters() {
        #expect(TextWidth.dropLastCluster("你好") == "你")
        #expect(TextWidth.dropLastCluster("a👨‍👩‍👧‍👦") == "a")
        #expect(TextWidth.dropLastCluster("e\u{301}") == "")
        #expect(TextWidth.dropLastCluster("") == "")
    }

    @Test func fastPathsGiveTheRulesAnswers() {
        // Every ASCII byte and every CJK unified ideograph (the fast paths), and their neighbours.
        let ranges: [ClosedRange<UInt32>] = [0...0x3FF, 0x4DF0...0xA0FF, 0xFE00...0xFFFF]
        for range in ranges {
            for v in range {
                guard let scalar = Unicode.Scalar(v) else { continue }
                let ch = Character(scalar)
                #expect(TextWidth.width(of: ch) == TextWidth.ruleWidth(of: ch), "U+\(String(v, radix: 16))")
            }
        }
        // Clusters starting with a fast-path scalar take the rules' way.
        for text in ["e\u{301}", "中\u{301}", "é\u{301}", "Ａ\u{301}", "\r\n", "中\u{FE0E}", "1\u{FE0F}\u{20E3}"] {
            let ch = Character(text)
            #expect(TextWidth.width(of: ch) == TextWidth.ruleWidth(of: ch), "\(text.unicodeScalars.map(\.value))")
        }
        // A whole string: the ASCII shortcut and the cluster walk agree.
        for text in ["order 123 · 中文", "plain ascii", "tab\there", "del\u{7F}", "", "ab\u{1B}[31m"] {
            #expect(TextWidth.width(text) == text.reduce(0) { $0 + TextWidth.ruleWidth(of: $1) }, "\(text)")
        }
    }
}
