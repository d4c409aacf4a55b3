/// Running counts of decoded messages by kind.
public struct DecodeCounters: Sendable, Equatable, Hashable {
    public var newOrders: Int = 0
    public var reminders: Int = 0
    public var otherJSON: Int = 0
    public var plainText: Int = 0
    public var binary: Int = 0
    /// Messages that looked like JSON but were not parsed (invalid, or over the decode limit).
    public var raw: Int = 0

    public init() {}

    /// All messages counted.
    public var total: Int { newOrders + reminders + otherJSON + plainText + binary + raw }

    /// Messages that could not be decoded as notifications: wrong-shape JSON plus raw
    /// (unparseable or over the decode limit).
    public var undecodable: Int { otherJSON + raw }

    public mutating func count(_ n: Notification) {
        switch n {
        case .newOrder: newOrders += 1
        case .reminder: reminders += 1
        case .otherJSON: otherJSON += 1
        case .plainText: plainText += 1
        case .binary: binary += 1
        case .raw: raw += 1
        }
    }
}
