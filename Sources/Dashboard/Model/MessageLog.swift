import Foundation

/// One line of the raw server messages / errors pane.
public struct LogEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case newOrder
        case reminder
        /// Valid JSON of the wrong shape (counts as a decode error).
        case otherJSON(reason: String)
        /// Looked like JSON but could not be parsed (counts as a decode error).
        case badJSON(reason: String)
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
        case .otherJSON, .badJSON, .error: return true
        default: return false
        }
    }
}

/// Limits on how much untrusted text is kept in memory.
public enum TextCap {
    /// Longest text kept per message or order content, in Unicode scalars.
    public static let maxScalars = 4096

    /// Caps `text` to `maxScalars`, noting how much was cut.
    public static func cap(_ text: String, max: Int = maxScalars) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > max else { return text }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars.prefix(max))
        return String(v) + " …[\(scalars.count - max) more chars]"
    }
}
