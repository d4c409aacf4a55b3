import Closing
import Redaction

/// Everything a `WebSocketClient` needs to know, with the documented defaults.
public struct ClientConfiguration: Sendable {
    public var url: WebSocketURL
    public var clientId: ClientIdPolicy = .freshPerAttempt
    /// Extra request headers sent on every attempt (e.g. `token`).
    public var headers: [(String, String)] = []
    /// Names of extra headers whose values are secret although their names do not say so
    /// (`--secret-header`); headers named like token/auth/key/cookie/… are secret anyway.
    public var secretHeaderNames: Set<String> = []
    public var origin: String?
    /// A PEM file of extra CA certificates to trust for wss, beside the system store.
    public var caFile: String?
    public var pingInterval: Double = 20
    public var pongTimeout: Double = 10
    /// Time allowed for TCP connect, TLS and the opening handshake together.
    public var connectTimeout: Double = 10
    /// Time to wait for the server's close frame after ours before dropping TCP.
    public var closeTimeout: Double = 3
    /// Largest message (and frame) accepted; bigger ones are refused with close 1009.
    public var maxMessageSize: Int = 16 * 1024 * 1024
    public var backoff = Backoff()
    /// A connection open this long resets the backoff.
    public var healthyAfter: Double = 10
    /// False for one-shot use (the Autobahn echo client): no retries.
    public var reconnects = true

    public init(url: WebSocketURL) {
        self.url = url
    }

    /// Masks this configuration's secrets (URL userinfo and token-like query values, secret
    /// header values) in everything the client reports.
    public var redactor: Redactor {
        Redactor(url: url.description, headers: headers, secretHeaderNames: secretHeaderNames)
    }

    /// What an open connection needs of this configuration.
    public var connectionSettings: ConnectionMachine.Settings {
        ConnectionMachine.Settings(maxMessageSize: maxMessageSize, pingInterval: pingInterval, pongTimeout: pongTimeout, closeTimeout: closeTimeout)
    }
}

/// What the client reports, in order, on its event loop. Each `connecting` is followed by either
/// `open` … `closed`, or `closed` (an attempt that failed before opening), or `failed`.
public enum ClientEvent: Sendable, Equatable {
    case connecting(attempt: Int, url: String)
    case open(url: String)
    case text(String)
    case binary([UInt8])
    /// A text message we sent, reported when it is handed to the socket (so it is ordered
    /// correctly among received messages).
    case sent(String)
    case closed(code: UInt16, reason: String, by: CloseInitiator)
    case retrying(after: Double, attempt: Int)
    /// Fatal: the client has stopped and will not retry.
    case failed(reason: String)
}

extension ClientEvent {
    /// The event as it may be reported: URLs and reasons without the session's secrets.
    public func redacted(by redactor: Redactor) -> ClientEvent {
        switch self {
        case .connecting(let attempt, let url): .connecting(attempt: attempt, url: redactor.url(url))
        case .open(let url): .open(url: redactor.url(url))
        case .closed(let code, let reason, let by): .closed(code: code, reason: redactor.text(reason), by: by)
        case .failed(let reason): .failed(reason: redactor.text(reason))
        case .text, .binary, .sent, .retrying: self
        }
    }
}

/// Why `send` did not send.
public enum SendError: Error, Equatable, Sendable, CustomStringConvertible {
    case notConnected
    public var description: String { "not connected" }
}
