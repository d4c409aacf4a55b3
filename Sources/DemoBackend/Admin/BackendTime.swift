import Foundation
import Session

/// The backend's local times as text: `yyyy-MM-dd HH:mm` in answers, `yyyy-MM-dd HH:mm:ss` in the
/// `conditionSearch` query. Texts of the same shape sort like the times they stand for, so the
/// server compares them as strings.
struct BackendTime: Sendable {
    fileprivate let formatter: EventLineFormatter

    init(timeZone: TimeZone) {
        formatter = EventLineFormatter(format: .text, timeZone: timeZone)
    }

    /// `2026-11-30 14:05:09`.
    func seconds(_ date: Date) -> String {
        // `2026-11-30T14:05:09.000+08:00` → date, a space, the clock to the second.
        let iso = formatter.isoTimestamp(date)
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(8))
    }

    /// `2026-11-30 14:05`: how answers write times.
    func minutes(_ date: Date) -> String { String(seconds(date).prefix(16)) }

    /// `2026-11-30`: the day, for today's figures.
    func day(_ date: Date) -> String { String(seconds(date).prefix(10)) }

    /// Whether `text` is a query time, `yyyy-MM-dd HH:mm:ss` (digits where digits belong).
    static func isQueryTime(_ text: String) -> Bool {
        let shape = Array("dddd-dd-dd dd:dd:dd".utf8)
        let bytes = Array(text.utf8)
        guard bytes.count == shape.count else { return false }
        return zip(bytes, shape).allSatisfy { b, s in
            s == UInt8(ascii: "d") ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) : b == s
        }
    }
}

/// One moment in the forms handlers need.
struct BackendNow: Sendable {
    var date: Date
    /// `2026-11-30 14:05`.
    var minutes: String
    /// `2026-11-30`.
    var day: String
    /// `2026-11-30T14:05:09.000+08:00`, for error answers' `timestamp`.
    var timestamp: String
}

extension BackendTime {
    func now(_ date: Date) -> BackendNow {
        BackendNow(date: date, minutes: minutes(date), day: day(date), timestamp: formatter.isoTimestamp(date))
    }
}
