import Foundation
import Journal
import Notifications
import Session

/// `loglines`: journal / replay input through `LogReader`. Checks that reading it in chunks (sizes
/// from the first byte) gives the same records as reading it whole, that every record the reader
/// accepts that the journal writes (text, binary, sent, close) is encoded back to a line that reads
/// as the same record, and that the input taken as one received text, sent text and close reason
/// survives an encode → read round trip exactly.
enum LogLineFuzzing {
    static let encoder = LogRecordEncoder(timeZone: TimeZone(secondsFromGMT: 8 * 3600)!)
    static let at = Date(timeIntervalSince1970: 1_764_126_005.123)

    static func run(_ input: [UInt8]) {
        var whole = LogReader()
        let all = whole.feed(input) + whole.finish()
        var chunked = LogReader()
        let chunk = Int(input[0] % 16) + 1
        var parts: [LogLineResult] = []
        var rest = input[...]
        while !rest.isEmpty {
            parts += chunked.feed(rest.prefix(chunk))
            rest = rest.dropFirst(chunk)
        }
        parts += chunked.finish()
        precondition(parts == all, "chunked reading differs from whole reading")

        for case .success(let record) in all {
            switch record.content {
            case .message, .binary, .sent, .close:
                let event = TimedEvent(at: record.at ?? at, event: record.event)
                guard let line = encoder.line(for: event) else { preconditionFailure("\(record.content) is not journalled") }
                let back = read(line)
                precondition(back?.content == record.content || isByFallback(record, back),
                             "record does not survive encode → read: \(record.content) → \(line)")
            default:
                break
            }
        }

        let text = String(decoding: input, as: UTF8.self)
        for event in [SessionEvent.message(NotificationDecoder.decode(text)), .sent(text: text),
                      .closed(code: 1000 + Int(input[0]), reason: text, by: .server)] {
            guard let line = encoder.line(for: TimedEvent(at: at, event: event)) else { preconditionFailure() }
            precondition(!line.utf8.contains(0x0A), "a journal line contains a raw line break")
            guard let back = read(line) else { preconditionFailure("an encoded line does not read back: \(line)") }
            precondition(back.event == event, "encode → read changed \(event) into \(back.event)")
            precondition(abs(back.at!.timeIntervalSince(at)) < 0.001, "the time did not survive")
        }
    }

    static func read(_ line: String) -> LogRecord? {
        var reader = LogReader()
        let results = reader.feed(Array((line + "\n").utf8)) + reader.finish()
        guard results.count == 1, case .success(let record) = results[0] else { return nil }
        return record
    }

    /// A close without `by` reads back with the `by` it replays as.
    static func isByFallback(_ record: LogRecord, _ back: LogRecord?) -> Bool {
        guard case .close(let code, let reason, nil) = record.content, let back,
              case .close(code, reason, _) = back.content else { return false }
        return back.event == record.event
    }
}
