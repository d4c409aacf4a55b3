import Foundation
import Notifications

/// The journal's commonest line, read in place for replay's output: a received order or reminder,
/// `{"at":"…","text":"{\"orderId\":N,\"type\":1,\"content\":\"…\"}"}` (keys in any order,
/// `content` optional or `null`), whose content needs no escapes at all. Its escaped text is then
/// byte for byte what `JSONStringEscaper` writes for the text, so the output copies it instead of
/// unescaping and escaping it again, and copies the content as it is.
///
/// `scan` accepts only lines that the general path (`LogReader.parse`, `LogRecord.event`,
/// `NotificationDecoder`) reads as a new order or reminder, and finds the same time, id, content
/// and text; any other line (other spellings, spaces, escapes, keys, types, invalid UTF-8, a text
/// over the decode limit) gives nil and takes the general path. `JournalTests` compares the two on odd lines.
struct OrderMessageLine {
    var at: Date
    var reminder: Bool
    var orderId: Int64
    /// Where the content's bytes are in the line (they need no escaping); nil for `null` or none.
    var content: Range<Int>?
    /// Where the text's escaped bytes are in the line (the body of its JSON string).
    var text: Range<Int>

    /// Reads `line` (no newline; trailing blanks allowed), or nil.
    static func scan(_ line: UnsafeBufferPointer<UInt8>) -> OrderMessageLine? {
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
        // The closing quote of the text, then `}` and the end of the line.
        guard var message = notice(b, from: textStart), n - message.text.upperBound == 2,
              b[n - 2] == UInt8(ascii: "\""), b[n - 1] == UInt8(ascii: "}"),
              message.text.count <= NotificationDecoder.decodeLimit   // the text is shorter still
        else { return nil }
        message.at = date
        return message
    }

    // MARK: - Bytes

    /// Where the run of bytes from `start` that need no JSON escaping ends (at `\\`, `"`, a byte
    /// `JSONStringEscaper` escapes, or invalid UTF-8): the caller looks at what stops it.
    static func plainRun(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        let p = b.baseAddress!
        var i = start
        while i < end {
            let c = p[i]
            if c &- 0x20 < 0x5F {
                if c == 0x22 || c == 0x5C { return i }
                i += 1
                continue
            }
            guard c >= 0x80, let length = utf8Length(b, at: i, end: end) else { return i }
            // C1 controls and U+2028/9 are written escaped.
            if c == 0xC2, p[i + 1] <= 0x9F { return i }
            if c == 0xE2, p[i + 1] == 0x80, p[i + 2] == 0xA8 || p[i + 2] == 0xA9 { return i }
            i += length
        }
        return i
    }

    /// Whether `b` has the bytes of `s` at `i`.
    @inline(__always)
    static func has(_ b: UnsafeBufferPointer<UInt8>, at i: Int, _ s: StaticString) -> Bool {
        let k = s.utf8CodeUnitCount
        return b.count - i >= k && memcmp(b.baseAddress! + i, s.utf8Start, k) == 0
    }

    /// The length of the valid UTF-8 sequence (2–4 bytes) starting at `i`, or nil.
    @inline(__always)
    private static func utf8Length(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end n: Int) -> Int? {
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

    /// The escaped text from `start` read as `{"orderId":N,"type":1|2,"content":"…"|null}` (keys
    /// in any order, `content` optional, no spaces, nothing else), up to the quote that must end it;
    /// the content without escapes or anything `JSONStringEscaper` escapes.
    private static func notice(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> OrderMessageLine? {
        let end = b.count
        var i = start
        let orderIdKey: StaticString = #"orderId\":"#, typeKey: StaticString = #"type\":"#
        let contentKey: StaticString = #"content\":"#
        func at(_ key: StaticString) -> Bool { has(b, at: i, key) }
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
                    // `\"…\"`: the content is the bytes between, all needing no escapes.
                    guard end - i >= 2, b[i] == 0x5C, b[i + 1] == 0x22 else { return nil }
                    i += 2
                    let first = i
                    i = plainRun(b, from: i, to: end)
                    guard end - i >= 2, b[i] == 0x5C, b[i + 1] == 0x22 else { return nil }
                    content = first..<i
                    i += 2
                }
            } else {
                return nil
            }
            guard i < end else { return nil }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            guard b[i] == UInt8(ascii: "}"), i + 1 < end, b[i + 1] == UInt8(ascii: "\"") else { return nil }
            i += 1
            break
        }
        guard let orderId, let type, type == 1 || type == 2 else { return nil }
        return OrderMessageLine(at: Date(timeIntervalSince1970: 0), reminder: type == 2, orderId: orderId,
                                content: content, text: start..<i)
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
