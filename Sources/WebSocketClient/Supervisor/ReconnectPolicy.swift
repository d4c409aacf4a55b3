/// Why one connection attempt or connection ended, as the supervisor sees it.
public enum ConnectionEnd: Equatable, Sendable {
    /// The connection ended for any other reason (server close, protocol error, dead peer, TCP
    /// reset, connect failure, handshake refused with a retryable status): try again.
    case transient(String)
    /// Retrying cannot help (bad URL, TLS trust failure, 4xx refusal other than 408/429).
    case fatal(String)
}

/// What the supervisor does next.
public enum ReconnectDecision: Equatable, Sendable {
    case retry(after: Double, attempt: Int)
    case stop
    case fail(reason: String)
}

/// The reconnect state machine, without sockets or clocks: the connection driver reports opens and
/// ends with their times, and gets back what to do. Transient failures are retried forever; the
/// backoff restarts from its initial delay once a connection has stayed open `healthyAfter` seconds.
public struct ReconnectPolicy: Sendable {
    public var backoff: Backoff
    public var healthyAfter: Double
    public var reconnects: Bool
    /// Failed attempts since the last healthy connection.
    public private(set) var failures = 0
    /// The number of the attempt being made or about to be made (1-based, never reset).
    public private(set) var attempt = 0
    private var openedAt: Double?

    public init(backoff: Backoff = Backoff(), healthyAfter: Double = 10, reconnects: Bool = true) {
        self.backoff = backoff
        self.healthyAfter = healthyAfter
        self.reconnects = reconnects
    }

    /// A new attempt starts; returns its number.
    public mutating func attemptStarted() -> Int {
        attempt += 1
        openedAt = nil
        return attempt
    }

    public mutating func opened(at time: Double) {
        openedAt = time
    }

    /// The connection (or attempt) ended at `time`. `unit` is the jitter draw in [0, 1].
    public mutating func ended(_ end: ConnectionEnd, at time: Double, unit: Double) -> ReconnectDecision {
        defer { openedAt = nil }
        switch end {
        case .fatal(let reason):
            return .fail(reason: reason)
        case .transient:
            if let openedAt, time - openedAt >= healthyAfter {
                failures = 0
            }
            guard reconnects else { return .stop }
            failures += 1
            return .retry(after: backoff.delay(forAttempt: failures, unit: unit), attempt: attempt + 1)
        }
    }

    /// "Reconnect now": the next attempt starts at once and the backoff starts over.
    public mutating func resetBackoff() {
        failures = 0
    }
}
