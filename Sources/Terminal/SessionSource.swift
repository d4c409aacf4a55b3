import Dashboard
import Foundation
import Session

/// Where a dashboard's session events come from and where its commands go: a live connection,
/// a replayed log, or the embedded demo backend.
///
/// Live sources deliver events from their own threads through `post`; replay-like sources that
/// run on the dashboard's clock answer `nextDue` and `pump` instead (called on the UI thread).
public protocol SessionSource: AnyObject {
    /// Begins producing events. `post` may be called from any thread.
    func start(post: @escaping @Sendable (TimedEvent) -> Void)
    /// Carries out an effect of `update` that concerns the session (send, close, reconnect, replay controls).
    func perform(_ effect: Effect)
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
