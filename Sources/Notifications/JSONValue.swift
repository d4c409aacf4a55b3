/// A parsed JSON value. Numbers keep their exact token so 64-bit ids never pass through `Double`.
/// Package-internal: the decoder's own small parser (RFC 8259), so precision and error text are ours;
/// the Journal module reads log lines with it too.
package enum JSONValue: Equatable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    /// The number exactly as written; `isInteger` is true when it has no fraction and no exponent.
    case number(token: String, isInteger: Bool)
    case bool(Bool)
    case null

    package static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case (.array(let x), .array(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.number(let x, let i), .number(let y, let j)): return x == y && i == j
        case (.bool(let x), .bool(let y)): return x == y
        case (.null, .null): return true
        default: return false
        }
    }

    /// The value of `key` in an object (the last one, if the key is repeated); nil otherwise.
    package subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.last(where: { $0.key == key })?.value
    }

    /// A short name of the value's kind, for reasons ("an array", "a string"…).
    package var kindName: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }
}

package struct JSONParseError: Error, Equatable {
    package var message: String
}

/// A small strict JSON parser over UTF-8 bytes. Raw control characters inside strings are
/// tolerated (kept as is); everything else follows RFC 8259.
package struct JSONParser {
    private let bytes: [UInt8]
    private var pos: Int
    private var depth = 0
    static let maxDepth = 512

    init(bytes: [UInt8], start: Int = 0) {
        self.bytes = bytes
        self.pos = start
    }

    /// Parses one JSON text (surrounding whitespace allowed, nothing else after it).
    package static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(utf8: Array(text.utf8))
    }

    /// The same from UTF-8 bytes (a leading BOM is skipped), without a String in between.
    package static func parse(utf8 bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        var p = JSONParser(bytes: bytes, start: bom ? 3 : 0)
        return try p.parseDocument()
    }

    /// One JSON string whose opening quote is at `start`: its value and the index just past its
    /// closing quote. For callers that know the shape of a line and read its fields in place.
    package static func string(in bytes: [UInt8], at start: Int) throws(JSONParseError) -> (value: String, end: Int) {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "\"") else {
            throw JSONParseError(message: "expected a string at offset \(start)")
        }
        var p = JSONParser(bytes: bytes, start: start)
        let value = try p.parseString()
        return (value, p.pos)
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        let v = try parseValue()
        skipWhitespace()
        if pos < bytes.count {
            throw fail("unexpected \(describe(bytes[pos])) after the JSON value at offset \(pos)")
        }
        return v
    }

    private func fail(_ m: String) -> JSONParseError { JSONParseError(message: m) }

    private var endOfInput: JSONParseError { fail("unexpected end of input") }

    private func describe(_ b: UInt8) -> String {
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        let hex = String(b, radix: 16, uppercase: true)
        return "byte 0x\(hex.count < 2 ? "0" + hex : hex)"
    }

    private mutating func skipWhitespace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x09, 0x0A, 0x0D: pos += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard pos < bytes.count else { throw endOfInput }
        switch bytes[pos] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: throw fail("unexpected \(describe(bytes[pos])) at offset \(pos)")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let start = pos
        let w = word.withUTF8Buffer { Array($0) }
        for b in w {
            guard pos < bytes.count else { throw endOfInput }
            guard bytes[pos] == b else { throw fail("invalid literal at offset \(start)") }
            pos += 1
        }
    }

    private mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > Self.maxDepth { throw fail("nesting deeper than \(Self.maxDepth) levels") }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        pos += 1  // {
        var members: [(key: String, value: JSONValue)] = []
        members.reserveCapacity(8)   // one allocation for the usual small object
        skipWhitespace()
        guard pos < bytes.count else { throw endOfInput }
        if bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard pos < bytes.count else { throw endOfInput }
            guard bytes[pos] == UInt8(ascii: "\"") else {
                throw fail("expected a string key at offset \(pos), found \(describe(bytes[pos]))")
            }
            let key = try parseString()
            skipWhitespace()
            guard pos < bytes.count else { throw endOfInput }
            guard bytes[pos] == UInt8(ascii: ":") else {
                throw fail("expected ':' at offset \(pos), found \(describe(bytes[pos]))")
            }
            pos += 1
            skipWhitespace()
            let value = try parseValue()
            members.append((key, value))
            skipWhitespace()
            guard pos < bytes.count else { throw endOfInput }
            switch bytes[pos] {
            case UInt8(ascii: ","): pos += 1
            case UInt8(ascii: "}"): pos += 1; return .object(members)
            default: throw fail("expected ',' or '}' at offset \(pos), found \(describe(bytes[pos]))")
            }
        }
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        pos += 1  // [
        var items: [JSONValue] = []
        skipWhitespace()
        guard pos < bytes.count else { throw endOfInput }
        if bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard pos < bytes.count else { throw endOfInput }
            switch bytes[pos] {
            case UInt8(ascii: ","): pos += 1
            case UInt8(ascii: "]"): pos += 1; return .array(items)
            default: throw fail("expected ',' or ']' at offset \(pos), found \(describe(bytes[pos]))")
            }
        }
    }

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = pos
        var isInteger = true
        if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < bytes.count else { throw endOfInput }
        if bytes[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < bytes.count, isDigit(bytes[pos]) { throw fail("leading zero in number at offset \(start)") }
        } else if isDigit(bytes[pos]) {
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        } else {
            throw fail("invalid number at offset \(start)")
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            isInteger = false
            pos += 1
            guard pos < bytes.count else { throw endOfInput }
            guard isDigit(bytes[pos]) else { throw fail("invalid number at offset \(start)") }
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            isInteger = false
            pos += 1
            guard pos < bytes.count else { throw endOfInput }
            if bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < bytes.count else { throw endOfInput }
            guard isDigit(bytes[pos]) else { throw fail("invalid number at offset \(start)") }
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        }
        let token = String(decoding: bytes[start..<pos], as: UTF8.self)
        return .number(token: token, isInteger: isInteger)
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard pos < bytes.count else { throw endOfInput }
            guard let h = hexValue(bytes[pos]) else { throw fail("invalid \\u escape at offset \(pos)") }
            v = v << 4 | h
            pos += 1
        }
        return v
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        out.append(contentsOf: UTF8.encode(scalar)!)
    }

    /// Parses a string starting at the opening quote; returns its value.
    private mutating func parseString() throws(JSONParseError) -> String {
        pos += 1  // opening quote
        // Most strings have no escape: made straight from the input's bytes, no buffer between.
        let start = pos
        let plainEnd: Int? = bytes.withUnsafeBufferPointer { buf in
            var i = start
            while i < buf.count {
                let b = buf[i]
                if b == UInt8(ascii: "\"") { return i }
                if b == UInt8(ascii: "\\") { return nil }
                i += 1
            }
            return nil
        }
        if let end = plainEnd {
            pos = end + 1
            return bytes.withUnsafeBufferPointer {
                String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self)
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(min(bytes.count - pos, 4096))
        var runStart = pos
        while true {
            guard pos < bytes.count else { throw fail("unexpected end of input inside a string") }
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                out.append(contentsOf: bytes[runStart..<pos])
                pos += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b != UInt8(ascii: "\\") { pos += 1; continue }
            out.append(contentsOf: bytes[runStart..<pos])
            let escapeAt = pos
            pos += 1
            guard pos < bytes.count else { throw fail("unexpected end of input inside a string") }
            let e = bytes[pos]
            pos += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                let u = try parseHex4()
                var scalar: Unicode.Scalar? = nil
                if (0xD800...0xDBFF).contains(u) {
                    // A high surrogate: combine with a following \uDC00–\uDFFF, else U+FFFD.
                    if pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                        let save = pos
                        pos += 2
                        let low = try parseHex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = Unicode.Scalar(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00))
                        } else {
                            pos = save  // not a pair: re-read the next escape on its own
                        }
                    }
                } else if !(0xDC00...0xDFFF).contains(u) {
                    scalar = Unicode.Scalar(u)
                }
                Self.appendUTF8(scalar ?? "\u{FFFD}", to: &out)
            default:
                throw fail("invalid escape sequence at offset \(escapeAt)")
            }
            runStart = pos
        }
    }
}
