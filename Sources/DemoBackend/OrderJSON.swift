/// How `orderId` is written: a JSON number (the backend's Java `Long`), or — one of the odd
/// things real servers send — a JSON string.
public enum OrderIdField: Sendable, Equatable {
    case number(Int64)
    case string(String)
}

/// The exact text of an order notification, as the backend's JSON library (fastjson) writes a
/// `HashMap` of `type`, `orderId`, `content`: keys in the order `orderId`, `type`, `content`, no
/// spaces, non-ASCII text (Chinese, emoji) kept as UTF-8, only `"`, `\` and control characters
/// escaped.
public enum OrderJSON {
    /// Message types: 1 = new order (来单提醒), 2 = customer reminder (客户催单).
    public static let newOrder = 1
    public static let reminder = 2

    public static func text(orderId: OrderIdField, type: Int, content: String) -> String {
        let id: String
        switch orderId {
        case .number(let n): id = String(n)
        case .string(let s): id = string(s)
        }
        return #"{"orderId":"# + id + #","type":"# + String(type) + #","content":"# + string(content) + "}"
    }

    public static func text(orderId: Int64, type: Int, content: String) -> String {
        text(orderId: .number(orderId), type: type, content: content)
    }

    /// The backend's content for an order: `订单号: ` and the order number (13 digits: the
    /// payment's epoch milliseconds, e.g. `订单号: 1764126000001`).
    public static func content(number: Int64) -> String {
        "订单号: " + String(number)
    }

    /// A JSON string literal, quotes included.
    public static func string(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
        return out
    }
}
