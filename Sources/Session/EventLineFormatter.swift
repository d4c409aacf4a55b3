import Foundation
import Notifications
import enum Notifications.Notification
import Orders

/// The headless output formats (`--format jsonl|text`).
public enum EventLineFormat: String, Sendable, CaseIterable {
    /// One JSON object per line, keys in a fixed order, `at` first.
    case jsonl
    /// `HH:mm:ss.SSS EVENT details`, for people; server text made terminal-safe.
    case text
}

/// Renders one `TimedEvent` as exactly one line (no trailing newline).
///
/// jsonl records (keys in this order):
/// - `{"at","event":"connecting","attempt":N,"url":S}`
/// - `{"at","event":"open","url":S}`
/// - `{"at","event":"order","orderId":N,"content":S|null,"text":RAW}`
/// - `{"at","event":"reminder","orderId":N,"content":S|null,"text":RAW}`
/// - `{"at","event":"json","reason":S,"text":RAW}`
/// - `{"at","event":"text","text":S}`
/// - `{"at","event":"binary","length":N,"base64":S}`
/// - `{"at","event":"raw","reason":S,"text":RAW}`
/// - `{"at","event":"sent","text":S}`
/// - `{"at","event":"closed","code":N,"reason":S,"by":"server"|"client"|"network"}`
/// - `{"at","event":"retrying","after":SECONDS,"attempt":N}`
/// - `{"at","event":"failed","reason":S}`
/// - `{"at","event":"error","message":S}`
///
/// `at` is ISO 8601 with milliseconds and the formatter's UTC offset: `2026-11-26T11:00:05.000+08:00`.
public struct EventLineFormatter: Sendable {
    public let format: EventLineFormat
    public let timeZone: TimeZone
    private let calendar: Calendar

    public init(format: EventLineFormat, timeZone: TimeZone = .current) {
        self.format = format
        self.timeZone = timeZone
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        self.calendar = cal
    }

    public func line(_ e: TimedEvent) -> String {
        switch format {
        case .jsonl: return jsonLine(e)
        case .text: return textLine(e)
        }
    }

    // MARK: - Time

    struct LocalTime {
        var year, month, day, hour, minute, second, millisecond: Int
        var offsetSeconds: Int
    }

    func localTime(_ date: Date) -> LocalTime {
        var t = date.timeIntervalSince1970
        if !t.isFinite { t = 0 }
        let totalMs = (t * 1000).rounded()
        let wholeSeconds = (totalMs / 1000).rounded(.down)
        let ms = Int(totalMs - wholeSeconds * 1000)
        let d = Date(timeIntervalSince1970: wholeSeconds)
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: d)
        return LocalTime(
            year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1,
            hour: c.hour ?? 0, minute: c.minute ?? 0, second: c.second ?? 0,
            millisecond: min(max(ms, 0), 999),
            offsetSeconds: timeZone.secondsFromGMT(for: d))
    }

    /// `2026-11-26T11:00:05.000+08:00`
    public func isoTimestamp(_ date: Date) -> String {
        let t = localTime(date)
        let sign = t.offsetSeconds < 0 ? "-" : "+"
        let off = abs(t.offsetSeconds) / 60
        return "\(pad(t.year, 4))-\(pad(t.month, 2))-\(pad(t.day, 2))T"
            + "\(pad(t.hour, 2)):\(pad(t.minute, 2)):\(pad(t.second, 2)).\(pad(t.millisecond, 3))"
            + "\(sign)\(pad(off / 60, 2)):\(pad(off % 60, 2))"
    }

    /// `11:00:05.000`
    public func clockTime(_ date: Date) -> String {
        let t = localTime(date)
        return hms(t) + ".\(pad(t.millisecond, 3))"
    }

    /// `11:00:05`: `clockTime` without the milliseconds (rounded to the millisecond first, so a
    /// time a hair below a whole second shows that second).
    public func hms(_ date: Date) -> String { hms(localTime(date)) }

    private func hms(_ t: LocalTime) -> String { "\(pad(t.hour, 2)):\(pad(t.minute, 2)):\(pad(t.second, 2))" }

    private func pad(_ n: Int, _ width: Int) -> String {
        let s = String(abs(n))
        let padded = s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        return n < 0 ? "-" + padded : padded
    }

    /// Seconds with at most 3 decimals, no exponent: 0.5 → `0.5`, 2 → `2`, 1.23456 → `1.235`.
    static func seconds(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let ms = (x * 1000).rounded()
        guard abs(ms) < 9e15 else { return String(Int64(x.rounded())) }
        let total = Int64(ms)
        let whole = abs(total) / 1000
        var frac = abs(total) % 1000
        var s = (total < 0 ? "-" : "") + String(whole)
        if frac != 0 {
            var digits = 3
            while frac % 10 == 0 { frac /= 10; digits -= 1 }
            let f = String(frac)
            s += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return s
    }

    // MARK: - jsonl

    private func jsonLine(_ e: TimedEvent) -> String {
        var fields: [(String, String)] = [("at", LineEscaping.jsonString(isoTimestamp(e.at)))]
        func str(_ k: String, _ v: String) { fields.append((k, LineEscaping.jsonString(v))) }
        func num(_ k: String, _ v: String) { fields.append((k, v)) }
        switch e.event {
        case .connecting(let attempt, let url):
            str("event", "connecting"); num("attempt", String(attempt)); str("url", url)
        case .open(let url):
            str("event", "open"); str("url", url)
        case .message(let n):
            switch n {
            case .newOrder(let o, let text), .reminder(let o, let text):
                if case .newOrder = n { str("event", "order") } else { str("event", "reminder") }
                num("orderId", String(o.orderId))
                if let c = o.content { str("content", c) } else { num("content", "null") }
                str("text", text)
            case .otherJSON(let text, let reason):
                str("event", "json"); str("reason", reason); str("text", text)
            case .plainText(let text):
                str("event", "text"); str("text", text)
            case .binary(let bytes):
                str("event", "binary"); num("length", String(bytes.count))
                str("base64", Data(bytes).base64EncodedString())
            case .raw(let text, let reason):
                str("event", "raw"); str("reason", reason); str("text", text)
            }
        case .sent(let text):
            str("event", "sent"); str("text", text)
        case .closed(let code, let reason, let by):
            str("event", "closed"); num("code", String(code)); str("reason", reason); str("by", by.rawValue)
        case .retrying(let after, let attempt):
            str("event", "retrying"); num("after", Self.seconds(after)); num("attempt", String(attempt))
        case .failed(let reason):
            str("event", "failed"); str("reason", reason)
        case .error(let message):
            str("event", "error"); str("message", message)
        case .orderDetails, .orderAction, .orderFound, .deafSession:
            fields += OrderJSON.fields(e.event) ?? []
        }
        var out = "{"
        for (i, (k, v)) in fields.enumerated() {
            if i > 0 { out += "," }
            out += "\"\(k)\":\(v)"
        }
        return out + "}"
    }

    // MARK: - text

    private func textLine(_ e: TimedEvent) -> String {
        let v = LineEscaping.visible
        let body: String
        switch e.event {
        case .connecting(let attempt, let url):
            body = "connecting \(v(url)) (attempt \(attempt))"
        case .open(let url):
            body = "open \(v(url))"
        case .message(let n):
            switch n {
            case .newOrder(let o, _):
                body = "order \(o.orderId)" + (o.content.map { " " + v($0) } ?? "")
            case .reminder(let o, _):
                body = "reminder \(o.orderId)" + (o.content.map { " " + v($0) } ?? "")
            case .otherJSON(let text, let reason):
                body = "json (\(v(reason))) \(v(text))"
            case .plainText(let text):
                body = "text \(v(text))"
            case .binary(let bytes):
                body = "binary \(bytes.count) byte\(bytes.count == 1 ? "" : "s")" + Self.hexPreview(bytes)
            case .raw(let text, let reason):
                body = "raw (\(v(reason))) \(v(text))"
            }
        case .sent(let text):
            body = "sent \(v(text))"
        case .closed(let code, let reason, let by):
            body = "closed \(code) \(LineEscaping.visibleQuoted(reason)) by \(by.rawValue)"
        case .retrying(let after, let attempt):
            body = "retrying in \(Self.seconds(after))s (attempt \(attempt))"
        case .failed(let reason):
            body = "failed \(v(reason))"
        case .error(let message):
            body = "error \(v(message))"
        case .orderDetails(let o):
            let amount = o.amount.map { " " + $0.description } ?? ""
            body = "details \(o.id) \(v(o.number)) \(o.status.word)\(amount) \(v(o.dishesSummary))"
        case .orderFound(let o, let how):
            let amount = o.amount.map { " " + $0.description } ?? ""
            body = "found \(o.id) (\(how.words)) \(v(o.number)) \(o.status.word)\(amount) \(v(o.dishesSummary))"
        case .deafSession(let id):
            body = "deaf order \(id) was never announced on this session; reconnecting"
        case .orderAction(let r):
            let reason = r.reason.map { " (\(v($0)))" } ?? ""
            let message = r.message.map { ": " + v($0) } ?? ""
            body = "action \(r.orderId) \(r.action.word)\(reason) \(r.outcome.rawValue)\(message)"
        }
        return clockTime(e.at) + " " + body
    }

    /// `: 01 02 ff` for up to 16 bytes, then ` …`.
    static func hexPreview(_ bytes: [UInt8]) -> String {
        guard !bytes.isEmpty else { return "" }
        let shown = bytes.prefix(16).map { LineEscaping.hex(UInt32($0), width: 2, uppercase: false) }
        return ": " + shown.joined(separator: " ") + (bytes.count > 16 ? " …" : "")
    }
}
