import Foundation

/// The next moment the runtime should wake up and send `.tick`, or nil when nothing on screen
/// changes by itself (then sleep until input or a network event).
///
/// Considered: the flash phase toggle (every `flashPeriod` while an unacknowledged reminder
/// exists), the retry countdown (each whole second), the open uptime (each second for the first
/// hour, then each minute), a deferred bell, an owed statistics refresh, failed details fetches
/// due again, re-rings of orders still waiting (not while muted), and rows turning aging or
/// overdue or their age text changing.
public func nextDeadline(_ state: State, now: Date) -> Date? {
    var best: Date?
    func consider(_ d: Date?) {
        guard let d else { return }
        if best == nil || d < best! { best = d }
    }

    if let since = state.alertSince, state.hasActiveReminders {
        let t = now.timeIntervalSince(since)
        let k = t < 0 ? 0 : (t / state.flashPeriod).rounded(.down) + 1
        consider(since.addingTimeInterval(k * state.flashPeriod))
    }

    switch state.status {
    case .retrying(let at, _):
        let remaining = at.timeIntervalSince(now)
        if remaining > 0 {
            // The label shows ceil(remaining); it changes when remaining crosses an integer.
            let shown = remaining.rounded(.up)
            consider(at.addingTimeInterval(-(shown - 1)))
        }
    case .open(let since):
        let up = now.timeIntervalSince(since)
        let step: TimeInterval = up < 3600 ? 1 : 60
        let k = up < 0 ? 0 : (up / step).rounded(.down) + 1
        consider(since.addingTimeInterval(k * step))
    default:
        break
    }

    if let due = pendingBellDue(state) {
        consider(max(due, now))
    }
    if let due = statisticsDue(state) { consider(max(due, now)) }
    if let due = nextDetailsRetry(state) { consider(max(due, now)) }
    let reRing = !state.bellMuted && state.alerts.reRing > 0
    // Only rows awaiting the merchant re-ring or age; the state keeps their times (no pass over
    // the rows).
    if reRing, let rang = state.earliestRing { consider(max(rang.addingTimeInterval(state.alerts.reRing), now)) }
    consider(state.nextAgeChange(after: now, before: best))

    return best
}
