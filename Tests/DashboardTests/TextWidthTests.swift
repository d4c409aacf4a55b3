import DemoBackend
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
        let ranges: [ClosedRange<UInt32>] = [0...0x3FF, 0x2000...0x2BFF, 0x4DF0...0xA0FF, 0xFE00...0xFFFF]
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

    @Test func truncateKeepsTheLongestPrefixThatFits() {
        // The rule, said over the text's clusters: a text as wide as `width` or narrower is kept
        // whole; else the longest run of leading clusters within `width` minus the ellipsis,
        // then the ellipsis (or none when it does not fit). Random texts, widths and ellipses.
        var rng = SplitMix64(seed: 12)
        let pieces = ["a", " ", "订", "🍜", "e\u{301}", "\u{301}", "\u{200D}", "👨\u{200D}👩", "\r\n", "\u{7}",
                      "Ａ", "é", "🇨🇳", "xyz", "\u{FE0F}"]
        for _ in 0..<3000 {
            let text = (0..<Int(rng.next() % 12)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let width = Int(rng.next() % 14)
            let ellipsis: String? = [nil, "…", "...", "订"][Int(rng.next() % 4)]
            let clusters = Array(text)
            let total = clusters.reduce(0) { $0 + TextWidth.width(of: $1) }
            var expected = text
            if width <= 0 {
                expected = ""
            } else if total > width {
                let ew = ellipsis.map { TextWidth.width($0) } ?? 0
                let fits = ellipsis != nil && ew <= width
                let budget = fits ? width - ew : width
                var sum = 0
                let kept = clusters.prefix { sum += TextWidth.width(of: $0); return sum <= budget }
                expected = String(kept) + (fits ? ellipsis! : "")
            }
            let got = TextWidth.truncate(text, toWidth: width, ellipsis: ellipsis)
            #expect(got.utf8.elementsEqual(expected.utf8), "\(text.debugDescription) to \(width) with \(String(describing: ellipsis))")
        }
    }

    @Test func clusterWalkSplitsTheTextAsStringDoes() {
        // The walk's shortcut (simple scalars one a cluster) gives the clusters, widths and
        // one-scalar answers of the text's own Character walk: random texts where simple scalars
        // meet marks, joiners, selectors, jamo, flags and controls.
        var rng = SplitMix64(seed: 99)
        let pieces = ["a", "Z", " ", "é", "订", "。", "，", "가", "\u{11A8}", "\u{1100}", "\u{1161}", "\u{301}",
                      "\u{200D}", "🍜", "©", "\u{FE0F}", "\u{FE0E}", "🇨", "🇳", "\r", "\n", "\u{7}", "\u{AD}",
                      "\u{302A}", "\u{3099}", "ｶ", "\u{FF9E}", "\u{94D}", "क", "\u{600}", "…", "↔", "─", "\u{2028}",
                      "\u{20E3}", "1"]
        for _ in 0..<4000 {
            let text = (0..<Int(rng.next() % 10)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            var walked: [(String, Int, Bool)] = []
            TextWidth.forEachCluster(text) { start, end, scalar, w in
                walked.append((String(text.utf8.dropFirst(start).prefix(end - start))!, w, scalar != nil))
                return true
            }
            let expected = text.map { (String($0), TextWidth.width(of: $0), $0.unicodeScalars.count == 1) }
            #expect(walked.count == expected.count, "\(text.debugDescription)")
            for (a, b) in zip(walked, expected) {
                #expect(a.0.utf8.elementsEqual(b.0.utf8) && a.1 == b.1 && a.2 == b.2, "\(text.debugDescription)")
            }
        }
        // Every simple scalar is as wide as the rules say.
        for range: ClosedRange<UInt32> in [0...0x3FF, 0x2000...0x2BFF, 0x3000...0x303F, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xFF00...0xFF60] {
            for v in range {
                guard let s = Unicode.Scalar(v), TextWidth.simpleWidth(v) > 0 else { continue }
                #expect(TextWidth.simpleWidth(v) == TextWidth.ruleWidth(of: Character(s)), "U+\(String(v, radix: 16))")
            }
        }
    }
}
