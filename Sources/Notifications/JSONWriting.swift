/// JSON text out of a `JSONValue`: compact (no spaces), members in their order, numbers exactly as
/// their token (so `38.00` stays `38.00` and 64-bit ids never pass through `Double`), non-ASCII
/// text kept as UTF-8.
extension JSONValue {
    package var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .object(let members):
            out += "{"
            for (i, member) in members.enumerated() {
                if i > 0 { out += "," }
                out += JSONEscaping.literal(member.key)
                out += ":"
                member.value.write(to: &out)
            }
            out += "}"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .string(let s): out += JSONEscaping.literal(s)
        case .number(let token, _): out += token
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        }
    }

    /// A whole number.
    package static func integer<N: BinaryInteger>(_ n: N) -> JSONValue { .number(token: String(n), isInteger: true) }

    /// A string, or null for nil.
    package static func nullableString(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// A whole number, or null for nil.
    package static func integer<N: BinaryInteger>(_ n: N?) -> JSONValue { n.map { integer($0) } ?? .null }
}

/// Escaping for JSON string literals. Package-internal: the journal's and the headless output's
/// writers (Session's `LineEscaping`) use it too.
package enum JSONEscaping {
    /// The body of a JSON string literal (without the quotes): `"` and `\` escaped, C0 controls as
    /// `\n` `\t` `\r` `\b` `\f` or `\u00XX`, DEL and C1 controls and U+2028/U+2029 as `\uXXXX`.
    /// Everything else, including all other non-ASCII text, is kept as UTF-8.
    package static func body(_ s: String) -> String {
        // Fast path: nothing to escape.
        if !s.unicodeScalars.contains(where: needsEscape) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            guard needsEscape(u) else { out.append(u); continue }
            switch u {
            case "\"": out.append(contentsOf: #"\""#.unicodeScalars)
            case "\\": out.append(contentsOf: #"\\"#.unicodeScalars)
            case "\n": out.append(contentsOf: #"\n"#.unicodeScalars)
            case "\r": out.append(contentsOf: #"\r"#.unicodeScalars)
            case "\t": out.append(contentsOf: #"\t"#.unicodeScalars)
            case "\u{08}": out.append(contentsOf: #"\b"#.unicodeScalars)
            case "\u{0C}": out.append(contentsOf: #"\f"#.unicodeScalars)
            default:
                let h = String(u.value, radix: 16)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: max(0, 4 - h.count)) + h).unicodeScalars)
            }
        }
        return String(out)
    }

    /// A JSON string literal, quotes included.
    package static func literal(_ s: String) -> String { "\"" + body(s) + "\"" }

    private static func needsEscape(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || u == "\"" || u == "\\" || (0x7F...0x9F).contains(u.value) || u.value == 0x2028 || u.value == 0x2029
    }
}
