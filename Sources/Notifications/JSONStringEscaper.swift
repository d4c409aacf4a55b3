/// JSON string escaping done on UTF-8 bytes: plain bytes are checked eight at a time (one 64-bit
/// word) and copied as words into one scratch buffer, which is appended to the output once, so
/// ASCII and CJK text cost a few instructions per word; a flagged word is copied up to its first
/// flagged byte, which alone is looked at.
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

    /// Non-zero when some byte of `w` may need a look: a byte below 0x20, or one of `"` `\` DEL
    /// and the lead bytes C2 and E2. It may flag a byte that needs nothing (the next byte is then
    /// looked at one by one); it never misses one.
    @inline(__always)
    private static func flags(_ w: UInt64) -> UInt64 {
        ByteWord.below(w, 0x20) | ByteWord.equal(w, 0x22) | ByteWord.equal(w, 0x5C) | ByteWord.equal(w, 0x7F)
            | ByteWord.equal(w, 0xC2) | ByteWord.equal(w, 0xE2)
    }

    /// The number of bytes at the start of `bytes` that need no escaping (all of them when none does).
    @usableFromInline
    static func plainPrefix(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var i = start
        let n = bytes.count
        while i < n {
            if i + 8 <= n, flags(ByteWord.load(base + i)) == 0 {
                i += 8
                continue
            }
            let stop = min(n, i + 8)
            while i < stop {
                if escapeLength(bytes, at: i) != 0 { return i }
                i += 1
            }
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
        let n = bytes.count
        let first = plainPrefix(bytes, from: 0)
        guard first < n, let src = bytes.baseAddress else {
            out.append(contentsOf: bytes)
            return
        }
        // Each input byte becomes at most 6 output bytes (`\u00XX`).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n * 6) { scratch in
            let dst = scratch.baseAddress!
            dst.initialize(from: src, count: first)
            var i = first, o = first
            while i < n {
                if i + 8 <= n {
                    // A whole word is stored; the output then goes on after its plain bytes, up
                    // to the first one flagged (flags are exact up to the first flagged byte).
                    let w = ByteWord.load(src + i)
                    UnsafeMutableRawPointer(dst + o).storeBytes(of: w.littleEndian, as: UInt64.self)
                    let f = flags(w)
                    if f == 0 {
                        i += 8; o += 8
                        continue
                    }
                    let plain = ByteWord.first(f)
                    i += plain; o += plain
                }
                let length = escapeLength(bytes, at: i)
                if length == 0 {
                    dst[o] = src[i]
                    i += 1; o += 1
                } else {
                    o += writeEscape(scalar: scalarValue(bytes, at: i, length: length), to: dst + o)
                    i += length
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(start: dst, count: o))
        }
    }

    @inline(__always)
    private static func scalarValue(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, length: Int) -> UInt32 {
        switch length {
        case 1: return UInt32(bytes[i])
        case 2: return UInt32(bytes[i + 1])                                       // C2 80…9F → U+0080…U+009F
        default: return 0x2000 | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)  // E2 80 A8/A9
        }
    }

    /// Writes the escape of `u` at `dst`; returns its length (2 or 6).
    @inline(__always)
    private static func writeEscape(scalar u: UInt32, to dst: UnsafeMutablePointer<UInt8>) -> Int {
        dst[0] = 0x5C  // backslash
        let short: UInt8
        switch u {
        case 0x22: short = 0x22
        case 0x5C: short = 0x5C
        case 0x0A: short = 0x6E  // n
        case 0x0D: short = 0x72  // r
        case 0x09: short = 0x74  // t
        case 0x08: short = 0x62  // b
        case 0x0C: short = 0x66  // f
        default:
            dst[1] = 0x75  // u
            for k in 0..<4 {
                let d = UInt8((u >> UInt32(12 - 4 * k)) & 0xF)
                dst[2 + k] = d < 10 ? 0x30 + d : 0x57 + d   // 0-9, a-f
            }
            return 6
        }
        dst[1] = short
        return 2
    }

    /// True when `s` has something to escape.
    package static func needsEscaping(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { plainPrefix($0, from: 0) < $0.count }
    }
}
