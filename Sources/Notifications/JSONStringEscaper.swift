/// JSON string escaping done on UTF-8 bytes: runs of bytes that need nothing are copied whole, so
/// ASCII and CJK text cost one comparison per byte and one copy per run.
///
/// Escaped: `"` and `\`; C0 controls as `\n` `\t` `\r` `\b` `\f` or `\u00XX`; DEL (0x7F), the C1
/// controls U+0080–U+009F (UTF-8 `C2 80`–`C2 9F`) and U+2028/U+2029 (`E2 80 A8`/`E2 80 A9`) as
/// `\uXXXX`. Every other byte is copied, so all other non-ASCII text stays UTF-8. A Swift `String`
/// always holds valid UTF-8, so the two- and three-byte patterns above cannot be split or forged.
package enum JSONStringEscaper {
    /// Appends the body of the JSON string literal of `s` (no quotes) to `out`.
    package static func appendBody(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { appendBody(utf8: $0, to: &out) }
    }

    /// Appends `"`, the escaped body of `s`, `"`.
    package static func appendLiteral(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        appendBody(s, to: &out)
        out.append(0x22)
    }

    /// The number of bytes at the start of `bytes` that need no escaping (all of them when none does).
    @usableFromInline
    static func plainPrefix(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b >= 0x20 && b != 0x22 && b != 0x5C && b != 0x7F && b != 0xC2 && b != 0xE2 { i += 1; continue }
            if escapeLength(bytes, at: i) != 0 { return i }
            i += 1
        }
        return n
    }

    /// How many input bytes at `i` form one escaped character (0: this byte is copied as it is).
    @usableFromInline
    static func escapeLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b = bytes[i]
        if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F { return 1 }
        if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0x9F { return 2 }
        if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 { return 3 }
        return 0
    }

    @usableFromInline
    static func appendBody(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var i = 0
        while i < bytes.count {
            let end = plainPrefix(bytes, from: i)
            if end > i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end])) }
            guard end < bytes.count else { return }
            let length = escapeLength(bytes, at: end)
            appendEscape(scalar: scalarValue(bytes, at: end, length: length), to: &out)
            i = end + length
        }
    }

    private static func scalarValue(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, length: Int) -> UInt32 {
        switch length {
        case 1: return UInt32(bytes[i])
        case 2: return UInt32(bytes[i + 1])                                       // C2 80…9F → U+0080…U+009F
        default: return 0x2000 | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)  // E2 80 A8/A9
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func appendEscape(scalar u: UInt32, to out: inout [UInt8]) {
        out.append(0x5C)  // backslash
        switch u {
        case 0x22: out.append(0x22)
        case 0x5C: out.append(0x5C)
        case 0x0A: out.append(0x6E)  // n
        case 0x0D: out.append(0x72)  // r
        case 0x09: out.append(0x74)  // t
        case 0x08: out.append(0x62)  // b
        case 0x0C: out.append(0x66)  // f
        default:
            out.append(0x75)  // u
            for shift in stride(from: 12, through: 0, by: -4) {
                out.append(hexDigits[Int((u >> UInt32(shift)) & 0xF)])
            }
        }
    }

    /// True when `s` has something to escape.
    package static func needsEscaping(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { plainPrefix($0, from: 0) < $0.count }
    }
}
