import Foundation

/// How an order nobody has dealt with keeps asking for attention: it rings again every `reRing`
/// seconds, and its row turns `aging` after `agingAfter` seconds and `overdue` after
/// `overdueAfter` (counted from when the dashboard first saw the order). 0 switches one off.
public struct AlertTimings: Sendable, Equatable {
    /// Seconds between rings of a still-unhandled order; 0: ring once only.
    public var reRing: TimeInterval
    /// Seconds until a row looks `aging`; 0: never.
    public var agingAfter: TimeInterval
    /// Seconds until a row looks `overdue`; 0: never.
    public var overdueAfter: TimeInterval

    public static let defaultReRing: TimeInterval = 60
    public static let defaultAgingAfter: TimeInterval = 120
    public static let defaultOverdueAfter: TimeInterval = 300

    public init(reRing: TimeInterval = defaultReRing, agingAfter: TimeInterval = defaultAgingAfter,
                overdueAfter: TimeInterval = defaultOverdueAfter) {
        self.reRing = reRing
        self.agingAfter = agingAfter
        self.overdueAfter = overdueAfter
    }

    /// No re-ring, no ageing.
    public static let off = AlertTimings(reRing: 0, agingAfter: 0, overdueAfter: 0)

    /// The longest of each: a day.
    public static let maxSeconds: TimeInterval = 86_400

    /// What is wrong with these settings, in the command line's words (nil: nothing).
    public var problem: String? {
        for (name, value) in [("--re-ring", reRing), ("--aging-after", agingAfter), ("--overdue-after", overdueAfter)] {
            if !(value >= 0) || !value.isFinite {
                return "\(name) must be 0 (off) or a number of seconds, not \(Self.seconds(value))"
            }
            if value > Self.maxSeconds {
                return "\(name) must be at most \(Int(Self.maxSeconds)) seconds (a day), not \(Self.seconds(value))"
            }
        }
        if agingAfter > 0, overdueAfter > 0, overdueAfter <= agingAfter {
            return "--overdue-after (\(Self.seconds(overdueAfter))) must be longer than --aging-after (\(Self.seconds(agingAfter)))"
        }
        return nil
    }

    static func seconds(_ v: TimeInterval) -> String {
        v.isFinite && v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)   // 1e300 has no Int
    }
}

/// How long an order has been waiting, as its row shows it.
public enum AgeStage: Sendable, Equatable, Comparable {
    case fresh
    case aging
    case overdue
}
