import Foundation

/// What the catch-up check knows and decides, without HTTP or threads: which orders this process
/// has shown, which the current WebSocket session announced, and — from each complete list of the
/// orders waiting for the merchant (待接单) — which were never announced (found) and whether the
/// session has gone deaf.
///
/// Deaf: once a session's first check has set a baseline (the highest order id known), an order
/// above it that the session has not announced is a suspect; still unannounced at a check
/// `deafAfter` seconds or more after it was found, the subscription is deaf.
///
/// Memory stays bounded by the orders still waiting: an id that was known when a check began and
/// is missing from that check's complete list has left 待接单 for good (an order's status only moves
/// forward), so it is forgotten.
public struct CatchUpLedger: Sendable {
    public let deafAfter: TimeInterval
    /// Order ids this process has shown (announced, or found) and that may still be waiting.
    public private(set) var known = Set<Int64>()
    /// The highest order id ever known (forgetting an id does not lower it).
    public private(set) var highestKnown: Int64 = 0
    /// Order ids announced on the current WebSocket session.
    private var announced = Set<Int64>()
    private var baseline: Int64?
    /// Orders above the baseline found unannounced, with when they were found.
    private var suspects: [Int64: Date] = [:]

    public init(deafAfter: TimeInterval = 30) {
        self.deafAfter = deafAfter
    }

    /// What a check's answer is compared with: the ids known when it was asked for.
    public struct Ticket: Sendable {
        let knownBefore: Set<Int64>
    }

    public struct Verdict: Equatable, Sendable {
        /// Orders waiting that nobody announced, oldest first: show them, ring.
        public var found: [Order]
        /// The first suspect still unannounced after `deafAfter`: the session is deaf.
        public var deafOrderId: Int64?
    }

    /// A new WebSocket session: nothing announced on it yet, no baseline.
    public mutating func sessionOpened() {
        announced = []
        suspects = [:]
        baseline = nil
    }

    /// The WebSocket announced this order (new order or reminder).
    public mutating func announced(_ id: Int64) {
        remember(id)
        announced.insert(id)
    }

    /// The order was shown some other way (found by a check, in this or another session).
    public mutating func shown(_ id: Int64) {
        remember(id)
    }

    public func checkStarted() -> Ticket {
        Ticket(knownBefore: known)
    }

    /// The answer of the check begun with `ticket`: every waiting order (`complete`: all pages were
    /// read; an incomplete list forgets nothing).
    public mutating func checked(pending: [Order], complete: Bool, ticket: Ticket, now: Date) -> Verdict {
        var verdict = Verdict(found: [], deafOrderId: nil)
        for order in pending.sorted(by: { $0.id < $1.id }) {
            if !known.contains(order.id) {
                remember(order.id)
                verdict.found.append(order)
                if let baseline, order.id > baseline, !announced.contains(order.id) { suspects[order.id] = now }
            } else if let since = suspects[order.id], !announced.contains(order.id), now.timeIntervalSince(since) >= deafAfter {
                verdict.deafOrderId = verdict.deafOrderId ?? order.id
            }
        }
        if baseline == nil { baseline = max(highestKnown, pending.map(\.id).max() ?? 0) }
        if complete {
            let waiting = Set(pending.map(\.id))
            let gone = ticket.knownBefore.subtracting(waiting)
            known.subtract(gone)
            announced.subtract(gone)
            for id in gone { suspects[id] = nil }
        }
        return verdict
    }

    private mutating func remember(_ id: Int64) {
        known.insert(id)
        highestKnown = max(highestKnown, id)
    }
}
