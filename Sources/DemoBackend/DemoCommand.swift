import Session

/// One line typed on `skydash serve`'s standard input.
///
/// - `order [ID] [CONTENT…]` — push a new order (type 1). ID: a 64-bit integer, else the next id
///   of the server's counter; CONTENT: the rest of the line, trimmed, else `订单号: <number>`.
///   A first word that is not a number is the start of CONTENT.
/// - `remind ID` — push a customer reminder (type 2) for order ID.
/// - `raw TEXT…` — push TEXT verbatim (everything after `raw` and one space), e.g. broken JSON.
/// - `drop` — drop every connection without a close frame.
/// - `help` — list the commands.
///
/// Command words are case-insensitive. Blank lines and lines starting with `#` are ignored
/// (`parse` returns nil), so a script of commands can be piped in.
public enum DemoCommand: Sendable, Equatable {
    case order(id: Int64?, content: String?)
    case remind(id: Int64)
    case raw(String)
    case drop
    case help

    public static let names = ["order", "remind", "raw", "drop", "help"]

    public static let helpText = """
        commands:
          order [ID] [CONTENT…]  push a new order (type 1); ID defaults to the next id, CONTENT to 订单号: <number>
          remind ID              push a customer reminder (type 2) for order ID
          raw TEXT…              push TEXT exactly as typed (e.g. broken JSON)
          drop                   drop every connection without a close frame (clients reconnect)
          help                   this list
        """

    /// The command on `line` (a trailing newline is ignored), nil for a blank or `#` line.
    public static func parse(_ line: String) throws(DemoCommandError) -> DemoCommand? {
        var text = Substring(line)
        // "\r\n" is one Character, so hasSuffix("\n") misses it.
        if text.hasSuffix("\r\n") || text.hasSuffix("\n") { text = text.dropLast() }
        let trimmed = text.drop(while: isSpace)
        if trimmed.allSatisfy(isSpace) || trimmed.hasPrefix("#") { return nil }

        let word = trimmed.prefix { !isSpace($0) }
        let afterWord = trimmed[word.endIndex...]
        let rest = trim(afterWord)
        switch word.lowercased() {
        case "order":
            guard !rest.isEmpty else { return .order(id: nil, content: nil) }
            let first = rest.prefix { !isSpace($0) }
            if let id = Int64(first) {
                let content = trim(rest[first.endIndex...])
                return .order(id: id, content: content.isEmpty ? nil : String(content))
            }
            if looksNumeric(first) {
                throw .init("order id \(LineEscaping.visible(String(first))) is out of range (a 64-bit integer)")
            }
            return .order(id: nil, content: String(rest))
        case "remind":
            guard !rest.isEmpty else { throw .init("remind needs an order id, e.g. remind 1001") }
            let first = rest.prefix { !isSpace($0) }
            guard let id = Int64(first) else {
                if looksNumeric(first) {
                    throw .init("order id \(LineEscaping.visible(String(first))) is out of range (a 64-bit integer)")
                }
                throw .init("remind needs an order id (a whole number), not \"\(LineEscaping.visible(String(first)))\"")
            }
            guard trim(rest[first.endIndex...]).isEmpty else {
                throw .init("remind takes one order id, e.g. remind 1001")
            }
            return .remind(id: id)
        case "raw":
            // Verbatim: only the one separator after the word goes.
            guard let sep = afterWord.first, isSpace(sep) else {
                throw .init("raw needs the text to send, e.g. raw {\"type\":1}")
            }
            let payload = afterWord.dropFirst()
            guard !payload.isEmpty else { throw .init("raw needs the text to send, e.g. raw {\"type\":1}") }
            return .raw(String(payload))
        case "drop":
            guard rest.isEmpty else { throw .init("drop takes no arguments") }
            return .drop
        case "help":
            return .help
        default:
            throw .init("unknown command \"\(LineEscaping.visible(String(word)))\" (try: \(names.joined(separator: ", ")))")
        }
    }

    private static func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c.isNewline }

    private static func trim(_ s: Substring) -> Substring {
        var s = s.drop(while: isSpace)
        while let last = s.last, isSpace(last) { s = s.dropLast() }
        return s
    }

    /// Digits with an optional sign: meant as a number.
    private static func looksNumeric(_ s: Substring) -> Bool {
        let digits = s.first == "-" || s.first == "+" ? s.dropFirst() : s
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}

/// Why a `serve` command line was refused; `message` is one line for the user.
public struct DemoCommandError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
