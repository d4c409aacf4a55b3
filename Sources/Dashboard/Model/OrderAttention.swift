import Foundation
import Orders

/// Whether an order still waits for the merchant, how long it has waited, and when it rings
/// again (re-ring and ageing, see `AlertTimings`).
extension OrderRow {
    /// True while nobody has dealt with the order: not acknowledged, and neither accepted nor
    /// rejected/cancelled (by its status from the backend, or by an action in flight or done).
    public var awaitsMerchant: Bool {
        guard !acknowledged else { return false }
        switch activity {
        case .inFlight(let a)? where Self.decides(a.kind): return false
        case .done(let k)? where Self.decides(k): return false
        default: break
        }
        switch order?.status {
        case nil, .pendingPayment?, .toBeConfirmed?, .unknown?: return true
        case .confirmed?, .deliveryInProgress?, .completed?, .cancelled?, .refunded?: return false
        }
    }

    static func decides(_ kind: OrderAction.Kind) -> Bool {
        kind == .accept || kind == .reject || kind == .cancel
    }

    /// Seconds the order has waited at `now` (since the dashboard first saw it).
    public func age(at now: Date) -> TimeInterval { max(0, now.timeIntervalSince(firstSeen)) }

    /// How the row looks at `now`: fresh, aging or overdue. Only a row that awaits the merchant ages.
    public func ageStage(at now: Date, _ timings: AlertTimings) -> AgeStage {
        guard awaitsMerchant else { return .fresh }
        let a = age(at: now)
        if timings.overdueAfter > 0, a >= timings.overdueAfter { return .overdue }
        if timings.agingAfter > 0, a >= timings.agingAfter { return .aging }
        return .fresh
    }

    /// When the row's look or its age text next changes by itself, or nil (it no longer ages).
    func nextAgeChange(after now: Date, _ timings: AlertTimings) -> Date? {
        guard awaitsMerchant else { return nil }
        var next: Date?
        func consider(_ d: Date) { if d > now, next == nil || d < next! { next = d } }
        if timings.agingAfter > 0 { consider(firstSeen.addingTimeInterval(timings.agingAfter)) }
        if timings.overdueAfter > 0 { consider(firstSeen.addingTimeInterval(timings.overdueAfter)) }
        if ageStage(at: now, timings) != .fresh {
            // The age text ("3m") changes on each whole minute.
            let minutes = (age(at: now) / 60).rounded(.down)
            consider(firstSeen.addingTimeInterval((minutes + 1) * 60))
        }
        return next
    }

    /// A time `nextAgeChange(after: now)` is never before, for every `now` not before `t` (nil: it
    /// is nil for all of them), while the row does not change. The state keeps it per row, so
    /// `nextDeadline` computes the exact time only for rows whose bound is below the best deadline
    /// found (the minute boundaries have floating-point edge cases; this bound has none: every
    /// step of `nextAgeChange` is monotonic in `now`).
    func ageChangeBound(from t: Date, _ timings: AlertTimings) -> Date? {
        guard awaitsMerchant else { return nil }
        // The row stops looking fresh at the first of these ages; only then does its age text count.
        let thresholds = [timings.agingAfter, timings.overdueAfter].filter { $0 > 0 }
        guard let first = thresholds.min() else { return nil }
        var bound: Date?
        func consider(_ d: Date) { if bound == nil || d < bound! { bound = d } }
        for after in thresholds {
            let d = firstSeen.addingTimeInterval(after)
            if d > t { consider(d) }
        }
        // The minute boundary after `now` is no earlier than the one after `t`, nor than the one
        // after the age at which the row stops looking fresh.
        let minutes = max((age(at: t) / 60).rounded(.down), (first / 60).rounded(.down))
        consider(firstSeen.addingTimeInterval((minutes + 1) * 60))
        return bound
    }

    /// When the order rings again, or nil (it does not).
    func reRingDue(_ timings: AlertTimings) -> Date? {
        guard timings.reRing > 0, awaitsMerchant else { return nil }
        return lastRing.addingTimeInterval(timings.reRing)
    }
}
