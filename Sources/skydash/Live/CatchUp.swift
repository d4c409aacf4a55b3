import AdminAPI
import Foundation
import Notifications
import Orders
import Session
// Foundation also declares `Notification`; this scoped import makes ours win in this file.
import enum Notifications.Notification

/// Never miss an order: asks the admin API which orders wait for the merchant (待接单, every page)
/// when the WebSocket opens and every `interval` seconds while it is open, and reports each one
/// the WebSocket never announced as `.orderFound` (journalled, shown, rung like a new order).
///
/// What is found and when a session is deaf is decided by the pure `CatchUpLedger` (Orders);
/// this class asks the admin API and reports.
final class CatchUp: @unchecked Sendable {
    private let client: AdminClient
    private let interval: TimeInterval
    private let pageSize = 100
    private let maxPages = 100
    private let lock = NSLock()
    private var session: LiveSession?
    private var ledger: CatchUpLedger
    /// Bumped at every open and close: a check or timer of an older session stands down.
    private var generation = 0
    private var lastProblem: String?

    init(client: AdminClient, interval: TimeInterval, deafAfter: TimeInterval = 30) {
        self.client = client
        self.interval = interval
        self.ledger = CatchUpLedger(deafAfter: deafAfter)
    }

    func attach(_ session: LiveSession) {
        lock.withLock { self.session = session }
    }

    /// Every event, as the pipeline processes it (its own thread; never the event loop).
    func observe(_ timed: TimedEvent) {
        switch timed.event {
        case .open:
            let g = lock.withLock { () -> Int in
                generation += 1
                ledger.sessionOpened()
                return generation
            }
            Task { await self.run(generation: g) }
        case .closed, .failed:
            lock.withLock { generation += 1 }
        case .message(.newOrder(let n, _)), .message(.reminder(let n, _)):
            lock.withLock { ledger.announced(n.orderId) }
        case .orderFound(let order, _):
            lock.withLock { ledger.shown(order.id) }
        default:
            break
        }
    }

    /// The check at the open, then one every `interval` while this session lasts.
    private func run(generation g: Int) async {
        await check(how: .offline, generation: g)
        guard interval > 0 else { return }
        while true {
            try? await Task.sleep(nanoseconds: UInt64(interval * 1e9))
            guard lock.withLock({ generation == g }) else { return }
            await check(how: .check, generation: g)
        }
    }

    private func check(how: FoundHow, generation g: Int) async {
        let ticket = lock.withLock { ledger.checkStarted() }
        let pending: (orders: [Order], complete: Bool)
        do {
            pending = try await pendingOrders()
        } catch {
            report(problem: "catch-up check failed: \(error.description)")
            return
        }
        report(problem: nil)
        let (verdict, session) = lock.withLock { () -> (CatchUpLedger.Verdict?, LiveSession?) in
            guard generation == g else { return (nil, nil) }
            let verdict = ledger.checked(pending: pending.orders, complete: pending.complete, ticket: ticket, now: Date())
            if verdict.deafOrderId != nil { generation += 1 }   // this session is over: no more checks on it
            return (verdict, self.session)
        }
        guard let verdict else { return }
        for order in verdict.found { session?.report(.orderFound(order, how: how)) }
        if let deaf = verdict.deafOrderId {
            session?.report(.deafSession(orderId: deaf))
            session?.reconnectNow()
        }
    }

    /// Every page of 待接单 orders (up to `maxPages`); complete when the pages held them all.
    private func pendingOrders() async throws(AdminAPIError) -> (orders: [Order], complete: Bool) {
        var all: [Order] = []
        var page = 1
        while page <= maxPages {
            let result = try await client.conditionSearch(page: page, pageSize: pageSize, status: OrderStatus.toBeConfirmed.code)
            all += result.records
            if result.records.isEmpty || all.count >= result.total { return (all, all.count >= result.total) }
            page += 1
        }
        return (all, false)
    }

    /// A failing check is said once (until it works again), as an error event.
    private func report(problem: String?) {
        let (say, session) = lock.withLock { () -> (String?, LiveSession?) in
            defer { lastProblem = problem }
            return (problem != lastProblem ? problem : nil, self.session)
        }
        if let say { session?.warn(say) }
    }
}
