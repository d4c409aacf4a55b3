import Foundation
import DemoBackend
import Testing
@testable import Dashboard

@Suite struct SanitizerTests {
    let s = Sanitizer()

    @Test func removesCSI() {
        #expect(s.sanitize("\u{1B}[31mred\u{1B}[0m ok") == "red ok")
        #expect(s.sanitize("a\u{1B}[2J\u{1B}[H\u{1B}[?1049hb") == "ab")
        #expect(s.sanitize("\u{9B}2Jx") == "x")                       // 8-bit CSI
    }

    @Test func removesOSCAndDCS() {
        #expect(s.sanitize("\u{1B}]0;pwned title\u{07}x") == "x")
        #expect(s.sanitize("\u{1B}]8;;http://evil\u{1B}\\link\u{1B}]8;;\u{1B}\\") == "link")
        #expect(s.sanitize("a\u{1B}Pq#0;2;0;0;0\u{1B}\\b") == "ab")
        #expect(s.sanitize("a\u{9D}52;c;aGk=\u{9C}b") == "ab")        // 8-bit OSC + ST
        #expect(s.sanitize("a\u{1B}_apc\u{1B}\\b") == "ab")
        #expect(s.sanitize("safe\u{1B}]0;never terminated") == "safe")
    }

    @Test func removesShortEscapes() {
        #expect(s.sanitize("a\u{1B}cb") == "ab")       // RIS
        #expect(s.sanitize("a\u{1B}(0b") == "ab")      // charset switch
        #expect(s.sanitize("a\u{1B}") == "a")
    }

    @Test func controlsBecomeVisible() {
        #expect(s.sanitize("a\u{07}b\u{00}c") == "a^Gb^@c")
        #expect(s.sanitize("a\tb") == "a b")
        #expect(s.sanitize("l1\r\nl2\nl3\rl4") == "l1⏎l2⏎l3⏎l4")
        #expect(s.sanitize("x\u{7F}") == "x^?")
        #expect(s.sanitize("x\u{85}y") == "x\u{FFFD}y")
        #expect(s.sanitize("a\u{202E}cba") == "acba")  // bidi override removed
        #expect(s.sanitize("订单号: 🍜") == "订单号: 🍜")
    }

    /// Found by `scripts/fuzz sanitizers`: LINE SEPARATOR and PARAGRAPH SEPARATOR break a line
    /// (and end a bidi paragraph) like LF; headless text escapes them, the dashboard showed them raw.
    @Test func unicodeLineAndParagraphSeparatorsAreLineBreaks() {
        #expect(s.sanitize("a\u{2028}b\u{2029}c") == "a⏎b⏎c")
        #expect(Sanitizer(asciiOnly: true).sanitize("a\u{2029}b") == "a^Jb")
    }

    @Test func asciiOnlyMode() {
        let a = Sanitizer(asciiOnly: true)
        #expect(a.sanitize("订单 ok") == "???? ok")
        #expect(a.sanitize("caf\u{E9}") == "caf?")
        #expect(a.sanitize("🍜") == "??")
        #expect(a.sanitize("a\nb\u{85}") == "a^Jb?")
        #expect(a.sanitize("\u{1B}[1mhi") == "hi")
        #expect(TextWidth.width(a.sanitize("麻辣香锅 x")) == TextWidth.width("麻辣香锅 x"))
    }

    @Test func fuzzNeverLeavesControls() {
        var rng = SplitMix64(seed: 42)
        let alphabet: [Unicode.Scalar] = ["\u{1B}", "[", "]", "P", "\\", "\u{07}", "\u{9B}", "\u{9D}", "\u{9C}",
                                          "\u{90}", "\u{85}", "\u{00}", "\n", "\r", "\t", "\u{7F}", "m", "0", ";",
                                          "a", "订", "\u{301}", "\u{200D}", "🍜", "\u{18}"]
        for _ in 0..<2000 {
            var v = String.UnicodeScalarView()
            for _ in 0..<Int(rng.next() % 24) { v.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            for ascii in [false, true] {
                let out = Sanitizer(asciiOnly: ascii).sanitize(String(v))
                #expect(!out.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value <= 0x9F) })
                if ascii { #expect(out.unicodeScalars.allSatisfy { $0.isASCII }) }
            }
        }
    }

    @Test func fastPathsAndCutsGiveWhatTheWholeSanitiserGives() {
        // `sanitize` returns text without a scalar to change as it is; `truncate` sanitises only
        // the start of a long text. Both must give, byte for byte, what sanitising the whole text
        // (and then cutting it) gives: random texts of escapes, controls, marks, bidi controls and
        // wide characters, cut at random widths after random heads.
        var rng = SplitMix64(seed: 7)
        let alphabet: [String] = ["\u{1B}", "[", "]", "\\", "\u{07}", "\u{9B}", "\u{9D}", "\u{9C}", "\u{85}", "\n",
                                  "\r", "\t", "\u{7F}", "m", "0", ";", "a", "订", "单", "\u{301}", "\u{200D}",
                                  "🍜", "\u{202E}", "\u{2028}", "\u{200B}", "🇨", "🇳", " ", "ab", "\u{FE0F}"]
        let heads = ["", "sent: ", "[bad] ", " ", "订"]
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int(rng.next() % 160) { text += alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            if rng.next() % 4 == 0 { text = String(repeating: "订单", count: Int(rng.next() % 300)) + text }
            let width = Int(rng.next() % 48)
            let head = heads[Int(rng.next() % UInt64(heads.count))]
            let ellipsis: String? = [nil, "…", "..."][Int(rng.next() % 3)]
            for ascii in [false, true] {
                let s = Sanitizer(asciiOnly: ascii)
                let whole = s.sanitize(Array(text.unicodeScalars))
                #expect(s.sanitize(text).utf8.elementsEqual(whole.utf8), "\(text.debugDescription)")
                let cut = s.truncate(text, after: head, toWidth: width, ellipsis: ellipsis)
                let expected = TextWidth.truncate(head + whole, toWidth: width, ellipsis: ellipsis)
                #expect(cut.utf8.elementsEqual(expected.utf8), "\(text.debugDescription) after \(head) to \(width)")
            }
        }
    }

    @Test func aMessageLineCutGivesTheWholeLineCut() {
        // The message pane cuts each line while sanitising it (`Format.messageText(toWidth:)`);
        // it must give what cutting the whole line (`Format.messageText`) gives, for every kind,
        // binary (not sanitised) included.
        var rng = SplitMix64(seed: 19)
        let alphabet: [String] = ["\u{1B}", "[", "3", "m", "\u{07}", "\u{9B}", "\n", "\t", "a", "订", "\u{301}",
                                  "🍜", "\u{202E}", " ", "ff 00", "\u{7F}"]
        let kinds: [MessageEntry.Kind] = [.newOrder, .reminder, .otherJSON(reason: "no \u{1B}[1morderId"),
                                          .raw(reason: "bad JSON"), .plainText, .binary(byteCount: 1234),
                                          .sent(confirmed: false), .sent(confirmed: true), .status, .error, .action]
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<Int(rng.next() % 120) { text += alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            let kind = kinds[Int(rng.next() % UInt64(kinds.count))]
            let e = MessageEntry(at: Date(timeIntervalSince1970: 0), kind: kind, text: text)
            let width = Int(rng.next() % 60)
            for ascii in [false, true] {
                let s = Sanitizer(asciiOnly: ascii)
                let ellipsis = ascii ? "..." : "…"
                let cut = Format.messageText(e, sanitizer: s, toWidth: width, ellipsis: ellipsis)
                let whole = TextWidth.truncate(Format.messageText(e, sanitizer: s), toWidth: width, ellipsis: ellipsis)
                #expect(cut.utf8.elementsEqual(whole.utf8), "\(kind) \(text.debugDescription) to \(width)")
            }
        }
    }
}
