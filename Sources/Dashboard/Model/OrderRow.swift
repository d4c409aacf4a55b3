import Session
import Foundation
import Orders

/// One order on the dashboard, merged from every notification carrying its id.
public struct OrderRow: Sendable, Equatable {
    // Declared in this order so the row packs tightly (8-byte fields, then the 1-byte ones and
    // the 9-byte optional date last): 100,000 rows pay this size per slot of their table.
    public var orderId: Int64
    /// When the first notification for this order arrived.
    public var firstSeen: Date
    /// When the latest notification for this order arrived (the list is sorted by this, newest first).
    public var lastSeen: Date
    /// When the bell last rang for this order (its latest notification, or a re-ring).
    public var lastRing: Date
    /// Number of reminders (催单) received.
    public var reminders: Int
    /// Latest non-nil content, as received (unsanitised, possibly capped in length).
    public var content: String?
    /// The order as the admin API describes it (unsanitised), once fetched.
    @Boxed public var order: Order?
    /// The latest action taken on this order and where it stands.
    @Boxed public var activity: ActionActivity?
    /// Where fetching `order` stands.
    public var details: DetailsState = .none
    /// True once a type-1 (new order) notification was seen for it.
    public var sawNewOrder: Bool
    public var acknowledged: Bool
    /// Set when the catch-up check found the order (the WebSocket never announced it).
    public var found: FoundHow?
    /// Set by a reminder, cleared on acknowledgement: the row flashes while set.
    public var flashingSince: Date?

    public init(orderId: Int64, firstSeen: Date, lastSeen: Date? = nil, sawNewOrder: Bool = false,
                reminders: Int = 0, content: String? = nil, acknowledged: Bool = false,
                flashingSince: Date? = nil) {
        self.orderId = orderId
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen ?? firstSeen
        self.sawNewOrder = sawNewOrder
        self.reminders = reminders
        self.content = content
        self.acknowledged = acknowledged
        self.flashingSince = flashingSince
        self.lastRing = lastSeen ?? firstSeen
    }

    public enum Kind: Sendable, Equatable {
        case new
        case reminder(count: Int)
        /// Found by the catch-up check, not announced on the WebSocket.
        case found(FoundHow)
    }

    public var kind: Kind {
        if reminders > 0 { return .reminder(count: reminders) }
        if let found, !sawNewOrder { return .found(found) }
        return .new
    }

    /// True while this row needs the merchant's attention as a reminder (flashes).
    public var isFlashing: Bool { !acknowledged && flashingSince != nil }

    /// `order != nil` without copying the order (~400 bytes) out of its box.
    public var hasOrder: Bool { !_order.isEmpty }

    /// True while an action on this order waits for the backend's answer.
    public var actionInFlight: Bool {
        if case .inFlight? = activity { return true } else { return false }
    }
}

/// Where an order's details stand.
public enum DetailsState: Sendable, Equatable {
    /// Not asked for (no admin API, or a replay before its `details` record).
    case none
    /// A request is on its way (`attempt` 1 is the first).
    case fetching(attempt: Int)
    /// The last attempt failed; the next starts at `retryAt`.
    case failed(reason: String, attempt: Int, retryAt: Date)
    case loaded
}

/// The latest action on an order and its outcome.
public enum ActionActivity: Sendable, Equatable {
    case inFlight(OrderAction)
    case done(OrderAction.Kind)
    /// The backend refused, in its own words.
    case refused(OrderAction.Kind, message: String)
    /// No answer (network…): nothing is assumed about the order.
    case failed(OrderAction.Kind, message: String)
}
