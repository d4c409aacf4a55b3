import Dashboard
import Foundation
import Session

/// What a source is asked to do: the part of `update`'s effects that concerns the session.
public enum SessionCommand: Sendable, Equatable {
    /// Send this text message.
    case send(String)
    /// Close with this code and do not reconnect until asked.
    case close(code: Int)
    /// Reconnect now, cancelling any wait.
    case reconnect
    /// Replay transport controls (replayed logs only).
    case replay(ReplayCommand)
    /// Write this event to the journal only (order details, actions and their outcomes).
    case journal(SessionEvent)

    /// The command in `effect`, or nil when the effect is not for the session.
    public init?(_ effect: Effect) {
        switch effect {
        case .sendText(let text): self = .send(text)
        case .closeSession(let code): self = .close(code: code)
        case .reconnect: self = .reconnect
        case .replay(let command): self = .replay(command)
        case .journal(let event): self = .journal(event)
        case .ringBell, .quit, .admin: return nil
        }
    }
}

/// Where a dashboard's session events come from and where its commands go: a live connection,
/// a replayed log, or the embedded demo backend.
///
/// Live sources deliver events from their own threads through `post`; replay-like sources that
/// run on the dashboard's clock answer `nextDue` and `pump` instead (called on the UI thread).
public protocol SessionSource: AnyObject {
    /// Begins producing events. `post` may be called from any thread.
    func start(post: @escaping @Sendable (TimedEvent) -> Void)
    /// Carries out what the merchant asked of the session. UI thread.
    func perform(_ command: SessionCommand)
    /// When `pump` has something next (nil: nothing scheduled). UI thread.
    func nextDue(now: Date) -> Date?
    /// Events due by `now`. UI thread.
    func pump(now: Date) -> [TimedEvent]
    /// The replay header information after the latest pump, or nil for live sources.
    var replayInfo: ReplayInfo? { get }
    /// Closes the session cleanly (1000) and waits a bounded time. Called once, on the way out.
    func shutdown()
}

extension SessionSource {
    public func nextDue(now: Date) -> Date? { nil }
    public func pump(now: Date) -> [TimedEvent] { [] }
    public var replayInfo: ReplayInfo? { nil }
}
