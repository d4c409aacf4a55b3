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
        guard JSONStringEscaper.needsEscaping(s) else { return s }
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count + 16)
        JSONStringEscaper.appendBody(s, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON string literal, quotes included.
    package static func literal(_ s: String) -> String { "\"" + body(s) + "\"" }
}
