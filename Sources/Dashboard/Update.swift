import Foundation
import Notifications
import Session

/// The largest text the backend accepts from a client (larger closes the session with 1009).
public let maxOutgoingTextBytes = 8192

/// What the merchant is told when a text is over `maxOutgoingTextBytes` (composer and `--stdin`).
public func outgoingTextRefusal(bytes: Int) -> String {
    "not sent: \(bytes) bytes is over the \(maxOutgoingTextBytes)-byte limit"
}

/// Applies one event to the state and returns what the runtime must do. Pure: no I/O, no clock
/// reads; time comes only from the events (`TimedEvent.at`, `tick`).
public func update(_ state: inout State, _ event: Event) -> [Effect] {
    switch event {
    case .session(let timed):
        state.observe(timed.at)
        let want = applySession(&state, timed)
        // The bell first: the alert never waits for an order's details.
        return bellStep(&state, at: timed.at, want: want) + adminStep(&state, at: timed.at)
    case .tick(let now):
        state.observe(now)
        state.renewAgeBounds()
        return bellStep(&state, at: now, want: reRingStep(&state, at: now)) + adminStep(&state, at: now)
    case .admin(let answer, let at):
        state.observe(at)
        let fx = applyAdminAnswer(&state, answer, at: at)
        return fx + adminStep(&state, at: at)
    case .resize(let cols, let rows):
        state.setViewport(cols: cols, rows: rows)
        return []
    case .replay(let info):
        state.replay = info
        return []
    case .key(let key):
        return applyKey(&state, key)
    case .shown:
        state.screenReports = true
        state.selectionMovedUnseen = false
        return []
    }
}

// MARK: - Bell policy

/// Rings owed (`want`, merged with any pending) if the rate limit allows at `t`; otherwise keeps
/// them pending for the next allowed moment (see `nextDeadline`). Muted: nothing rings, nothing is kept.
func bellStep(_ state: inout State, at t: Date, want: Int) -> [Effect] {
    if state.bellMuted {
        state.bell.pending = 0
        return []
    }
    let total = max(want, state.bell.pending)
    guard total > 0 else { return [] }
    if bellAllowed(state, at: t) {
        state.bell.lastRing = t
        state.bell.pending = 0
        return [.ringBell(times: total)]
    }
    state.bell.pending = total
    return []
}

/// Orders still waiting for the merchant whose re-ring is due at `t` ring once more (one ring
/// for all of them); each then waits `alerts.reRing` again. Run on ticks only (`nextDeadline`
/// schedules one when a re-ring is due); the state keeps the rows by their last ring, so only the
/// due ones are looked at. Muted: nothing is due (unmuting
/// rings the overdue ones at the next tick). Returns the rings wanted (0 or 1).
func reRingStep(_ state: inout State, at t: Date) -> Int {
    guard !state.bellMuted, state.alerts.reRing > 0 else { return 0 }
    return state.reRing(at: t) > 0 ? 1 : 0
}

func bellAllowed(_ state: State, at t: Date) -> Bool {
    guard let last = state.bell.lastRing else { return true }
    if t < last { return true }   // the clock went back (replay restarted): do not stay silent
    return t.timeIntervalSince(last) >= state.bellInterval - 1e-9
}

/// When a pending bell may ring, or nil.
public func pendingBellDue(_ state: State) -> Date? {
    guard state.bell.pending > 0, !state.bellMuted else { return nil }
    guard let last = state.bell.lastRing else { return state.clock ?? Date(timeIntervalSince1970: 0) }
    return last.addingTimeInterval(state.bellInterval)
}

// MARK: - Session events

/// Applies a session event; returns the bell rings it asks for (0, 1 or 2).
func applySession(_ state: inout State, _ timed: TimedEvent) -> Int {
    let at = timed.at
    switch timed.event {
    case .connecting(let attempt, let url):
        state.setURL(url)
        state.status = .connecting(attempt: attempt)
        return 0
    case .open(let url):
        state.setURL(url)
        state.status = .open(since: at)
        state.appendMessage(MessageEntry(at: at, kind: .status, text: "connected to \(state.url)"))
        return 0
    case .message(let n):
        return applyMessage(&state, n, at: at)
    case .sent(let text):
        if !state.confirmSent(text) {
            state.appendMessage(MessageEntry(at: at, kind: .sent(confirmed: true), text: TextCap.cap(text)))
        }
        return 0
    case .closed(let code, let reason, let by):
        if case .closedByMerchant = state.status, by == .client {
            // our own close completing: keep "closed by you"
        } else {
            state.status = .closed(code: code, reason: reason, by: by)
        }
        let why = reason.isEmpty ? "" : ": \(reason)"
        state.appendMessage(MessageEntry(at: at, kind: .status, text: "closed \(code) by \(by.rawValue)\(why)"))
        return 0
    case .retrying(let after, let attempt):
        state.status = .retrying(at: at.addingTimeInterval(max(0, after)), attempt: attempt)
        return 0
    case .failed(let reason):
        state.status = .failed(reason: reason)
        state.appendMessage(MessageEntry(at: at, kind: .error, text: "failed: \(reason)"))
        return 0
    case .error(let message):
        state.counters.sessionErrors += 1
        state.lastProblem = message
        state.appendMessage(MessageEntry(at: at, kind: .error, text: TextCap.cap(message)))
        return 0
    case .orderDetails(let order):
        state.applyDetails(order)
        return 0
    case .orderAction(let record):
        state.applyActionRecord(record, at: at, answeringKey: false)
        return 0
    case .orderFound(let order, let how):
        return state.applyFound(order, how: how, at: at)
    case .deafSession(let id):
        state.counters.deafSessions += 1
        state.appendMessage(MessageEntry(at: at, kind: .error,
                                 text: "deaf session: order \(id) was placed after this session opened but never announced on it; reconnecting"))
        return 0
    }
}

func applyMessage(_ state: inout State, _ n: Notifications.Notification, at: Date) -> Int {
    state.counters.decoded.count(n)
    switch n {
    case .newOrder(let notice, let text), .reminder(let notice, let text):
        let isReminder: Bool
        if case .reminder = n { isReminder = true } else { isReminder = false }
        state.appendMessage(MessageEntry(at: at, kind: isReminder ? .reminder : .newOrder, text: TextCap.cap(text)))
        state.touchOrder(notice.orderId, at: at, content: notice.content, reminder: isReminder)
        if isReminder { state.noteReminder(at: at) }
        if state.admin.access.isLive { state.admin.statisticsOwed = true }
        return isReminder ? 2 : 1
    case .otherJSON(let text, let reason):
        state.appendMessage(MessageEntry(at: at, kind: .otherJSON(reason: reason), text: TextCap.cap(text)))
    case .raw(let text, let reason):
        state.appendMessage(MessageEntry(at: at, kind: .raw(reason: reason), text: TextCap.cap(text)))
    case .plainText(let text):
        state.appendMessage(MessageEntry(at: at, kind: .plainText, text: TextCap.cap(text)))
    case .binary(let bytes):
        let preview = bytes.prefix(32).map { String($0, radix: 16).leftPadded(to: 2) }.joined(separator: " ")
        let more = bytes.count > 32 ? " …" : ""
        state.appendMessage(MessageEntry(at: at, kind: .binary(byteCount: bytes.count), text: preview + more))
    }
    return 0
}

extension String {
    func leftPadded(to n: Int, with c: Character = "0") -> String {
        count >= n ? self : String(repeating: c, count: n - count) + self
    }
}

// MARK: - Keys

func applyKey(_ state: inout State, _ key: Key) -> [Effect] {
    state.notice = nil
    switch state.mode {
    case .compose(let text):
        return composeKey(&state, text: text, key)
    case .confirmClose:
        state.mode = .normal
        if key == .char("y") || key == .char("Y") {
            state.status = .closedByMerchant
            state.appendMessage(MessageEntry(at: state.clock ?? Date(timeIntervalSince1970: 0), kind: .status,
                                     text: "closing the session (1000) at your request"))
            return [.closeSession(code: 1000)]
        }
        return []
    case .help:
        switch key {
        case .escape, .char("?"), .enter:
            state.mode = .normal
            return []
        case .char("q"), .ctrl("c"):
            return [.quit]
        default:
            return []
        }
    case .pickReason(let picker):
        return pickReasonKey(&state, picker, key)
    case .composeReason(let picker, let text):
        return composeReasonKey(&state, picker, text: text, key)
    case .confirmShop(let target):
        return confirmShopKey(&state, target, key)
    case .businessData:
        switch key {
        case .escape, .enter, .char("B"):
            state.mode = .normal
        case .char("q"), .ctrl("c"):
            return [.quit]
        default:
            break
        }
        return []
    case .normal:
        return normalKey(&state, key)
    }
}

func normalKey(_ state: inout State, _ key: Key) -> [Effect] {
    let page = max(1, Layout.compute(width: state.viewport.cols, height: state.viewport.rows, state: state).listRows.count)
    switch key {
    case .up, .char("k"): move(&state, by: -1)
    case .down, .char("j"): move(&state, by: 1)
    case .pageUp: move(&state, by: -page)
    case .pageDown: move(&state, by: page)
    case .home: move(&state, by: Int.min / 2)
    case .end: move(&state, by: Int.max / 2)
    case .enter:
        if state.screen == .orders, !heldForUnseenSelection(&state, "acknowledge it") {
            state.acknowledge(index: state.selection)
        }
    case .char("A"):
        state.acknowledgeAll()
    case .char("a"): return actionKey(&state, .accept)
    case .char("x"): return actionKey(&state, .reject)
    case .char("X"): return actionKey(&state, .cancel)
    case .char("d"): return actionKey(&state, .deliver)
    case .char("f"): return actionKey(&state, .complete)
    case .char("S"): return shopKey(&state)
    case .char("B"): return businessDataKey(&state)
    case .char("o"):
        state.showDetails.toggle()
        state.clampSelection()
    case .char("i"):
        state.mode = .compose(text: "")
    case .char("c"):
        state.mode = .confirmClose
    case .char("r"):
        return [.reconnect]
    case .char("m"):
        state.bellMuted.toggle()
        state.bell.pending = 0
    case .char("?"):
        state.mode = .help
    case .char("q"), .ctrl("c"):
        return [.quit]
    case .tab, .char("v"):
        state.screen = state.screen == .orders ? .messages : .orders
        state.clampSelection()
    case .escape:
        if state.screen == .messages { state.screen = .orders }
    case .char(" ") where state.replay != nil:
        state.replay!.paused.toggle()
        return [.replay(.setPaused(state.replay!.paused))]
    case .char(".") where state.replay != nil:
        return [.replay(.step)]
    case .char("+") where state.replay != nil:
        return [.replay(.faster)]
    case .char("-") where state.replay != nil:
        return [.replay(.slower)]
    default:
        break
    }
    return []
}

func move(_ state: inout State, by delta: Int) {
    switch state.screen {
    case .orders:
        state.selection = max(0, state.selection + delta)
        state.selectionMovedUnseen = false   // the merchant chose the row
    case .messages:
        state.messageScroll = max(0, state.messageScroll + delta)
    }
    state.clampSelection()
}

func composeKey(_ state: inout State, text: String, _ key: Key) -> [Effect] {
    switch key {
    case .escape:
        state.mode = .normal
    case .backspace, .delete:
        state.mode = .compose(text: TextWidth.dropLastCluster(text))
    case .enter:
        if text.isEmpty {
            state.mode = .normal
            return []
        }
        let bytes = text.utf8.count
        let at = state.clock ?? Date(timeIntervalSince1970: 0)
        if bytes > maxOutgoingTextBytes {
            // The backend would close the session (1009); keep the text so it can be shortened.
            state.appendMessage(MessageEntry(at: at, kind: .error, text: outgoingTextRefusal(bytes: bytes)))
            return []
        }
        state.mode = .normal
        state.appendMessage(MessageEntry(at: at, kind: .sent(confirmed: false), text: text))
        return [.sendText(text)]
    case .char(let c):
        // Only printable text goes in; controls would be sent raw to the server.
        if c.unicodeScalars.contains(where: { $0.value < 0x20 || ($0.value >= 0x7F && $0.value <= 0x9F) }) {
            return []
        }
        state.mode = .compose(text: text + String(c))
    default:
        break
    }
    return []
}
