import Closing

/// What the merchant asked last. Every command overwrites it; every new attempt reads and clears it.
public enum MerchantRequest: Equatable, Sendable {
    case none
    /// Close with this code and stay closed.
    case close(code: UInt16, reason: String)
    /// Drop the connection (if any) and connect again at once.
    case reconnect
}

/// Where the supervisor is. Each phase carries what it needs.
public enum SupervisorPhase: Equatable, Sendable {
    case idle
    /// Attempt `attempt` is connecting (TCP, TLS, the opening handshake).
    case connecting(attempt: Int)
    case open(attempt: Int)
    /// We sent a close frame on the open connection and wait for it to end.
    case closing(attempt: Int)
    /// Waiting `delay` seconds before attempt `attempt`.
    case waiting(attempt: Int, delay: Double)
    case stopped(StopReason)
}

public enum StopReason: Equatable, Sendable {
    /// The merchant closed the session; `reconnectNow` starts it again.
    case byMerchant
    /// A fatal error: retrying cannot help.
    case failed(String)
    /// The connection ended and reconnecting is switched off.
    case ended
}

/// How one attempt ended, as the connection reports it.
public enum AttemptEnd: Equatable, Sendable {
    /// An open connection ended (close handshake, drop, dead peer, protocol error).
    case closed(code: UInt16, reason: String, by: CloseInitiator)
    /// The attempt never opened (refused, timed out, handshake or TLS failure, aborted).
    case notOpened(reason: String, fatal: Bool)
}

/// What happens to the supervisor: the merchant's commands, the connection's reports, the timer.
public enum SupervisorInput: Equatable, Sendable {
    case start
    case close(code: UInt16, reason: String)
    case reconnectNow
    case opened(url: String, at: Double)
    /// `jitter` is a random draw in [0, 1] for the backoff.
    case ended(AttemptEnd, at: Double, jitter: Double)
    case retryDue
}

/// What the driver does, in order.
public enum SupervisorAction: Equatable, Sendable {
    /// Start attempt `number` (the driver reports `.connecting` with the URL it resolves).
    case startAttempt(number: Int)
    /// Send a close frame on the open connection.
    case closeConnection(code: UInt16, reason: String)
    /// Drop the attempt that is still connecting; it reports `.ended(.notOpened)`.
    case abortAttempt
    case scheduleRetry(after: Double)
    case cancelRetry
    case emit(ClientEvent)
    /// The client has stopped (the merchant's close, a fatal error).
    case finish
}

/// The reconnecting supervisor, without sockets or clocks: phases with their data, one field for
/// what the merchant asked last, and one function from input to actions. Every way a session
/// ends goes through `ended`, whoever asked for it.
public struct Supervisor: Sendable {
    public private(set) var phase = SupervisorPhase.idle
    public private(set) var request = MerchantRequest.none
    public private(set) var policy: ReconnectPolicy

    public init(policy: ReconnectPolicy) {
        self.policy = policy
    }

    public mutating func handle(_ input: SupervisorInput) -> [SupervisorAction] {
        switch input {
        case .start:
            guard case .idle = phase else { return [] }
            return startAttempt()

        case .close(let code, let reason):
            switch phase {
            case .idle:
                phase = .stopped(.byMerchant)
                return [.finish]
            case .connecting:
                request = .close(code: code, reason: reason)
                return [.abortAttempt]
            case .open(let n):
                request = .close(code: code, reason: reason)
                phase = .closing(attempt: n)
                return [.closeConnection(code: code, reason: reason)]
            case .closing:
                request = .close(code: code, reason: reason)
                return []
            case .waiting:
                phase = .stopped(.byMerchant)
                return [.cancelRetry, .emit(.closed(code: code, reason: reason, by: .client)), .finish]
            case .stopped:
                return []
            }

        case .reconnectNow:
            switch phase {
            case .idle, .stopped(.byMerchant):
                policy.resetBackoff()
                return startAttempt()
            case .waiting:
                policy.resetBackoff()
                return [.cancelRetry] + startAttempt()
            case .connecting:
                request = .reconnect
                return [.abortAttempt]
            case .open(let n):
                request = .reconnect
                phase = .closing(attempt: n)
                return [.closeConnection(code: CloseCodes.normal, reason: "reconnecting")]
            case .closing:
                request = .reconnect
                return []
            case .stopped:
                return []
            }

        case .opened(let url, let time):
            guard case .connecting(let n) = phase else { return [] }
            policy.opened(at: time)
            phase = .open(attempt: n)
            switch request {
            case .none:
                return [.emit(.open(url: url))]
            case .close(let code, let reason):
                phase = .closing(attempt: n)
                return [.emit(.open(url: url)), .closeConnection(code: code, reason: reason)]
            case .reconnect:
                phase = .closing(attempt: n)
                return [.emit(.open(url: url)), .closeConnection(code: CloseCodes.normal, reason: "reconnecting")]
            }

        case .ended(let end, let time, let jitter):
            switch phase {
            case .connecting, .open, .closing: break
            case .idle, .waiting, .stopped: return []
            }
            return ended(end, at: time, jitter: jitter)

        case .retryDue:
            guard case .waiting = phase else { return [] }
            return startAttempt()
        }
    }

    private mutating func startAttempt() -> [SupervisorAction] {
        let n = policy.attemptStarted()
        request = .none
        phase = .connecting(attempt: n)
        return [.startAttempt(number: n)]
    }

    private mutating func ended(_ end: AttemptEnd, at time: Double, jitter: Double) -> [SupervisorAction] {
        switch request {
        case .close(let code, let reason):
            let report: ClientEvent
            switch end {
            case .closed(let c, let r, let by): report = .closed(code: c, reason: r, by: by)
            case .notOpened: report = .closed(code: code, reason: reason, by: .client)
            }
            phase = .stopped(.byMerchant)
            return [.emit(report), .finish]
        case .reconnect:
            policy.resetBackoff()
            var actions: [SupervisorAction] = []
            if case .closed(let c, let r, let by) = end { actions.append(.emit(.closed(code: c, reason: r, by: by))) }
            return actions + startAttempt()
        case .none:
            var actions: [SupervisorAction] = []
            let decision: ReconnectDecision
            switch end {
            case .closed(let c, let r, let by):
                actions.append(.emit(.closed(code: c, reason: r, by: by)))
                decision = policy.ended(.transient(r), at: time, unit: jitter)
            case .notOpened(let reason, true):
                decision = policy.ended(.fatal(reason), at: time, unit: jitter)
            case .notOpened(let reason, false):
                actions.append(.emit(.closed(code: CloseCodes.abnormal, reason: reason, by: .network)))
                decision = policy.ended(.transient(reason), at: time, unit: jitter)
            }
            switch decision {
            case .retry(let after, let next):
                phase = .waiting(attempt: next, delay: after)
                return actions + [.emit(.retrying(after: after, attempt: next)), .scheduleRetry(after: after)]
            case .fail(let reason):
                phase = .stopped(.failed(reason))
                return actions + [.emit(.failed(reason: reason)), .finish]
            case .stop:
                phase = .stopped(.ended)
                return actions + [.finish]
            }
        }
    }
}
