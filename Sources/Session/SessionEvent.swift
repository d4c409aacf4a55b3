import Closing
import Foundation
import Notifications
import Orders
// Foundation also declares `Notification`; this scoped import makes ours win in this file.
import enum Notifications.Notification

/// A front-end-neutral event of one session. Live connections, replayed logs and the demo
/// backend all produce these; headless output, the journal and the dashboard consume them.
public enum SessionEvent: Sendable, Equatable {
    case connecting(attempt: Int, url: String)
    case open(url: String)
    case message(Notification)             // one received message, decoded
    case sent(text: String)                // a text message we sent
    case closed(code: Int, reason: String, by: CloseInitiator)
    case retrying(after: Double, attempt: Int)
    case failed(reason: String)            // fatal: the session will not retry
    case error(String)                     // a non-fatal problem worth showing (bad log line, journal write failed)
    indirect case orderDetails(Order)      // an order's details, fetched from the admin API
    indirect case orderAction(OrderActionRecord)  // an action taken on an order, with the backend's answer
    /// An order waiting for the merchant (待接单) that the WebSocket never announced, found by the
    /// catch-up check over the admin API.
    indirect case orderFound(Order, how: FoundHow)
    /// The subscription is deaf: an order placed after this session opened was never announced on
    /// it (the backend lost our sid, a proxy dropped us while answering pings). Reconnecting.
    case deafSession(orderId: Int64)
}

/// How the catch-up check found an order.
public enum FoundHow: String, Sendable, Equatable, CaseIterable {
    /// At the check made when the WebSocket opened: the order was placed while skydash was not
    /// connected (a network blip, the laptop lid, a restart).
    case offline
    /// At a periodic check while connected (`--reconcile`).
    case check

    /// The words the dashboard and text lines use.
    public var words: String {
        switch self {
        case .offline: return "missed while offline"
        case .check: return "found by check"
        }
    }
}

/// One event with the wall-clock time it happened (or was recorded, for replay).
public struct TimedEvent: Sendable, Equatable {
    public var at: Date
    public var event: SessionEvent
    public init(at: Date, event: SessionEvent) {
        self.at = at
        self.event = event
    }
}
