import Foundation

/// One entry of the messages pane (raw server messages, what was sent, connection changes, errors).
/// Not the "log": that word means the JSONL notification log (journal) elsewhere.
public struct MessageEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case newOrder
        case reminder
        /// Valid JSON of the wrong shape (counts as a decode error).
        case otherJSON(reason: String)
        /// Looked like JSON but could not be parsed (counts as a decode error).
        case raw(reason: String)
        case plainText
        case binary(byteCount: Int)
        /// A text message the merchant sent. `confirmed` once the session reported it sent.
        case sent(confirmed: Bool)
        /// Connection state change.
        case status
        /// A problem worth showing (session error, refused send, an order action refused or failed…).
        case error
        /// An order action the backend carried out.
        case action
    }

    public var at: Date
    public var kind: Kind
    /// The text as received (unsanitised, possibly capped). For binary: a hex preview.
    public var text: String

    public init(at: Date, kind: Kind, text: String) {
        self.at = at
        self.kind = kind
        self.text = text
    }

    public var isError: Bool {
        switch kind {
        case .otherJSON, .raw, .error: return true
        default: return false
        }
    }
}
