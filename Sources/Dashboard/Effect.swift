import Session

/// What the runtime must do after an update. The dashboard never does I/O itself.
public enum Effect: Sendable, Equatable {
    /// Ring the terminal bell `times` times (1 for a new order, 2 for a reminder).
    case ringBell(times: Int)
    /// Send this text message on the session.
    case sendText(String)
    /// Close the session with this code (1000) and do not reconnect until asked.
    case closeSession(code: Int)
    /// Reconnect now (cancelling any backoff wait).
    case reconnect
    /// Quit: close the session cleanly (1000), restore the terminal, exit.
    case quit
    /// Replay transport controls (only emitted when `State.replay` is set).
    case replay(ReplayCommand)
    /// Call the admin REST API; the answer comes back as `Event.admin`. Never blocks the UI.
    case admin(AdminRequest)
    /// Append this event to the journal (order details fetched, actions and their outcomes).
    case journal(SessionEvent)
}

public enum ReplayCommand: Sendable, Equatable {
    case setPaused(Bool)
    case step
    /// The next speed up or down (the replay clock's steps; the new speed comes back as `Event.replay`).
    case faster, slower
}
