import Foundation
import Session

/// Small text formatters shared by the view (pure; the time zone is passed in).
public enum Format {
    /// `HH:mm:ss` of `date` in `formatter`'s time zone.
    static func clock(_ date: Date, formatter: ClockFormatter) -> String {
        // The second the instant falls in (as a calendar reads it), not the nearest millisecond.
        let t = date.timeIntervalSince1970
        return formatter.clock(t.isFinite ? Date(timeIntervalSince1970: t.rounded(.down)) : date, milliseconds: false)
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Uptime like `12s`, `3m12s`, `1h05m`, `2d03h`.
    public static func duration(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds.rounded(.down)))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m\(two(s % 60))s" }
        if s < 86400 { return "\(s / 3600)h\(two(s % 3600 / 60))m" }
        return "\(s / 86400)d\(two(s % 86400 / 3600))h"
    }

    /// The header's connection state text (server-provided reasons are sanitised).
    public static func status(_ status: ConnectionStatus, now: Date, glyphs: Glyphs, sanitizer: Sanitizer) -> String {
        switch status {
        case .connecting(let attempt):
            return attempt > 1 ? "connecting (attempt \(attempt))" : "connecting\(glyphs.ellipsis)"
        case .open(let since):
            return "\(glyphs.openBullet) open \(duration(now.timeIntervalSince(since)))"
        case .retrying(let at, let attempt):
            let left = max(0, Int(at.timeIntervalSince(now).rounded(.up)))
            return "retrying in \(left)s (attempt \(attempt))"
        case .closedByMerchant:
            return "closed by you"
        case .closed(let code, let reason, let by):
            let r = reason.isEmpty ? "" : ": " + sanitizer.sanitize(reason)
            return "closed \(code) by \(by.rawValue)\(r)"
        case .failed(let reason):
            return "failed: " + sanitizer.sanitize(reason)
        case .replaying:
            return "replaying a log"
        }
    }

    /// "new" / "reminder ×N" (compact: "new" / "rem×N").
    public static func kind(_ row: OrderRow, compact: Bool, glyphs: Glyphs) -> String {
        switch row.kind {
        case .new: return "new"
        case .reminder(let n): return compact ? "rem\(glyphs.times)\(n)" : "reminder \(glyphs.times)\(n)"
        case .found(.offline): return compact ? "missed" : "missed offline"
        case .found(.check): return compact ? "found" : "found by check"
        }
    }

    /// The label of an entry in the messages pane.
    public static func label(_ kind: MessageEntry.Kind) -> String {
        switch kind {
        case .newOrder: return "order"
        case .reminder: return "remind"
        case .otherJSON: return "json?"
        case .raw: return "raw"
        case .plainText: return "text"
        case .binary: return "binary"
        case .sent: return "you"
        case .status: return "conn"
        case .error: return "error"
        case .action: return "action"
        }
    }

    /// The message text as shown (sanitised), with decode reasons first.
    public static func messageText(_ e: MessageEntry, sanitizer: Sanitizer) -> String {
        let (head, sanitized) = messageHead(e, sanitizer: sanitizer)
        return head + (sanitized ? sanitizer.sanitize(e.text) : e.text)
    }

    /// `messageText` cut to `width` columns, reading only as much of a long message as it needs.
    static func messageText(_ e: MessageEntry, sanitizer: Sanitizer, toWidth width: Int, ellipsis: String) -> String {
        let (head, sanitized) = messageHead(e, sanitizer: sanitizer)
        guard sanitized else { return TextWidth.truncate(head + e.text, toWidth: width, ellipsis: ellipsis) }
        return sanitizer.truncate(e.text, after: head, toWidth: width, ellipsis: ellipsis)
    }

    /// What goes before the message's own text, and whether that text is sanitised.
    private static func messageHead(_ e: MessageEntry, sanitizer: Sanitizer) -> (String, Bool) {
        switch e.kind {
        case .otherJSON(let reason), .raw(let reason): return ("[" + sanitizer.sanitize(reason) + "] ", true)
        case .binary(let n): return ("\(n) bytes: ", false)
        case .sent(let confirmed): return (confirmed ? "sent: " : "sending: ", true)
        default: return ("", true)
        }
    }
}
