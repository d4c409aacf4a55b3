import Testing
@testable import WebSocketClient

/// The supervisor as a table: every command in every phase, and the sequences that once stopped
/// reconnecting for good.
@Suite struct SupervisorTests {
    static let drop = AttemptEnd.closed(code: 1006, reason: "connection lost", by: .network)
    static let refused = AttemptEnd.notOpened(reason: "connect refused", fatal: false)

    /// A supervisor brought into `phase` by real inputs (attempt 1 unless the phase says otherwise).
    static func supervisor(in phase: String) -> Supervisor {
        var s = Supervisor(policy: ReconnectPolicy(backoff: Backoff(initial: 2, factor: 2, cap: 8)))
        switch phase {
        case "idle": break
        case "connecting": _ = s.handle(.start)
        case "open": _ = s.handle(.start); _ = s.handle(.opened(url: "ws://h/ws/a", at: 0))
        case "closing": _ = s.handle(.start); _ = s.handle(.opened(url: "ws://h/ws/a", at: 0)); _ = s.handle(.reconnectNow)
        case "waiting": _ = s.handle(.start); _ = s.handle(.ended(refused, at: 1, jitter: 1))
        case "stopped(byMerchant)": _ = s.handle(.start); _ = s.handle(.ended(refused, at: 1, jitter: 1)); _ = s.handle(.close(code: 1000, reason: ""))
        case "stopped(failed)": _ = s.handle(.start); _ = s.handle(.ended(.notOpened(reason: "HTTP 403", fatal: true), at: 1, jitter: 1))
        default: Issue.record("unknown phase \(phase)")
        }
        return s
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var phase: String
        var input: SupervisorInput
        var actions: [SupervisorAction]
        var after: SupervisorPhase
        var testDescription: String { "\(phase) + \(input)" }
    }

    static let close = SupervisorInput.close(code: 1000, reason: "bye")
    static let rows: [Row] = [
        // start
        Row(phase: "idle", input: .start, actions: [.startAttempt(number: 1)], after: .connecting(attempt: 1)),
        Row(phase: "connecting", input: .start, actions: [], after: .connecting(attempt: 1)),
        Row(phase: "open", input: .start, actions: [], after: .open(attempt: 1)),
        Row(phase: "waiting", input: .start, actions: [], after: .waiting(attempt: 2, delay: 2)),
        Row(phase: "stopped(byMerchant)", input: .start, actions: [], after: .stopped(.byMerchant)),
        // c y (close)
        Row(phase: "idle", input: close, actions: [.finish], after: .stopped(.byMerchant)),
        Row(phase: "connecting", input: close, actions: [.abortAttempt], after: .connecting(attempt: 1)),
        Row(phase: "open", input: close, actions: [.closeConnection(code: 1000, reason: "bye")], after: .closing(attempt: 1)),
        Row(phase: "closing", input: close, actions: [], after: .closing(attempt: 1)),
        Row(phase: "waiting", input: close, actions: [.cancelRetry, .emit(.closed(code: 1000, reason: "bye", by: .client)), .finish],
            after: .stopped(.byMerchant)),
        Row(phase: "stopped(byMerchant)", input: close, actions: [], after: .stopped(.byMerchant)),
        Row(phase: "stopped(failed)", input: close, actions: [], after: .stopped(.failed("HTTP 403"))),
        // r (reconnect now)
        Row(phase: "idle", input: .reconnectNow, actions: [.startAttempt(number: 1)], after: .connecting(attempt: 1)),
        Row(phase: "connecting", input: .reconnectNow, actions: [.abortAttempt], after: .connecting(attempt: 1)),
        Row(phase: "open", input: .reconnectNow, actions: [.closeConnection(code: 1000, reason: "reconnecting")], after: .closing(attempt: 1)),
        Row(phase: "closing", input: .reconnectNow, actions: [], after: .closing(attempt: 1)),
        Row(phase: "waiting", input: .reconnectNow, actions: [.cancelRetry, .startAttempt(number: 2)], after: .connecting(attempt: 2)),
        Row(phase: "stopped(byMerchant)", input: .reconnectNow, actions: [.startAttempt(number: 2)], after: .connecting(attempt: 2)),
        Row(phase: "stopped(failed)", input: .reconnectNow, actions: [], after: .stopped(.failed("HTTP 403"))),
        // the timer
        Row(phase: "waiting", input: .retryDue, actions: [.startAttempt(number: 2)], after: .connecting(attempt: 2)),
        Row(phase: "connecting", input: .retryDue, actions: [], after: .connecting(attempt: 1)),
        Row(phase: "stopped(byMerchant)", input: .retryDue, actions: [], after: .stopped(.byMerchant)),
        // the connection's reports
        Row(phase: "connecting", input: .opened(url: "ws://h/ws/b", at: 5), actions: [.emit(.open(url: "ws://h/ws/b"))], after: .open(attempt: 1)),
        Row(phase: "open", input: .ended(drop, at: 1, jitter: 1),
            actions: [.emit(.closed(code: 1006, reason: "connection lost", by: .network)), .emit(.retrying(after: 2, attempt: 2)), .scheduleRetry(after: 2)],
            after: .waiting(attempt: 2, delay: 2)),
        Row(phase: "connecting", input: .ended(refused, at: 1, jitter: 0),
            actions: [.emit(.closed(code: 1006, reason: "connect refused", by: .network)), .emit(.retrying(after: 1, attempt: 2)), .scheduleRetry(after: 1)],
            after: .waiting(attempt: 2, delay: 1)),
        Row(phase: "connecting", input: .ended(.notOpened(reason: "HTTP 403", fatal: true), at: 1, jitter: 0),
            actions: [.emit(.failed(reason: "HTTP 403")), .finish], after: .stopped(.failed("HTTP 403"))),
        Row(phase: "closing", input: .ended(.closed(code: 1000, reason: "reconnecting", by: .client), at: 1, jitter: 0),
            actions: [.emit(.closed(code: 1000, reason: "reconnecting", by: .client)), .startAttempt(number: 2)], after: .connecting(attempt: 2)),
        // late reports from an attempt that is over are ignored
        Row(phase: "waiting", input: .ended(drop, at: 1, jitter: 0), actions: [], after: .waiting(attempt: 2, delay: 2)),
        Row(phase: "stopped(byMerchant)", input: .opened(url: "ws://h/ws/c", at: 1), actions: [], after: .stopped(.byMerchant)),
        Row(phase: "idle", input: .ended(drop, at: 1, jitter: 0), actions: [], after: .idle),
    ]

    @Test(arguments: rows)
    func everyCommandInEveryPhase(row: Row) {
        var s = Self.supervisor(in: row.phase)
        #expect(s.handle(row.input) == row.actions)
        #expect(s.phase == row.after)
    }

    @Test func everyPhaseAndCommandIsInTheTable() {
        let phases = Set(Self.rows.map(\.phase))
        #expect(phases == ["idle", "connecting", "open", "closing", "waiting", "stopped(byMerchant)", "stopped(failed)"])
        for command in [SupervisorInput.start, Self.close, .reconnectNow] {
            let covered = Set(Self.rows.filter { $0.input == command }.map(\.phase))
            #expect(covered.count >= 5, "\(command) covers only \(covered)")
        }
    }

    /// `c` `y` while "retrying in N s", then `r`: connects again (it did nothing, ever).
    @Test func closeWhileWaitingThenReconnect() {
        var s = Self.supervisor(in: "waiting")
        _ = s.handle(Self.close)
        #expect(s.phase == .stopped(.byMerchant))
        #expect(s.handle(.reconnectNow) == [.startAttempt(number: 2)])
        #expect(s.handle(.opened(url: "u", at: 3)) == [.emit(.open(url: "u"))])
    }

    /// `r` while connecting, the open arrives anyway, then `c` `y`, then the next drop: the close
    /// is the merchant's (stop), and after `r` a later network drop is retried, never taken for
    /// the merchant's close.
    @Test func reconnectWhileConnectingThenCloseThenDrop() {
        var s = Self.supervisor(in: "connecting")
        #expect(s.handle(.reconnectNow) == [.abortAttempt])
        // the abort raced with the open: the connection opened anyway and is closed for the reconnect
        #expect(s.handle(.opened(url: "u", at: 1)) == [.emit(.open(url: "u")), .closeConnection(code: 1000, reason: "reconnecting")])
        #expect(s.handle(.ended(.closed(code: 1000, reason: "reconnecting", by: .client), at: 1, jitter: 0)).last == .startAttempt(number: 2))
        #expect(s.request == .none)
        _ = s.handle(.opened(url: "u", at: 2))
        #expect(s.handle(Self.close) == [.closeConnection(code: 1000, reason: "bye")])
        #expect(s.handle(.ended(.closed(code: 1000, reason: "bye", by: .client), at: 3, jitter: 0))
                == [.emit(.closed(code: 1000, reason: "bye", by: .client)), .finish])
        #expect(s.phase == .stopped(.byMerchant))
        // r, open, then the network drops: retried
        _ = s.handle(.reconnectNow)
        _ = s.handle(.opened(url: "u", at: 4))
        let actions = s.handle(.ended(Self.drop, at: 5, jitter: 1))
        #expect(actions.contains(.scheduleRetry(after: 2)))
        #expect(s.phase == .waiting(attempt: 4, delay: 2))
    }

    /// `r` while the connect is pending and the attempt then fails on its own: a new attempt at
    /// once, not a wait, and the merchant's request is read once.
    @Test func reconnectWhileConnectingStartsAtOnceWhenTheAttemptFails() {
        var s = Self.supervisor(in: "connecting")
        _ = s.handle(.reconnectNow)
        #expect(s.handle(.ended(Self.refused, at: 1, jitter: 0)) == [.startAttempt(number: 2)])
        #expect(s.handle(.ended(Self.refused, at: 2, jitter: 0)).last == .scheduleRetry(after: 1))
    }

    /// `c` `y` while connecting: when the attempt ends (aborted), the merchant's code is reported.
    @Test func closeWhileConnectingReportsTheMerchantsCode() {
        var s = Self.supervisor(in: "connecting")
        _ = s.handle(.close(code: 4001, reason: "shop closed"))
        #expect(s.handle(.ended(.notOpened(reason: "aborted", fatal: false), at: 1, jitter: 0))
                == [.emit(.closed(code: 4001, reason: "shop closed", by: .client)), .finish])
        // the close came through before the abort did: it is closed, not reopened
        var t = Self.supervisor(in: "connecting")
        _ = t.handle(Self.close)
        #expect(t.handle(.opened(url: "u", at: 1)) == [.emit(.open(url: "u")), .closeConnection(code: 1000, reason: "bye")])
    }

    @Test func lastCommandWins() {
        var s = Self.supervisor(in: "open")
        _ = s.handle(.reconnectNow)
        _ = s.handle(Self.close)
        #expect(s.request == .close(code: 1000, reason: "bye"))
        #expect(s.handle(.ended(.closed(code: 1000, reason: "reconnecting", by: .client), at: 1, jitter: 0)).last == .finish)
        var t = Self.supervisor(in: "open")
        _ = t.handle(Self.close)
        _ = t.handle(.reconnectNow)
        #expect(t.handle(.ended(.closed(code: 1000, reason: "bye", by: .client), at: 1, jitter: 0)).last == .startAttempt(number: 2))
    }

    @Test func withoutReconnectsAnEndStops() {
        var s = Supervisor(policy: ReconnectPolicy(reconnects: false))
        _ = s.handle(.start)
        _ = s.handle(.opened(url: "u", at: 0))
        #expect(s.handle(.ended(Self.drop, at: 1, jitter: 0)) == [.emit(.closed(code: 1006, reason: "connection lost", by: .network)), .finish])
        #expect(s.phase == .stopped(.ended))
    }
}
