/// One received WebSocket message, classified.
///
/// Every message maps to exactly one case: nothing is dropped. `text` is always the exact text
/// that was received, so it can be journalled and replayed unchanged.
public enum Notification: Sendable, Equatable, Hashable {
    /// A JSON object with `type` 1 (来单提醒).
    case newOrder(OrderNotice, text: String)
    /// A JSON object with `type` 2 (客户催单).
    case reminder(OrderNotice, text: String)
    /// Valid JSON of the wrong shape: unknown type, an array, a missing or non-integer orderId…
    case otherJSON(text: String, reason: String)
    /// Not JSON at all (does not start with `{` or `[` after leading whitespace), e.g. the ticker.
    case plainText(String)
    /// A binary frame.
    case binary([UInt8])
    /// Looks like JSON (starts with `{` or `[`) but cannot be parsed.
    case raw(text: String, reason: String)
}

extension Notification {
    /// The exact received text, or nil for a binary message.
    public var text: String? {
        switch self {
        case .newOrder(_, let text), .reminder(_, let text): return text
        case .otherJSON(let text, _), .raw(let text, _): return text
        case .plainText(let text): return text
        case .binary: return nil
        }
    }

    /// The order notice of a new order or reminder, else nil.
    public var order: OrderNotice? {
        switch self {
        case .newOrder(let n, _), .reminder(let n, _): return n
        default: return nil
        }
    }
}
