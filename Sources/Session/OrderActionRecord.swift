import Orders

/// An action the merchant took on an order and what the backend answered: what the journal keeps
/// and replay shows.
public struct OrderActionRecord: Sendable, Equatable {
    public enum Outcome: String, Sendable, Equatable, CaseIterable {
        /// The backend did it.
        case ok
        /// The backend refused it (a business rule: `订单状态错误`); `message` holds its words.
        case refused
        /// No answer (network, HTTP, login): nothing is known about the order's state.
        case failed
    }

    public var orderId: Int64
    public var action: OrderAction.Kind
    /// The reject or cancel reason sent, if any.
    public var reason: String?
    public var outcome: Outcome
    /// The backend's words for a refusal, or why the call failed.
    public var message: String?

    public init(orderId: Int64, action: OrderAction.Kind, reason: String? = nil, outcome: Outcome, message: String? = nil) {
        self.orderId = orderId
        self.action = action
        self.reason = reason
        self.outcome = outcome
        self.message = message
    }
}
