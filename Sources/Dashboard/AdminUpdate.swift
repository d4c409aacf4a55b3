import Foundation
import Orders
import Session

// The admin API's side of `update`: requests owed (details, statistics), answers, and the
// journal's order records played back.

/// The requests owed at `now`: details of newly seen orders and of failed fetches whose retry is
/// due (at most `maxDetailsInFlight` on their way at once), and a statistics refresh once
/// `statisticsInterval` has passed since the last one.
func adminStep(_ state: inout State, at now: Date) -> [Effect] {
    guard state.admin.access.isLive else {
        state.admin.detailsOwed = []
        return []
    }
    if !state.admin.detailsRetries.isEmpty {
        let due = state.admin.detailsRetries.filter { $0.value <= now }.map(\.key).sorted()
        for id in due {
            state.admin.detailsRetries[id] = nil
            guard case .failed(_, let attempt, _)? = state.rows[id]?.details else { continue }
            state.changeRow(id) { $0.details = .fetching(attempt: attempt + 1) }
            state.admin.detailsOwed.append(id)
        }
    }
    var fx: [Effect] = []
    let free = max(0, state.admin.maxDetailsInFlight - state.admin.detailsInFlight)
    if free > 0 && !state.admin.detailsOwed.isEmpty {
        let sending = state.admin.detailsOwed.prefix(free)
        state.admin.detailsOwed.removeFirst(sending.count)
        state.admin.detailsInFlight += sending.count
        fx = sending.map { .admin(.fetchDetails(orderId: $0)) }
    }
    if let due = statisticsDue(state), due <= now {
        state.admin.statisticsOwed = false
        state.admin.statisticsLastRequest = now
        if state.admin.statistics.value == nil { state.admin.statistics = .loading }
        fx.append(.admin(.refreshStatistics))
    }
    return fx
}

/// When the owed statistics refresh may be sent (nil: none owed).
func statisticsDue(_ state: State) -> Date? {
    guard state.admin.statisticsOwed, state.admin.access.isLive else { return nil }
    guard let last = state.admin.statisticsLastRequest else { return .distantPast }
    return last.addingTimeInterval(state.admin.statisticsInterval - 1e-9)
}

/// The earliest failed details fetch to try again (live only).
func nextDetailsRetry(_ state: State) -> Date? {
    guard state.admin.access.isLive else { return nil }
    return state.admin.detailsRetries.values.min()
}

func applyAdminAnswer(_ state: inout State, _ answer: AdminAnswer, at: Date) -> [Effect] {
    if let failure = answer.failure, failure.isUnauthorized {
        state.admin.login = .failed(reason: failure.text)
    }
    switch answer {
    case .login(.success(let name)):
        state.admin.login = .loggedIn(name: name)
        state.admin.statisticsOwed = true
        state.admin.shop = .loading
        return [.admin(.fetchShopStatus)]
    case .login(.failure(let f)):
        state.admin.login = .failed(reason: f.text)
        return []
    case .details(_, .success(let order)):
        state.admin.detailsInFlight = max(0, state.admin.detailsInFlight - 1)
        state.applyDetails(order)
        return [.journal(.orderDetails(order))]
    case .details(let id, .failure(let f)):
        state.admin.detailsInFlight = max(0, state.admin.detailsInFlight - 1)
        guard let row = state.rows[id] else { return [] }
        var attempt = 1
        if case .fetching(let a) = row.details { attempt = a }
        let retryAt = at.addingTimeInterval(AdminState.retryDelay(afterAttempt: attempt))
        state.changeRow(id) { $0.details = .failed(reason: f.text, attempt: attempt, retryAt: retryAt) }
        state.admin.detailsRetries[id] = retryAt
        return []
    case .action(let id, let action, let result):
        let record: OrderActionRecord
        switch result {
        case .success:
            record = OrderActionRecord(orderId: id, action: action.kind, reason: action.reason, outcome: .ok)
        case .failure(.refused(let m)):
            record = OrderActionRecord(orderId: id, action: action.kind, reason: action.reason, outcome: .refused, message: m)
        case .failure(.failed(let m)), .failure(.unauthorized(let m)):
            record = OrderActionRecord(orderId: id, action: action.kind, reason: action.reason, outcome: .failed, message: m)
        }
        state.applyActionRecord(record, at: at, answeringKey: true)
        let fx: [Effect] = [.journal(.orderAction(record))]
        if record.outcome == .ok {
            // The new status comes from the backend, not from what the action should have done.
            state.admin.statisticsOwed = true
            if state.rows[id] != nil {
                state.changeRow(id) { $0.details = .fetching(attempt: 1) }
                state.admin.detailsRetries[id] = nil
            }
            // First in the queue: the merchant is looking at this order.
            state.admin.detailsOwed.insert(id, at: 0)
        }
        return fx
    case .statistics(let result):
        state.admin.statistics = Fetched(result)
        return []
    case .shopStatus(let result):
        state.admin.shop = Fetched(result)
        return []
    case .shopSet(let target, let result):
        state.admin.settingShop = nil
        switch result {
        case .success:
            state.admin.shop = .known(target)
            state.say("the shop is now \(target.word)")
        case .failure(let f):
            state.say("the shop is still \(state.admin.shop.value?.word ?? "as it was"): \(f.text)", isError: true)
        }
        return []
    case .businessData(let result):
        state.admin.businessData = Fetched(result)
        return []
    }
}

extension AdminAnswer {
    /// The answer's failure, if it is one.
    var failure: AdminFailure? {
        switch self {
        case .login(.failure(let f)), .details(_, .failure(let f)), .action(_, _, .failure(let f)),
             .statistics(.failure(let f)), .shopStatus(.failure(let f)), .shopSet(_, .failure(let f)),
             .businessData(.failure(let f)):
            return f
        default:
            return nil
        }
    }
}

extension State {
    /// An order the catch-up check found: a row the WebSocket never made gets one, marked, and
    /// rings like a new order; a row already here only takes the fresh details. Returns the rings.
    mutating func applyFound(_ order: Order, how: FoundHow, at: Date) -> Int {
        let known = rows[order.id] != nil
        if !known {
            touchOrder(order.id, at: at, content: "订单号: \(order.number)", reminder: false)
            changeRow(order.id) {
                $0.sawNewOrder = false
                $0.found = how
            }
            counters.found += 1
            appendMessage(MessageEntry(at: at, kind: .newOrder, text: "order \(order.id) \(how.words): \(order.number) \(order.status.word)"))
        }
        admin.detailsOwed.removeAll { $0 == order.id }   // the check brought them
        applyDetails(order)
        return known ? 0 : 1
    }

    /// An order's details, fetched now or played from the journal.
    mutating func applyDetails(_ order: Order) {
        admin.detailsRetries[order.id] = nil
        changeRow(order.id) {
            $0.order = order
            $0.details = .loaded
        }
    }

    /// An action's outcome, answered now or played from the journal: on the row and in the messages
    /// pane, and on the bottom line when it answers the merchant's key (not when replayed).
    mutating func applyActionRecord(_ r: OrderActionRecord, at: Date, answeringKey: Bool) {
        changeRow(r.orderId) { row in
            switch r.outcome {
            case .ok: row.activity = .done(r.action)
            case .refused: row.activity = .refused(r.action, message: r.message ?? "")
            case .failed: row.activity = .failed(r.action, message: r.message ?? "")
            }
        }
        let text = Self.outcomeText(r)
        appendMessage(MessageEntry(at: at, kind: r.outcome == .ok ? .action : .error, text: text))
        if answeringKey { say(text, isError: r.outcome != .ok) }
    }

    /// `接单 order 1001: ok`, `拒单 order 1001 (菜品已销售完…): refused — 订单状态错误`,
    /// `派送 order 1001: failed — connection refused (nothing changed here; try again)`.
    static func outcomeText(_ r: OrderActionRecord) -> String {
        let reason = r.reason.map { " (\($0))" } ?? ""
        let head = "\(r.action.word) order \(r.orderId)\(reason): "
        switch r.outcome {
        case .ok: return head + "ok"
        case .refused: return head + "refused — " + (r.message ?? "")
        case .failed: return head + "failed — " + (r.message ?? "") + " (nothing assumed; try again)"
        }
    }
}
