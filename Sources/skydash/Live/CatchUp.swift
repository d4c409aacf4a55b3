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
/// Deaf sessions: once a session's first check has set a baseline (the highest order id known),
/// an order above it that the WebSocket has not announced is a suspect; still unannounced at a
/// check `deafAfter` seconds (30) or more after it was found, the subscription is deaf (the backend
/// lost our sid, a proxy dropped us while answering pings): `.deafSession` is reported and the
/// client reconnects with a fresh id. The wait keeps an order caught between the backend's commit
/// and its push, or one still arriving over a slow link, from being taken for one.
final class CatchUp: @unchecked Sendable {
    private let client: AdminClient
    private let interval: TimeInterval
    private let deafAfter: TimeInterval
    private let pageSize = 100
    private let maxPages = 100
    private let lock = NSLock()
    private var session: LiveSession?
    /// Order ids this process has shown (announced, or found).
    private var known = Set<Int64>()
    /// Order ids announced on the current WebSocket session.
    private var announced = Set<Int64>()
    private var baseline: Int64?
    /// Orders above the baseline found unannounced, with when they were found.
    private var suspects: [Int64: Date] = [:]
    /// Bumped at every open and close: a check or timer of an older session stands down.
    private var generation = 0
    private var lastProblem: String?

    init(client: AdminClient, interval: TimeInterval, deafAfter: TimeInterval = 30) {
        self.client = client
        self.interval = interval
        self.deafAfter = deafAfter
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
                announced = []
                suspects = [:]
                baseline = nil
                return generation
            }
            Task { await self.run(generation: g) }
        case .closed, .failed:
            lock.withLock { generation += 1 }
        case .message(.newOrder(let n, _)), .message(.reminder(let n, _)):
            lock.withLock {
                known.insert(n.orderId)
                announced.insert(n.orderId)
            }
        case .orderFound(let order, _):
            lock.withLock { _ = known.insert(order.id) }
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
        let pending: [Order]
        do {
            pending = try await pendingOrders()
        } catch {
            report(problem: "catch-up check failed: \(error.description)")
            return
        }
        report(problem: nil)
        let (found, deaf, session) = lock.withLock { () -> ([Order], Int64?, LiveSession?) in
            guard generation == g else { return ([], nil, nil) }
            var found: [Order] = []
            var deaf: Int64?
            for order in pending.sorted(by: { $0.id < $1.id }) {
                if !known.contains(order.id) {
                    known.insert(order.id)
                    found.append(order)
                    if let baseline, order.id > baseline, !announced.contains(order.id) { suspects[order.id] = Date() }
                } else if let since = suspects[order.id], !announced.contains(order.id), Date().timeIntervalSince(since) >= deafAfter {
                    deaf = deaf ?? order.id
                }
            }
            if baseline == nil { baseline = max(known.max() ?? 0, pending.map(\.id).max() ?? 0) }
            if deaf != nil { generation += 1 }   // this session is over: no more checks on it
            return (found, deaf, self.session)
        }
        for order in found { session?.report(.orderFound(order, how: how)) }
        if let deaf {
            session?.report(.deafSession(orderId: deaf))
            session?.reconnectNow()
        }
    }

    /// Every page of 待接单 orders.
    private func pendingOrders() async throws(AdminAPIError) -> [Order] {
        var all: [Order] = []
        var page = 1
        while page <= maxPages {
            let result = try await client.conditionSearch(page: page, pageSize: pageSize, status: OrderStatus.toBeConfirmed.code)
            all += result.records
            if result.records.isEmpty || all.count >= result.total { break }
            page += 1
        }
        return all
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
