/// Who ended a connection. One word for the client (WebSocketClient), the session's events
/// (Session), the journal's `close` records (`"by"`) and the dashboard's header.
public enum CloseInitiator: String, Sendable, Equatable {
    /// The server sent the first close frame.
    case server
    /// We sent the first close frame: the merchant's close, or our answer to a protocol violation.
    case client
    /// TCP ended without a close handshake (1006), or never got that far (connect failure, dead peer).
    case network
}
