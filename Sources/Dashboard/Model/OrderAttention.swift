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

    /// When the order rings again, or nil (it does not).
    func reRingDue(_ timings: AlertTimings) -> Date? {
        guard timings.reRing > 0, awaitsMerchant else { return nil }
        return lastRing.addingTimeInterval(timings.reRing)
    }
}
