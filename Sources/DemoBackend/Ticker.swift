import Foundation
import Session

/// The backend's `WebSocketTask`: `@Scheduled(cron = "0/5 * * * * ?")` broadcasts
/// `这是来自服务端的消息:HH:mm:ss` at every wall-clock second divisible by 5 (…:00, …:05, …).
public enum Ticker {
    public static let prefix = "这是来自服务端的消息:"

    /// The ticker text for a tick at `date`: the prefix and the local time, `HH:mm:ss`.
    public static func text(at date: Date, timeZone: TimeZone = .current) -> String {
        prefix + EventLineFormatter(format: .text, timeZone: timeZone).hms(date)
    }

    /// The first tick strictly after `date` on the wall-clock grid of `interval` seconds
    /// (for 5: every second divisible by 5, like the cron expression).
    public static func nextTick(after date: Date, interval: Double) -> Date {
        let t = date.timeIntervalSince1970
        guard interval > 0, interval.isFinite, t.isFinite else { return date.addingTimeInterval(max(interval, 0.001)) }
        var next = (t / interval).rounded(.down) * interval + interval
        if next <= t { next += interval }
        return Date(timeIntervalSince1970: next)
    }
}
