import Foundation
import Notifications

/// The journal's commonest line, read in place for replay's output: a received order or reminder,
/// `{"at":"…","text":"{\"orderId\":N,\"type\":1,\"content\":\"…\"}"}`, whose escaped text is
/// byte for byte what `JSONStringEscaper` writes for the text (so the output can copy it instead of
/// unescaping and escaping it again) and whose content needs no escapes at all.
///
/// `scan` accepts only lines that the general path (`LogReader.parse`, `LogRecord.event`,
/// `NotificationDecoder`) reads as a new order or reminder, and finds the same time, id, content
/// and text; any other line (other spellings, escapes, keys, types, invalid UTF-8, too long a
/// text) gives nil and takes the general path. `JournalTests` compares the two on odd lines.
public struct OrderMessageLine {
    public var at: Date
    public var reminder: Bool
    public var orderId: Int64
    /// Where the content's bytes are in the line (they need no escaping); nil for `null` or none.
    public var content: Range<Int>?
    /// Where the text's escaped bytes are in the line (the body of its JSON string).
    public var text: Range<Int>

    /// Reads `line` (no newline; trailing blanks allowed), or nil.
    public static func scan(_ line: UnsafeBufferPointer<UInt8>) -> OrderMessageLine? {
        var n = line.count
        while n > 0, line[n - 1] == 0x20 || line[n - 1] == 0x09 || line[n - 1] == 0x0D { n -= 1 }
        let b = UnsafeBufferPointer(rebasing: line[0..<n])
        let atPrefix: StaticString = #"{"at":""#, textKey: StaticString = #","text":""#
        guard has(b, at: 0, atPrefix) else { return nil }

        var i = atPrefix.utf8CodeUnitCount
        while i < n, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "\\"), b[i] < 0x80 { i += 1 }
        guard i < n, b[i] == UInt8(ascii: "\""),
              case .success(let (date, _)) = Timestamp.parse(utf8: UnsafeBufferPointer(rebasing: b[atPrefix.utf8CodeUnitCount..<i]))
        else { return nil }
        i += 1
        guard has(b, at: i, textKey) else { return nil }
        let textStart = i + textKey.utf8CodeUnitCount
        guard let (textEnd, size) = canonicalString(b, from: textStart),
              textEnd + 2 == n, b[textEnd + 1] == UInt8(ascii: "}"),
              size <= NotificationDecoder.decodeLimit
        else { return nil }
        guard var notice = notice(b, textStart..<textEnd) else { return nil }
        notice.at = date
        return notice
    }

    // MARK: - The escaped text

    /// Reads the body of a JSON string from `start` to its closing quote, accepting only what
    /// `JSONStringEscaper` writes: valid UTF-8, no byte it escapes left raw, and only the escapes it
    /// writes (`\"` `\\` `\n` `\r` `\t` `\b` `\f`, `\u` with 4 lower-case hex digits for the other
    /// controls, DEL, U+0080–U+009F, U+2028 and U+2029). The closing quote's index and the text's
    /// size in UTF-8 bytes, or nil.
    static func canonicalString(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, size: Int)? {
        let n = b.count
        var i = start
        var size = 0
        while i < n {
            // Eight plain ASCII bytes at a time.
            while n - i >= 8 {
                let w = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
                guard plainASCII(w) else { break }
                i += 8; size += 8
            }
            guard i < n else { break }
            let c = b[i]
            if c >= 0x20 && c < 0x7F && c != 0x22 && c != 0x5C { i += 1; size += 1; continue }
            if c == 0x22 { return (i, size) }
            if c == 0x5C {
                guard i + 1 < n else { return nil }
                switch b[i + 1] {
                case 0x22, 0x5C, 0x6E, 0x72, 0x74, 0x62, 0x66:   // " \ n r t b f
                    i += 2; size += 1
                case 0x75:   // u
                    guard i + 5 < n, let u = lowerHex(b, at: i + 2) else { return nil }
                    switch u {
                    case 0x08, 0x09, 0x0A, 0x0C, 0x0D: return nil      // written short
                    case 0x00..<0x20, 0x7F: size += 1
                    case 0x80...0x9F: size += 2
                    case 0x2028, 0x2029: size += 3
                    default: return nil
                    }
                    i += 6
                default:
                    return nil   // \/ or not an escape
                }
                continue
            }
            if c < 0x80 { return nil }   // a raw control or DEL
            guard let length = utf8Length(b, at: i) else { return nil }
            // C1 controls and U+2028/9 are written escaped.
            if c == 0xC2, b[i + 1] <= 0x9F { return nil }
            if c == 0xE2, b[i + 1] == 0x80, b[i + 2] == 0xA8 || b[i + 2] == 0xA9 { return nil }
            i += length; size += length
        }
        return nil
    }

    /// True when the 8 bytes of `w` are all ASCII from 0x20 to 0x7E other than `"` and `\`.
    @inline(__always)
    private static func plainASCII(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        // With every byte below 0x80, these find a byte below 0x20, or one equal to 0x22, 0x5C or 0x7F, exactly.
        func hasZero(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        guard w & highs == 0 else { return false }
        let below = (w &- ones &* 0x20) & ~w & highs != 0
        return !below && !hasZero(w ^ (ones &* 0x22)) && !hasZero(w ^ (ones &* 0x5C)) && !hasZero(w ^ (ones &* 0x7F))
    }

    /// Whether `b` has the bytes of `s` at `i`.
    @inline(__always)
    static func has(_ b: UnsafeBufferPointer<UInt8>, at i: Int, _ s: StaticString) -> Bool {
        let k = s.utf8CodeUnitCount
        return b.count - i >= k && memcmp(b.baseAddress! + i, s.utf8Start, k) == 0
    }

    /// Four lower-case hex digits at `i`.
    private static func lowerHex(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt32? {
        var v: UInt32 = 0
        for k in i..<(i + 4) {
            let d = b[k]
            switch d {
            case 0x30...0x39: v = v << 4 | UInt32(d - 0x30)
            case 0x61...0x66: v = v << 4 | UInt32(d - 0x61 + 10)
            default: return nil
            }
        }
        return v
    }

    /// The length of the valid UTF-8 sequence (2–4 bytes) starting at `i`, or nil.
    private static func utf8Length(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let n = b.count
        let c = b[i]
        func cont(_ k: Int) -> Bool { k < n && b[k] & 0xC0 == 0x80 }
        switch c {
        case 0xC2...0xDF:
            return cont(i + 1) ? 2 : nil
        case 0xE0...0xEF:
            guard cont(i + 1), cont(i + 2) else { return nil }
            let c1 = b[i + 1]
            if c == 0xE0 && c1 < 0xA0 { return nil }   // overlong
            if c == 0xED && c1 > 0x9F { return nil }   // surrogate
            return 3
        case 0xF0...0xF4:
            guard cont(i + 1), cont(i + 2), cont(i + 3) else { return nil }
            let c1 = b[i + 1]
            if c == 0xF0 && c1 < 0x90 { return nil }   // overlong
            if c == 0xF4 && c1 > 0x8F { return nil }   // over U+10FFFF
            return 4
        default:
            return nil
        }
    }

    // MARK: - The notification inside

    /// The escaped text `b[range]` read as `{"orderId":N,"type":1|2,"content":"…"|null}` (keys in
    /// any order, `content` optional, no spaces, nothing else), the content without escapes.
    private static func notice(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> OrderMessageLine? {
        let end = range.upperBound
        var i = range.lowerBound
        let orderIdKey: StaticString = #"orderId\":"#, typeKey: StaticString = #"type\":"#
        let contentKey: StaticString = #"content\":"#
        let text = UnsafeBufferPointer(rebasing: b[..<end])
        func at(_ key: StaticString) -> Bool { has(text, at: i, key) }
        guard i < end, b[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        var orderId: Int64?, type: Int64?, content: Range<Int>?, sawContent = false
        while true {
            // `\"key\":`
            guard end - i >= 2, b[i] == 0x5C, b[i + 1] == 0x22 else { return nil }
            i += 2
            if at(orderIdKey) {
                guard orderId == nil else { return nil }
                i += orderIdKey.utf8CodeUnitCount
                guard let (v, next) = integer(b, from: i, end: end) else { return nil }
                orderId = v; i = next
            } else if at(typeKey) {
                guard type == nil else { return nil }
                i += typeKey.utf8CodeUnitCount
                guard let (v, next) = integer(b, from: i, end: end) else { return nil }
                type = v; i = next
            } else if at(contentKey) {
                guard !sawContent else { return nil }
                sawContent = true
                i += contentKey.utf8CodeUnitCount
                if end - i >= 4, b[i] == UInt8(ascii: "n"), b[i + 1] == UInt8(ascii: "u"),
                   b[i + 2] == UInt8(ascii: "l"), b[i + 3] == UInt8(ascii: "l") {
                    i += 4
                } else {
                    // `\"…\"` with no other backslash: the content is these bytes, needing no escapes.
                    guard end - i >= 2, b[i] == 0x5C, b[i + 1] == 0x22 else { return nil }
                    i += 2
                    let start = i
                    if let p = memchr(b.baseAddress! + i, 0x5C, end - i) {
                        i = b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
                    } else {
                        i = end
                    }
                    guard end - i >= 2, b[i + 1] == 0x22 else { return nil }
                    content = start..<i
                    i += 2
                }
            } else {
                return nil
            }
            guard i < end else { return nil }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            guard b[i] == UInt8(ascii: "}"), i + 1 == end else { return nil }
            break
        }
        guard let orderId, let type, type == 1 || type == 2 else { return nil }
        return OrderMessageLine(at: Date(timeIntervalSince1970: 0), reminder: type == 2, orderId: orderId,
                                content: content, text: range)
    }

    /// A JSON integer token (`-?(0|[1-9][0-9]*)`) that fits in 64 bits, ending at `,` or `}`.
    private static func integer(_ b: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> (Int64, Int)? {
        var i = start
        let negative = i < end && b[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let digits = i
        var magnitude: UInt64 = 0
        while i < end, b[i] >= 0x30, b[i] <= 0x39 {
            let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(UInt64(b[i] - 0x30))
            guard !o1, !o2 else { return nil }
            magnitude = a
            i += 1
        }
        guard i > digits, i < end, b[i] == UInt8(ascii: ",") || b[i] == UInt8(ascii: "}") else { return nil }
        if b[digits] == 0x30 && i - digits > 1 { return nil }   // leading zero: not JSON
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return (magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude), i)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return (Int64(magnitude), i)
    }
}
