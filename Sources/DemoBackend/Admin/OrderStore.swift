import Foundation
import Orders

/// The stand-in backend's orders and shop state, with the real service's rules. A value: the
/// server keeps one on its event loop, tests make their own.
struct OrderStore: Sendable {
    private(set) var orders: [Int64: StoredOrder] = [:]
    /// Ids in the order they were added, to forget the oldest beyond `capacity`.
    private var added: [Int64] = []
    var shop: ShopStatus = .open
    let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = max(capacity, 1)
    }

    /// Stores `order`, replacing one with the same id.
    mutating func add(_ order: StoredOrder) {
        if orders.updateValue(order, forKey: order.id) == nil {
            added.append(order.id)
            if added.count > capacity {
                orders[added.removeFirst()] = nil
            }
        }
    }

    subscript(id: Int64) -> StoredOrder? { orders[id] }

    /// Whether a simulated customer would still remind the merchant of order `id`: it is known and
    /// not yet out for delivery, completed or cancelled. An id this store never saw: yes (a
    /// reminder for an order that came before, as the backend may send).
    func wouldRemind(_ id: Int64) -> Bool {
        guard let status = orders[id]?.order.status else { return true }
        return status == .toBeConfirmed || status == .confirmed || status == .pendingPayment
    }

    // MARK: - Searching

    struct Query: Sendable, Equatable {
        var page = 1
        var pageSize = 10
        var status: Int?
        /// Part of the order number.
        var number: String?
        /// Part of the phone number.
        var phone: String?
        /// `yyyy-MM-dd HH:mm:ss`, inclusive.
        var beginTime: String?
        var endTime: String?
    }

    /// `conditionSearch`: the matching orders newest first (by order time, then id), one page of
    /// them, and how many match in all.
    func search(_ q: Query) -> (total: Int, records: [StoredOrder]) {
        let matching = orders.values.filter { o in
            if let s = q.status, o.order.status.code != s { return false }
            if let n = q.number, !n.isEmpty, !o.order.number.contains(n) { return false }
            if let p = q.phone, !p.isEmpty, !(o.order.phone ?? "").contains(p) { return false }
            if let b = q.beginTime, o.placedAt < b { return false }
            if let e = q.endTime, o.placedAt > e { return false }
            return true
        }.sorted { ($0.placedAt, $0.id) > ($1.placedAt, $1.id) }
        let (start, overflow) = (q.page - 1).multipliedReportingOverflow(by: q.pageSize)
        guard !overflow, start < matching.count else { return (matching.count, []) }
        let end = q.pageSize >= matching.count - start ? matching.count : start + q.pageSize
        return (matching.count, Array(matching[start..<end]))
    }

    // MARK: - Actions

    /// Why the service refused something: its `msg`.
    enum Refusal: String, Error, Sendable {
        case noSuchOrder = "订单不存在"
        case wrongStatus = "订单状态错误"
    }

    /// Applies `action` to order `id` at `now` (`yyyy-MM-dd HH:mm`), if the backend allows it in
    /// the order's status: accept and reject only 待接单, deliver only 待派送, complete only 派送中,
    /// cancel any order not finished. Rejecting or cancelling a paid order refunds it.
    mutating func apply(_ action: OrderAction, to id: Int64, now: String) throws(Refusal) -> StoredOrder {
        guard var stored = orders[id] else { throw .noSuchOrder }
        let kind = action.kind
        guard kind.isAllowed(in: stored.order.status) else { throw .wrongStatus }
        stored.order.status = kind.resultingStatus
        switch action {
        case .accept, .deliver:
            break
        case .complete:
            stored.order.deliveryTime = now
        case .reject(let reason):
            stored.order.rejectionReason = reason
            stored.order.cancelTime = now
        case .cancel(let reason):
            stored.order.cancelReason = reason
            stored.order.cancelTime = now
        }
        if kind == .reject || kind == .cancel, stored.order.payStatus == 1 {
            stored.order.payStatus = 2
        }
        orders[id] = stored
        return stored
    }

    // MARK: - Figures

    /// `order/statistics`: orders waiting, accepted and out for delivery (all days).
    var statistics: OrderStatistics {
        var s = OrderStatistics(toBeConfirmed: 0, confirmed: 0, deliveryInProgress: 0)
        for o in orders.values {
            switch o.order.status {
            case .toBeConfirmed: s.toBeConfirmed += 1
            case .confirmed: s.confirmed += 1
            case .deliveryInProgress: s.deliveryInProgress += 1
            default: break
            }
        }
        return s
    }

    /// `workspace/overviewOrders` for `day` (`yyyy-MM-dd`).
    func overview(day: String) -> OrderOverview {
        var o = OrderOverview(waitingOrders: 0, deliveredOrders: 0, completedOrders: 0, cancelledOrders: 0, allOrders: 0)
        for stored in orders.values where stored.day == day {
            o.allOrders += 1
            switch stored.order.status {
            case .toBeConfirmed: o.waitingOrders += 1
            case .confirmed: o.deliveredOrders += 1
            case .completed: o.completedOrders += 1
            case .cancelled: o.cancelledOrders += 1
            default: break
            }
        }
        return o
    }

    /// `workspace/businessData` for `day` (`yyyy-MM-dd`): turnover and count of the completed
    /// orders, the share of the day's orders completed (4 decimals), the mean completed order
    /// (cents, rounded half up), and customers whose first order here was that day.
    func businessData(day: String) -> BusinessData {
        var turnover = Decimal(0)
        var valid = 0
        var all = 0
        var firstDay: [Int64: Substring] = [:]
        for stored in orders.values {
            let user = stored.ids.userId
            if let seen = firstDay[user], seen <= stored.day {} else { firstDay[user] = stored.day }
            guard stored.day == day else { continue }
            all += 1
            if stored.order.status == .completed {
                valid += 1
                turnover += stored.order.amount?.value ?? 0
            }
        }
        let rate = all == 0 ? Decimal(0) : Decimal(valid) / Decimal(all)
        let unit = valid == 0 ? Decimal(0) : turnover / Decimal(valid)
        return BusinessData(
            turnover: Self.money(turnover, scale: 2),
            validOrderCount: valid,
            orderCompletionRate: Self.money(rate, scale: 4, trimmed: true),
            unitPrice: Self.money(unit, scale: 2),
            newUsers: firstDay.values.filter { $0 == day }.count)
    }

    /// `value` rounded half up to `scale` decimals, written with exactly `scale` decimals (or, with
    /// `trimmed`, without trailing zeros but at least one: `0.8333`, `1.0`).
    static func money(_ value: Decimal, scale: Int, trimmed: Bool = false) -> Money {
        var v = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &v, scale, .plain)
        // Whole units of 10^-scale, as an integer: exact for the demo's sizes.
        let units = NSDecimalNumber(decimal: rounded * pow(10, scale)).int64Value
        let sign = units < 0 ? "-" : ""
        let m = units.magnitude
        var p: UInt64 = 1
        for _ in 0..<scale { p *= 10 }
        var frac = String(m % p)
        frac = String(repeating: "0", count: scale - frac.count) + frac
        if trimmed {
            while frac.count > 1, frac.hasSuffix("0") { frac.removeLast() }
        }
        return Money(text: sign + String(m / p) + "." + frac)!
    }
}
