/// The order part of a type 1 / type 2 notification: `{"type":1,"orderId":1001,"content":"订单号: …"}`.
public struct OrderNotice: Sendable, Equatable, Hashable {
    /// The backend's order id (a Java `Long`); kept exactly, may be zero or negative.
    public var orderId: Int64
    /// The human-readable content, if the message had one. Numbers and booleans are rendered as text.
    /// Control characters are kept as received: sanitising is the front end's job.
    public var content: String?

    public init(orderId: Int64, content: String?) {
        self.orderId = orderId
        self.content = content
    }
}
