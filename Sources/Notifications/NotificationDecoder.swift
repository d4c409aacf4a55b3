/// Message text → `Notification`. Pure and total: every input maps to some case, nothing throws.
///
/// Liberal where the meaning is clear: keys in any order, extra fields ignored, `type` and
/// `orderId` given as strings of digits, numeric or boolean `content` rendered as text.
/// Order ids are read from the exact number token, so every 64-bit value survives.
public enum NotificationDecoder {
    /// A JSON text longer than this many UTF-8 bytes is kept raw, unparsed: the backend's
    /// notifications are well under a kilobyte (its frames are at most 8 KiB), so a text this big
    /// is not one of them, and it costs no parse time. An order it may have carried is still
    /// found by the admin API's check (catch-up).
    public static let decodeLimit = 65_536

    public static func decode(_ text: String) -> Notification {
        if let n = NotificationFastPath.decode(text) { return n }
        return decodeInGeneral(text)
    }

    /// The general path: JSON parsed into a tree, then classified. `decode` takes it for every
    /// text its fast path does not answer; tests compare the two.
    package static func decodeInGeneral(_ text: String) -> Notification {
        guard looksLikeJSON(text) else { return .plainText(text) }
        let size = text.utf8.count
        if size > decodeLimit {
            return .raw(text: text, reason: "not decoded: \(size) bytes is over the \(decodeLimit)-byte limit for a notification")
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            return .raw(text: text, reason: "invalid JSON: \(error.message)")
        }
        return classify(value, text: text)
    }

    public static func decode(binary: [UInt8]) -> Notification {
        .binary(binary)
    }

    /// True when the first character after an optional BOM and JSON whitespace is `{` or `[`.
    static func looksLikeJSON(_ text: String) -> Bool {
        var u = Substring(text).utf8[...]
        if u.starts(with: [0xEF, 0xBB, 0xBF]) { u = u.dropFirst(3) }
        for b in u {
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D: continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): return true
            default: return false
            }
        }
        return false
    }

    static func classify(_ value: JSONValue, text: String) -> Notification {
        guard case .object = value else {
            return .otherJSON(text: text, reason: "not a JSON object (\(value.kindName))")
        }
        func other(_ reason: String) -> Notification { .otherJSON(text: text, reason: reason) }

        // type
        let type: Int64
        switch integer(value["type"], name: "type") {
        case .success(let t): type = t
        case .failure(let reason): return other(reason.text)
        }
        guard type == 1 || type == 2 else { return other("unknown type \(type)") }

        // orderId
        let orderId: Int64
        switch integer(value["orderId"], name: "orderId") {
        case .success(let id): orderId = id
        case .failure(let reason): return other(reason.text)
        }

        // content
        let content: String?
        switch value["content"] {
        case nil, .null?: content = nil
        case .string(let s)?: content = s
        case .number(let token, _)?: content = token
        case .bool(let b)?: content = b ? "true" : "false"
        case let v?: return other("content is \(v.kindName), not a string")
        }

        let notice = OrderNotice(orderId: orderId, content: content)
        return type == 1 ? .newOrder(notice, text: text) : .reminder(notice, text: text)
    }


    /// Reads an exact 64-bit integer from a number token or a string of digits.
    private static func integer(_ v: JSONValue?, name: String) -> Result<Int64, ReasonError> {
        switch v {
        case nil:
            return .failure(ReasonError("missing \(name)"))
        case .null?:
            return .failure(ReasonError("\(name) is null"))
        case .number(let token, let isInteger)?:
            guard isInteger else { return .failure(ReasonError("\(name) is not an integer (\(token))")) }
            return exactInt64(token, name: name)
        case .string(let s)?:
            guard isIntegerString(s) else {
                return .failure(ReasonError("\(name) is not an integer (\(quoted(s)))"))
            }
            return exactInt64(s, name: name)
        case let other?:
            return .failure(ReasonError("\(name) is \(other.kindName), not a number"))
        }
    }

    private static func exactInt64(_ digits: String, name: String) -> Result<Int64, ReasonError> {
        if let n = Int64(digits) { return .success(n) }
        return .failure(ReasonError("\(name) \(short(digits)) is out of the 64-bit range"))
    }

    /// `-?[0-9]+`, as the backend might write a Long in a string.
    private static func isIntegerString(_ s: String) -> Bool {
        var u = Substring(s).utf8[...]
        if u.first == UInt8(ascii: "-") { u = u.dropFirst() }
        return !u.isEmpty && u.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    private static func short(_ s: String) -> String {
        s.count <= 40 ? s : String(s.prefix(40)) + "…"
    }

    private static func quoted(_ s: String) -> String {
        "\"" + short(s) + "\""
    }
}

/// A failure reason, as a value usable in `Result`.
struct ReasonError: Error, Equatable {
    var text: String
    init(_ text: String) { self.text = text }
}
