import Closing
import Foundation
import Session

/// What the header says about the connection.
public enum ConnectionStatus: Sendable, Equatable {
    case connecting(attempt: Int)
    case open(since: Date)
    /// Waiting before the next attempt; `at` is when it will start.
    case retrying(at: Date, attempt: Int)
    /// The merchant closed the session (key `c`, then `y`); stays until `r` or `q`.
    case closedByMerchant
    case closed(code: Int, reason: String, by: CloseInitiator)
    case failed(reason: String)
    /// Playing a log, before it records any connection event.
    case replaying

    public var role: Role {
        switch self {
        case .connecting: return .statusConnecting
        case .open, .replaying: return .statusOpen
        case .retrying: return .statusRetrying
        case .closedByMerchant, .closed: return .statusClosed
        case .failed: return .statusFailed
        }
    }
}
