/// What a `DemoServer` reports through `onEvent`, in order, on the server's event loop.
public enum DemoServerEvent: Sendable, Equatable {
    /// A WebSocket session opened on `/ws/{sid}`. `replaced`: an open session with the same sid
    /// was in the map; it stays connected but no longer gets broadcasts (like the backend).
    case connected(sid: String, replaced: Bool)
    /// A text message from a client (the backend only logs these).
    case received(sid: String, text: String)
    /// A session ended. `code`: the client's close code when it closed first (1005 for a close
    /// frame without one), the server's when it did (1001 stop, 1002 protocol error, 1003 binary
    /// message, 1007 bad UTF-8, 1009 message over 8 KiB), 1006 when TCP ended without a close
    /// handshake (a client vanishing, or `dropAll`). `reason` says which, for people.
    case closed(sid: String, code: UInt16, reason: String)
    /// A plain HTTP request that was not a WebSocket upgrade on `/ws/{sid}`, and the status it got.
    case refused(method: String, target: String, status: Int)
    /// A broadcast: the exact text and how many sessions it went to.
    case pushed(text: String, sessions: Int, source: DemoPushSource)
    /// An admin API request (under `/admin`) and its answer: the HTTP status, and the service's
    /// `msg` when it refused (`订单状态错误`); nil for a success or an answer without an envelope.
    case api(method: String, target: String, status: Int, refusal: String?)
}

/// Who made a broadcast.
public enum DemoPushSource: String, Sendable, Equatable {
    /// The random `DemoTraffic`.
    case traffic
    /// The 5 s plain-text ticker.
    case ticker
    /// `push`, `pushOrder`, `pushReminder` (the `serve` commands).
    case command
}

/// The result of a push: the exact text and how many sessions it went to.
public struct DemoPush: Sendable, Equatable {
    public var text: String
    public var sessions: Int

    public init(text: String, sessions: Int) {
        self.text = text
        self.sessions = sessions
    }
}

public enum DemoServerError: Error, Equatable, Sendable, CustomStringConvertible {
    case alreadyStarted
    case stopped
    case notRunning
    case unsupportedEventLoopGroup

    public var description: String {
        switch self {
        case .alreadyStarted: "the demo server was already started"
        case .stopped: "the demo server has stopped"
        case .notRunning: "the demo server is not running"
        case .unsupportedEventLoopGroup: "the demo server needs a MultiThreadedEventLoopGroup (NIOPosix)"
        }
    }
}
