import Closing
import Foundation
import Notifications
import Orders
import Session

/// Reads the notification log format incrementally: feed it bytes as they arrive (a file, a pipe,
/// stdin) and it returns an entry for every complete line; `finish()` at end of input reads a last
/// line that has no newline.
///
/// - Blank lines and lines whose first non-blank character is `#` are skipped (no entry).
/// - Trailing spaces, tabs and `\r` are ignored; a UTF-8 BOM at the start of the input is ignored.
/// - Every other line gives a `LogRecord` or a `LogLineError` (`line 3: "at" is not an ISO 8601 time: "yesterday"`).
/// - A bare JSON object with none of `at`, `text`, `event` is a message record without a time whose
///   text is the line as written (minus trailing blanks). One with `text` or `event` but no `at`
///   is an error (`missing "at"`). Unknown extra fields are ignored.
/// - A last line without a newline that is not valid JSON says it was probably cut short.
public struct LogReader: Sendable {
    private var pending: [UInt8] = []   // a line begun and not yet ended
    private var lineNumber = 0
    private var atStart = true       // nothing read yet (for the BOM)

    public init() {}

    /// Entries for the lines completed by `bytes`, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [LogLineResult] {
        var out: [LogLineResult] = []
        let chunk = Array(bytes)
        chunk.withUnsafeBufferPointer { b in
            _ = feedLines(b) { line, number, terminated in
                if let e = Self.parse(line: line, number: number, terminated: terminated) { out.append(e) }
                return true
            }
        }
        return out
    }

    /// End of input: the entry for a last line without a newline, if there is one.
    public mutating func finish() -> [LogLineResult] {
        var out: [LogLineResult] = []
        _ = finishLines { line, number, terminated in
            if let e = Self.parse(line: line, number: number, terminated: terminated) { out.append(e) }
            return true
        }
        return out
    }

    /// One line as `feedLines` hands it over: its bytes (no newline; a first line's BOM removed;
    /// trailing blanks still there), its 1-based number, and whether a newline ended it. Returns
    /// false to stop reading.
    public typealias LineVisitor = (UnsafeBufferPointer<UInt8>, Int, Bool) -> Bool

    /// Calls `visit` for every line completed by `bytes`, in order, reading the lines in place (a
    /// line cut by the end of `bytes` waits for the rest). False when `visit` stopped it.
    public mutating func feedLines(_ bytes: UnsafeBufferPointer<UInt8>, _ visit: LineVisitor) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
        var start = 0
        if !pending.isEmpty {
            // The rest of the line begun in an earlier chunk.
            guard let nl = Self.newline(in: bytes, from: 0) else {
                pending.append(contentsOf: bytes)
                return true
            }
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<nl]))
            let carried = pending
            pending = []
            let go = carried.withUnsafeBufferPointer { takeLine($0, terminated: true, visit) }
            guard go else { return false }
            start = nl + 1
        }
        while start < bytes.count {
            guard let nl = Self.newline(in: bytes, from: start) else {
                pending.append(contentsOf: UnsafeBufferPointer(start: base + start, count: bytes.count - start))
                return true
            }
            guard takeLine(UnsafeBufferPointer(start: base + start, count: nl - start), terminated: true, visit) else {
                return false
            }
            start = nl + 1
        }
        return true
    }

    /// End of input: visits a last line without a newline, if there is one.
    public mutating func finishLines(_ visit: LineVisitor) -> Bool {
        guard !pending.isEmpty else { return true }
        let last = pending
        pending = []
        return last.withUnsafeBufferPointer { takeLine($0, terminated: false, visit) }
    }

    private static func newline(in b: UnsafeBufferPointer<UInt8>, from i: Int) -> Int? {
        guard i < b.count, let p = memchr(b.baseAddress! + i, 0x0A, b.count - i) else { return nil }
        return b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
    }

    /// Reads a whole file (in chunks, through `feed`). Throws only when the file cannot be read.
    public static func read(path: String) throws(JournalError) -> [LogLineResult] {
        let fd = Sys.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw JournalError(nil, "open", path, errno) }
        defer { _ = Sys.close(fd) }
        var reader = LogReader()
        var out: [LogLineResult] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { Sys.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw JournalError(nil, "read", path, errno)
            }
            if n == 0 { break }
            out += reader.feed(buffer[0..<n])
        }
        return out + reader.finish()
    }

    private mutating func takeLine(_ raw: UnsafeBufferPointer<UInt8>, terminated: Bool, _ visit: LineVisitor) -> Bool {
        lineNumber += 1
        var line = raw
        if atStart {
            atStart = false
            if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = UnsafeBufferPointer(rebasing: line[3...]) }
        }
        return visit(line, lineNumber, terminated)
    }

    // MARK: - One line

    /// What one line reads as (nil: blank or a comment), by the rules above.
    static func parse(line raw: UnsafeBufferPointer<UInt8>, number: Int, terminated: Bool = true) -> LogLineResult? {
        func bad(_ reason: String) -> LogLineResult { .failure(LogLineError(line: number, reason: reason)) }

        var n = raw.count
        while n > 0, raw[n - 1] == 0x20 || raw[n - 1] == 0x09 || raw[n - 1] == 0x0D { n -= 1 }
        let line = UnsafeBufferPointer(rebasing: raw[0..<n])
        guard let first = line.first(where: { $0 != 0x20 && $0 != 0x09 }) else { return nil }  // blank
        if first == UInt8(ascii: "#") { return nil }

        let utf8 = Array(line)
        if let record = receivedMessage(utf8) { return .success(record) }
        guard let text = String(validating: utf8, as: UTF8.self) else { return bad("not valid UTF-8") }

        let value: JSONValue
        do {
            value = try JSONParser.parse(utf8: utf8)
        } catch {
            let detail = error.message.replacingOccurrences(of: "end of input", with: "end of line")
            let cut = terminated ? "" : "; it is the last line and has no newline, so it was probably cut short"
            return bad("not valid JSON (\(detail))\(cut)")
        }
        guard case .object = value else { return bad("not a JSON object (found \(value.kindName))") }

        let at = value["at"], event = value["event"], textField = value["text"]
        guard let at else {
            if event != nil || textField != nil { return bad(#"missing "at""#) }
            return .success(LogRecord(at: nil, content: .message(text: text)))
        }

        guard case .string(let atString) = at else { return bad(#""at" is \#(at.kindName), not a string"#) }
        let date: Date, offset: Int
        switch Timestamp.parse(atString) {
        case .success(let t): (date, offset) = t
        case .failure(.noOffset):
            return bad(#""at" has no UTC offset (add Z or one like +08:00): \#(quoted(atString))"#)
        case .failure(.malformed):
            return bad(#""at" is not an ISO 8601 time: \#(quoted(atString))"#)
        }
        func record(_ c: LogRecord.Content) -> LogLineResult { .success(LogRecord(at: date, utcOffset: offset, content: c)) }

        /// A required (or, with `default`, optional) string field.
        func string(_ key: String, default d: String? = nil) -> Result<String, LogLineError> {
            switch value[key] {
            case .string(let s)?: return .success(s)
            case nil:
                if let d { return .success(d) }
                return .failure(LogLineError(line: number, reason: #"missing "\#(key)""#))
            case let v?: return .failure(LogLineError(line: number, reason: #""\#(key)" is \#(v.kindName), not a string"#))
            }
        }

        guard let event else {
            guard textField != nil else { return bad(#"missing "text" or "event""#) }
            return string("text").map { .message(text: $0) }.flatMap(record)
        }
        guard case .string(let name) = event else { return bad(#""event" is \#(event.kindName), not a string"#) }

        switch name {
        case "open":
            return string("url").map { .open(url: $0) }.flatMap(record)
        case "sent":
            return string("text").map { .sent(text: $0) }.flatMap(record)
        case "binary":
            return string("base64").flatMap { s in
                guard let data = Data(base64Encoded: s) else {
                    return .failure(LogLineError(line: number, reason: #""base64" is not valid base64"#))
                }
                return .success(.binary([UInt8](data)))
            }.flatMap(record)
        case "details":
            return OrderRecordReading.details(value, line: number).flatMap(record)
        case "action":
            return OrderRecordReading.action(value, line: number).flatMap(record)
        case "found":
            return OrderRecordReading.found(value, line: number).flatMap(record)
        case "deaf":
            return OrderRecordReading.orderId(value, line: number).map { .deaf(orderId: $0) }.flatMap(record)
        case "close":
            let code: Int
            switch value["code"] {
            case .number(let token, let isInteger)?:
                guard isInteger, let c = Int(token) else { return bad(#""code" is not an integer: \#(token)"#) }
                code = c
            case nil: return bad(#"missing "code""#)
            case let v?: return bad(#""code" is \#(v.kindName), not a number"#)
            }
            let reason: String
            switch string("reason", default: "") {
            case .success(let r): reason = r
            case .failure(let e): return .failure(e)
            }
            var by: CloseInitiator? = nil
            switch value["by"] {
            case nil, .null?: break
            case .string(let s)?:
                guard let b = CloseInitiator(rawValue: s) else {
                    return bad(#""by" is not "server", "client" or "network": \#(quoted(s))"#)
                }
                by = b
            case let v?: return bad(#""by" is \#(v.kindName), not a string"#)
            }
            return record(.close(code: code, reason: reason, by: by))
        default:
            return bad("unknown event \(quoted(name)) (expected open, close, sent, binary, details, action, found or deaf)")
        }
    }

    private static let atPrefix: [UInt8] = Array(##"{"at":""##.utf8)
    private static let textKey: [UInt8] = Array(##"","text":""##.utf8)

    /// The journal's usual record, `{"at":"…","text":"…"}` exactly as the journal writes it, read in
    /// place without building a JSON tree. Nil for anything else (other spacing or key order, other
    /// fields, a bad time, invalid UTF-8): the general path then reads it, or says what is wrong.
    private static func receivedMessage(_ b: [UInt8]) -> LogRecord? {
        guard b.count > atPrefix.count + textKey.count + 2, b.starts(with: atPrefix) else { return nil }
        var i = atPrefix.count
        while i < b.count, b[i] != UInt8(ascii: "\""), b[i] != UInt8(ascii: "\\"), b[i] < 0x80 { i += 1 }
        guard i < b.count, b[i] == UInt8(ascii: "\""),
              b[(i + 1)...].starts(with: textKey[1...]) else { return nil }
        let atString = String(decoding: b[atPrefix.count..<i], as: UTF8.self)
        guard case .success(let (date, offset)) = Timestamp.parse(atString),
              let (text, end) = try? JSONParser.string(in: b, at: i + textKey.count - 1),
              end == b.count - 1, b[end] == UInt8(ascii: "}"),
              !containsReplacement(text)   // maybe repaired invalid UTF-8: the general path decides
        else { return nil }
        return LogRecord(at: date, utcOffset: offset, content: .message(text: text))
    }

    /// Whether U+FFFD (EF BF BD) is in `s`.
    private static func containsReplacement(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { u in
            var k = 0
            while k + 2 < u.count {
                if u[k] == 0xEF, u[k + 1] == 0xBF, u[k + 2] == 0xBD { return true }
                k += 1
            }
            return false
        }
    }

    /// A JSON-quoted, shortened value for a message.
    private static func quoted(_ s: String) -> String {
        LineEscaping.jsonString(s.count <= 60 ? s : String(s.prefix(60)) + "…")
    }
}
