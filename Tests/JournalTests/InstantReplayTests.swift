import Foundation
import Testing
@testable import Journal
import Session

/// `InstantReplay` (order lines copied from their bytes) against the general path (`LogReader`,
/// `LogRecord.event`, `EventLineFormatter`): the same bytes out and the same errors, for every line.
@Suite("InstantReplay: same output as the general path")
struct InstantReplayTests {
    static let now = Date(timeIntervalSince1970: 1_795_700_000.25)
    static let at = #"{"at":"2026-11-26T11:00:05.123+08:00","text":""#

    /// A journal line with `escapedText` as the body of its text string.
    static func line(_ escapedText: String) -> String { at + escapedText + "\"}" }

    /// Lines the direct path takes.
    static let direct: [String] = [
        line(#"{\"orderId\":1764126000001,\"type\":1,\"content\":\"订单号: 1764126000001\"}"#),
        line(#"{\"orderId\":1764126000001,\"type\":2,\"content\":\"客户催单\"}"#),
        line(#"{\"type\":1,\"orderId\":9223372036854775807}"#),
        line(#"{\"type\":2,\"orderId\":-9223372036854775808,\"content\":null}"#),
        line(#"{\"content\":\"\",\"type\":1,\"orderId\":-0}"#),
        line(#"{\"orderId\":0,\"type\":1,\"content\":\"🍜 x\"}"#),
        // Other spellings of the time, trailing blanks.
        #"{"at":"2026-11-26T03:00:05Z","text":"{\"orderId\":7,\"type\":1,\"content\":\"a b\"}"}   "#,
        #"{"at":"2026-11-26T11:00:05.5+08:00","text":"{\"orderId\":7,\"type\":1,\"content\":\"� U+FFFD kept\"}"}"# + "\r",
    ]

    /// Lines that must go the general way (and still come out the same).
    static let general: [String] = [
        // Escapes the journal does not write, or content with escapes.
        line(#"{\"orderId\":1,\"type\":1,\"content\":\"a\\\"b\"}"#),
        line(#"{\"orderId\":1,\"type\":1,\"content\":\"line\\nbreak\"}"#),
        line(#"{\"orderId\":1,\"type\":1,\"content\":\"a"b\"}"#),
        line(#"{\"orderId\":1,\"type\":1,\"content\":\"a\"}"#) + "x",
        line(#"{\"orderId\":1,\"type\":1,\"content\":\"a\"}\"#),
        line(#"{\"orderId\":1,\"type\":1,\"content\":\"\\u4e2d\"}"#),
        line(#"{\"orderId\":1,\"type\":1,\"content\":\"x\"}\u001B[31m"#),
        line(#"{\"orderId\":1,\"type\":1,\"content\":\"x\"}\u001b\u007f\u0085\u2028\u2029\n\r\t\b\f\\\""#),
        line(#"{\"orderId\":1,\"type\":1,\"content\":\"x\"}\u0009"#),
        line(#"{\"orderId\":1,\"type\":1,\"content\":\"x\"}\u00e9"#),
        line(#"{\"orderId\":1,\"type\":1,\"content\":\"x\"}\/"#),
        line(#"{\"orderId\":1,\"type\":1,\"content\":\"x\"}\ud83d\ude00"#),
        line(#"{\"orderId\":1,\"type\":1,\"content\":\"x\"}\ud800"#),
        line(#"{\"orderId\":1,\"type\":1,\"content\":\"x\"}\udc00\ud800x"#),
        line(#"{\"orderId\":1,\"type\":1,\"content\":\"x\"}\u12"#),
        line(#"{\"orderId\":1,\"type\":1,\"content\":\"x\"}\x"#),
        // Raw bytes the escaper would have escaped.
        line("{\\\"orderId\\\":1,\\\"type\\\":1,\\\"content\\\":\\\"x\u{7F}\u{85}\u{2028}\\\"}"),
        // Not an order or reminder, or not one the direct path reads.
        line(#"{\"orderId\":1,\"type\":3}"#),
        line(#"{\"orderId\":1,\"type\":\"1\"}"#),
        line(#"{\"orderId\":\"1002\",\"type\":1}"#),
        line(#"{\"orderId\":1.0,\"type\":1}"#),
        line(#"{\"orderId\":1e3,\"type\":1}"#),
        line(#"{\"orderId\":01,\"type\":1}"#),
        line(#"{\"orderId\":9223372036854775808,\"type\":1}"#),
        line(#"{\"orderId\":-9223372036854775809,\"type\":1}"#),
        line(#"{\"orderId\":-,\"type\":1}"#),
        line(#"{\"type\":1.0,\"orderId\":1}"#),
        line(#"{\"type\":1,\"orderId\":1,\"type\":2}"#),
        line(#"{\"type\":1,\"orderId\":1,\"content\":\"a\",\"content\":\"b\"}"#),
        line(#"{\"type\":1,\"orderId\":1,\"extra\":true}"#),
        line(#"{\"type\":1,\"orderId\":1,\"content\":7}"#),
        line(#"{\"type\":1,\"orderId\":1,\"content\":true}"#),
        line(#"{\"type\":1,\"orderId\":1,\"content\":{}}"#),
        line(#"{\"type\":1}"#),
        line(#"{\"orderId\":1}"#),
        line(#"{}"#),
        line(#"{ \"type\":1,\"orderId\":1}"#),
        line(#"{\"type\":1,\"orderId\":1} "#),
        line(#"{\"type\":1,\"orderId\":1}x"#),
        line(#"{\"type\":1,\"orderId\":1"#),
        line(#"{\"type\":1,\"orderId\":1,}"#),
        line(#"[1,2]"#),
        line(#"  {\"type\":1,\"orderId\":1}"#),
        line("这是来自服务端的消息:12:00:05"),
        line(""),
        // Other records, other spellings of the record, bad lines.
        #"{"type":1,"orderId":1,"content":"x"}"#,
        #"{"at":"2026-11-26T11:00:05+08:00","event":"open","url":"ws://h/ws/abc"}"#,
        #"{"at":"2026-11-26T11:00:05+08:00","event":"close","code":1006,"reason":"gone"}"#,
        #"{"at":"2026-11-26T11:00:05+08:00","event":"sent","text":"收到"}"#,
        #"{"at":"2026-11-26T11:00:05+08:00","event":"binary","base64":"AP9B"}"#,
        #"{"text":"{\"orderId\":1,\"type\":1}","at":"2026-11-26T11:00:05+08:00"}"#,
        #"{"at": "2026-11-26T11:00:05+08:00","text":"{\"orderId\":1,\"type\":1}"}"#,
        #"{"at":"2026-11-26T11:00:05+08:00","text":"{\"orderId\":1,\"type\":1}","x":1}"#,
        #"{"at":"2026-11-26T11:00:05+08:00","text":"{\"orderId\":1,\"type\":1}"} x"#,
        #"{"at":"2026-11-26T11:00:05","text":"{\"orderId\":1,\"type\":1}"}"#,
        #"{"at":"yesterday","text":"{\"orderId\":1,\"type\":1}"}"#,
        #"{"at":"2026-02-30T11:00:05Z","text":"{\"orderId\":1,\"type\":1}"}"#,
        #"{"at":"2026-11-26T11:00:05Z","text":"{\"orderId\":1,\"type\":1}"#,
        "not json",
        "# a comment",
        "   ",
        "",
    ]

    /// Lines with bytes a Swift string cannot hold: invalid UTF-8 in the text.
    static let invalidUTF8: [[UInt8]] = {
        let head = Array((at + #"{\"orderId\":1,\"type\":1,\"content\":\"a"#).utf8)
        let tail = Array(#"\"}"}"#.utf8)
        let bad: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                              [0xE4, 0xB8], [0xC3], [0x80], [0xF0, 0x9F, 0x8D], [0xC2, 0x85], [0xE2, 0x80, 0xA8], [0x7F], [0x01]]
        return bad.map { head + $0 + tail }
    }()

    /// Bytes the escaper escapes (or that are not UTF-8), raw at every offset of a run of ASCII in
    /// the content, so that each lands in every position of the scanner's 8-byte words.
    static let rawInARun: [[UInt8]] = {
        let head = Array((at + #"{\"orderId\":1,\"type\":1,\"content\":\""#).utf8)
        let tail = Array(#"\"}"}"#.utf8)
        let run = Array("abcdefghijklmnopqrstuvw".utf8)
        var lines: [[UInt8]] = []
        for raw: [UInt8] in [[0x00], [0x1F], [0x7F], [0x80], [0xFF], [0xC2, 0x85], [0xE2, 0x80, 0xA8], [0xE2, 0x80, 0xA9]] {
            for k in 0...16 { lines.append(head + run[..<k] + raw + run[k...] + tail) }
        }
        return lines
    }()

    /// Output and errors of the general path for `bytes` read in one piece.
    func general(_ bytes: [UInt8], _ formatter: EventLineFormatter) -> ([UInt8], [String]) {
        var reader = LogReader()
        var out: [UInt8] = []
        var errors: [String] = []
        for entry in reader.feed(bytes) + reader.finish() {
            switch entry {
            case .success(let r):
                formatter.appendLine(TimedEvent(at: r.at ?? Self.now, event: r.event), to: &out)
                out.append(0x0A)
            case .failure(let e): errors.append(e.description)
            }
        }
        return (out, errors)
    }

    /// Output and errors of `InstantReplay` for `bytes` fed in pieces of `piece` bytes.
    func instant(_ bytes: [UInt8], _ formatter: EventLineFormatter, piece: Int) -> ([UInt8], [String]) {
        var player = InstantReplay(formatter: formatter)
        var out: [UInt8] = []
        var errors: [String] = []
        var i = 0
        while i < bytes.count {
            let chunk = Array(bytes[i..<min(bytes.count, i + piece)])
            _ = chunk.withUnsafeBufferPointer { player.feed($0, now: Self.now, to: &out) { errors.append($0.description); return true } }
            i += piece
        }
        _ = player.finish(now: Self.now, to: &out) { errors.append($0.description); return true }
        return (out, errors)
    }

    func scans(_ line: [UInt8]) -> Bool {
        line.withUnsafeBufferPointer { OrderMessageLine.scan($0) } != nil
    }

    static let formatters = [EventLineFormatter(format: .jsonl, timeZone: TimeZone(secondsFromGMT: 8 * 3600)!),
                             EventLineFormatter(format: .jsonl, timeZone: TimeZone(identifier: "UTC")!),
                             EventLineFormatter(format: .text, timeZone: TimeZone(identifier: "UTC")!)]

    @Test func theDirectPathTakesTheJournalsOrderLines() {
        for l in Self.direct { #expect(scans(Array(l.utf8)), "\(l)") }
    }

    @Test func oddLinesGoTheGeneralWay() {
        for l in Self.general { #expect(!scans(Array(l.utf8)), "\(l)") }
        for l in Self.invalidUTF8 + Self.rawInARun { #expect(!scans(l), "\(l)") }
        // The same runs without the odd byte are read directly.
        let plain = Array((Self.at + #"{\"orderId\":1,\"type\":1,\"content\":\"abcdefghijklmnopqrstuvw\"}"}"#).utf8)
        #expect(scans(plain))
    }

    @Test(arguments: formatters)
    func eachLineAloneComesOutTheSame(formatter: EventLineFormatter) {
        let lines = (Self.direct + Self.general).map { Array($0.utf8) } + Self.invalidUTF8 + Self.rawInARun
        for l in lines {
            let bytes = l + [0x0A]
            let expected = general(bytes, formatter)
            let got = instant(bytes, formatter, piece: bytes.count)
            #expect(got.0 == expected.0, "\(String(decoding: l, as: UTF8.self))\n\(String(decoding: got.0, as: UTF8.self))\n\(String(decoding: expected.0, as: UTF8.self))")
            #expect(got.1 == expected.1, "\(String(decoding: l, as: UTF8.self))")
        }
    }

    @Test(arguments: formatters)
    func aWholeLogInAnyPiecesComesOutTheSame(formatter: EventLineFormatter) {
        // A BOM first, every line, and a last line without a newline.
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        for l in (Self.direct + Self.general).map({ Array($0.utf8) }) + Self.invalidUTF8 { bytes += l + [0x0A] }
        bytes += Array(Self.direct[0].utf8)
        let expected = general(bytes, formatter)
        #expect(expected.0.count > 1000 && expected.1.count > 5)
        for piece in [1, 7, 64, 4096, bytes.count] {
            let got = instant(bytes, formatter, piece: piece)
            #expect(got.0 == expected.0, "pieces of \(piece)")
            #expect(got.1 == expected.1, "pieces of \(piece)")
        }
    }

    @Test func aTextOverTheDecodeLimitStaysRaw() {
        let content = String(repeating: "订", count: 22_000)   // 66,000 bytes
        let l = Array(Self.line(#"{\"orderId\":1,\"type\":1,\"content\":\"\#(content)\"}"#).utf8)
        #expect(!scans(l))
        let bytes = l + [0x0A]
        let formatter = Self.formatters[0]
        #expect(instant(bytes, formatter, piece: 100_000).0 == general(bytes, formatter).0)
        #expect(String(decoding: general(bytes, formatter).0, as: UTF8.self).contains(#""event":"raw""#))
    }

    @Test func strictStopsAtTheBadLineAfterTheLinesBeforeIt() {
        let text = Self.direct[0] + "\nnot json\n" + Self.direct[1] + "\n"
        var player = InstantReplay(formatter: Self.formatters[0])
        var out: [UInt8] = []
        var errors: [String] = []
        let go = Array(text.utf8).withUnsafeBufferPointer {
            player.feed($0, now: Self.now, to: &out) { errors.append($0.description); return false }
        }
        #expect(!go)
        #expect(errors.count == 1 && errors[0].hasPrefix("line 2: not valid JSON"))
        #expect(String(decoding: out, as: UTF8.self).split(separator: "\n").count == 1)
    }
}
