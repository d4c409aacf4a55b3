import Foundation

// What the state keeps beside its rows so that no event, tick or frame walks all of them: the
// counts (unacknowledged, flashing, with details) and the times of the orders awaiting the
// merchant (re-ring, ageing). Every row is written through `State.setRow` (State.swift, the one
// file that can write `rows`), which keeps them in step; `acknowledgeAll` alone writes every row
// at once and sets the counts and times itself.

extension State {
    /// The time the kept ageing bounds hold from: the event clock (it never goes back).
    var keptFrom: Date { clock ?? .distantPast }

    /// At a tick: the rows whose ageing bound has passed get a new one from now, so the next
    /// `nextDeadline` computes exact times only for the few rows near its answer.
    mutating func renewAgeBounds() {
        let now = keptFrom
        var passed: [Int64] = []
        while let top = ageBounds.top, top.time <= now {
            passed.append(top.id)
            ageBounds.set(top.id, nil)
        }
        for id in passed {
            ageBounds.set(id, rows[id]?.ageChangeBound(from: now, alerts))
        }
    }

    /// When the earliest order awaiting the merchant last rang (its re-ring is due `alerts.reRing`
    /// later), or nil when none awaits.
    var earliestRing: Date? { ringTimes.top?.time }

    /// Rings again the orders whose re-ring is due at `t` (their last ring becomes `t`); returns
    /// how many.
    mutating func reRing(at t: Date) -> Int {
        var due: [Int64] = []
        while let top = ringTimes.top, top.time.addingTimeInterval(alerts.reRing) <= t {
            due.append(top.id)
            ringTimes.set(top.id, nil)
        }
        for id in due { changeRow(id) { $0.lastRing = t } }
        return due.count
    }

    /// The earliest `nextAgeChange(after: now)` of the rows, when it is before `limit` (nil: no
    /// limit); otherwise nil. From the kept bounds when `now` is not before the event clock (they
    /// hold from there), by a pass over the rows otherwise.
    func nextAgeChange(after now: Date, before limit: Date?) -> Date? {
        var limit = limit
        var found: Date?
        func consider(_ d: Date?) {
            guard let d, limit == nil || d < limit! else { return }
            limit = d
            found = d
        }
        if let clock, now < clock {
            for row in rows.values where !row.acknowledged { consider(row.nextAgeChange(after: now, alerts)) }
            return found
        }
        ageBounds.visit(before: &limit) { id, limit in
            guard let d = rows[id]?.nextAgeChange(after: now, alerts), limit == nil || d < limit! else { return }
            limit = d
            found = d
        }
        return found
    }
}
