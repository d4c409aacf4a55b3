import Foundation
import Orders

/// Whether the dashboard can reach the backend's admin REST API.
public enum AdminAccess: Sendable, Equatable {
    /// No admin API configured: rows show only what the WebSocket says; order keys explain why.
    case none(reason: String)
    /// Details, statistics and the shop status are fetched; actions are sent.
    case live
    /// Replay: details and actions come from the journal; nothing is fetched by itself, and the
    /// merchant's own requests are answered with `reason` ("replay: read-only").
    case readOnly(reason: String)

    public var isLive: Bool { self == .live }
    public var isNone: Bool { if case .none = self { return true } else { return false } }
}

/// Who is logged in to the admin API, as the header shows it.
public enum LoginState: Sendable, Equatable {
    case unknown
    case loggedIn(name: String)
    case failed(reason: String)
}

/// A value fetched from the admin API: not yet asked, asked, known, or why it is not known.
public enum Fetched<Value: Sendable & Equatable>: Sendable, Equatable {
    case unknown
    case loading
    case known(Value)
    case failed(String)

    public var value: Value? { if case .known(let v) = self { return v } else { return nil } }

    /// An answer: the value, or the failure's text.
    public init(_ answer: Result<Value, AdminFailure>) {
        switch answer {
        case .success(let v): self = .known(v)
        case .failure(let f): self = .failed(f.text)
        }
    }
}

/// What the dashboard knows from the admin API beyond the rows: shop, counts, login, today's
/// figures, and the bookkeeping that paces its requests.
public struct AdminState: Sendable, Equatable {
    public var access: AdminAccess
    public var login: LoginState = .unknown
    public var shop: Fetched<ShopStatus> = .unknown
    /// The shop status being set (after the y/n), until the backend answers.
    public var settingShop: ShopStatus?
    public var statistics: Fetched<OrderStatistics> = .unknown
    public var businessData: Fetched<BusinessData> = .unknown

    /// Statistics requests are at most `statisticsInterval` apart: one is owed (after a
    /// notification or an action) until it may be sent.
    public var statisticsOwed = false
    public var statisticsLastRequest: Date?
    public var statisticsInterval: TimeInterval = 1.0

    /// Orders whose details are to be fetched, in order; sent while fewer than
    /// `maxDetailsInFlight` are on their way, so a burst of orders does not flood the backend.
    var detailsOwed: [Int64] = []
    /// Detail requests sent and not answered yet.
    public internal(set) var detailsInFlight = 0
    public var maxDetailsInFlight = 4
    /// Failed detail fetches and when each is tried again.
    public internal(set) var detailsRetries: [Int64: Date] = [:]

    public init(access: AdminAccess) {
        self.access = access
    }

    /// The wait before fetch attempt `attempt + 1` after `attempt` failed: 1, 2, 4 … 60 s.
    public static func retryDelay(afterAttempt attempt: Int) -> TimeInterval {
        min(60, pow(2, Double(max(0, min(attempt, 7) - 1))))
    }
}
