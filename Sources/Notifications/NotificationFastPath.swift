/// The decoder's fast path for the backend's usual notification: one flat JSON object with no
/// whitespace, `type` and `orderId` as plain integers, `content` a string without escapes (or
/// null or absent), no other key, each key once, e.g.
/// `{"orderId":1764126000001,"type":1,"content":"订单号: 1764126000001"}` (keys in any order).
/// It reads the text's own UTF-8 bytes: no byte array, no JSON tree.
///
/// Anything else — whitespace, escapes, other keys, a repeated key, a type other than 1 or 2,
/// numbers of more than 18 digits, fractions, strings for numbers, trailing bytes, a BOM — gives
/// nil and takes the general path, which decides it. Where this path answers, the general path
/// answers the same (`NotificationFastPathTests` holds the two side by side).
package enum NotificationFastPath {
    private static let quote = UInt8(ascii: "\"")

    package static func decode(_ text: String) -> Notification? {
        var text = text
        guard let fields = text.withUTF8({ fields(of: $0) }) else { return nil }
        // The content's bytes lie between two ASCII quotes of a valid String: they are copied
        // as they are (no second UTF-8 validation).
        let content = fields.content.map { r in
            let u = text.utf8
            return String(u[u.index(u.startIndex, offsetBy: r.lowerBound)..<u.index(u.startIndex, offsetBy: r.upperBound)])!
        }
        let notice = OrderNotice(orderId: fields.orderId, content: content)
        return fields.type == 1 ? .newOrder(notice, text: text) : .reminder(notice, text: text)
    }

    private struct Fields {
        var type: Int64?
        var orderId: Int64?
        var content: Range<Int>??
    }

    /// The content is given as the range of its bytes (between the quotes).
    private static func fields(of b: UnsafeBufferPointer<UInt8>) -> (type: Int64, orderId: Int64, content: Range<Int>?)? {
        let n = b.count
        guard n >= 2, n <= NotificationDecoder.decodeLimit, b[0] == UInt8(ascii: "{"), b[n - 1] == UInt8(ascii: "}") else { return nil }
        var f = Fields()
        var i = 1
        while true {
            guard i < n, b[i] == quote else { return nil }
            // The key: one of three plain ASCII words.
            let keyStart = i + 1
            var k = keyStart
            while k < n, b[k] != quote {
                if b[k] == UInt8(ascii: "\\") { return nil }
                k += 1
            }
            guard k + 1 < n, b[k + 1] == UInt8(ascii: ":") else { return nil }
            let key = UnsafeBufferPointer(rebasing: b[keyStart..<k])
            i = k + 2
            if same(key, "content") {
                guard f.content == nil, i < n else { return nil }
                if b[i] == quote {
                    let start = i + 1
                    guard let j = closingQuote(b, from: start) else { return nil }
                    f.content = .some(start..<j)
                    i = j + 1
                } else if i + 4 <= n, same(UnsafeBufferPointer(rebasing: b[i..<i + 4]), "null") {
                    f.content = .some(nil)
                    i += 4
                } else {
                    return nil
                }
            } else {
                let isType = same(key, "type")
                guard isType || same(key, "orderId") else { return nil }
                guard (isType ? f.type : f.orderId) == nil, let (value, end) = integer(b, at: i) else { return nil }
                if isType { f.type = value } else { f.orderId = value }
                i = end
            }
            guard i < n else { return nil }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            guard b[i] == UInt8(ascii: "}"), i == n - 1 else { return nil }
            break
        }
        guard let type = f.type, type == 1 || type == 2, let orderId = f.orderId else { return nil }
        return (type, orderId, f.content ?? nil)
    }

    /// The index of the `"` that ends a string whose bytes start at `start`; nil when a `\\` or a
    /// control byte (below 0x20) comes first, or no quote does. Eight bytes are checked at a time.
    @inline(__always)
    private static func closingQuote(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let n = b.count
        var j = start
        if let base = b.baseAddress {
            while j + 8 <= n {
                let w = ByteWord.load(base + j)
                // The first flagged byte is exact: a quote, a backslash or a control byte.
                let flags = ByteWord.equal(w, 0x22) | ByteWord.equal(w, 0x5C) | ByteWord.below(w, 0x20)
                if flags != 0 {
                    j += ByteWord.first(flags)
                    return b[j] == quote ? j : nil
                }
                j += 8
            }
        }
        while j < n, b[j] != quote {
            if b[j] == UInt8(ascii: "\\") || b[j] < 0x20 { return nil }
            j += 1
        }
        return j < n ? j : nil
    }

    /// True when `bytes` are the ASCII of `word`.
    @inline(__always)
    private static func same(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<bytes.count where bytes[k] != w[k] { return false }
        return true
    }

    /// A JSON integer token `-?(0|[1-9][0-9]*)` of at most 18 digits (always in Int64) that ends
    /// at `,` or `}`; nil for anything else.
    private static func integer(_ b: UnsafeBufferPointer<UInt8>, at start: Int) -> (Int64, Int)? {
        var i = start
        let n = b.count
        let negative = i < n && b[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let digitsStart = i
        var value: Int64 = 0
        while i < n, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") {
            value = value &* 10 &+ Int64(b[i] &- UInt8(ascii: "0"))
            i += 1
        }
        let digits = i - digitsStart
        guard digits >= 1, digits <= 18, !(digits > 1 && b[digitsStart] == UInt8(ascii: "0")) else { return nil }
        guard i < n, b[i] == UInt8(ascii: ",") || b[i] == UInt8(ascii: "}") else { return nil }
        return (negative ? -value : value, i)
    }
}
