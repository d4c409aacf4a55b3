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
    public var timeZone: TimeZone { clock.timeZone }
    /// The one clock formatter: `at` here and in the journal, `HH:mm:ss` on the dashboard and the demo.
    package let clock: ClockFormatter

    public init(format: EventLineFormat, timeZone: TimeZone = .current) {
        self.format = format
        self.clock = ClockFormatter(timeZone: timeZone)
    }

    public func line(_ e: TimedEvent) -> String {
        switch format {
        case .jsonl:
            var out = [UInt8]()
            out.reserveCapacity(256)
            appendJSONLine(e, escapedText: nil, to: &out)
            return String(decoding: out, as: UTF8.self)
        case .text: return textLine(e)
        }
    }

    /// Appends the line of `e` (no newline) to `out`: the jsonl form without an intermediate String.
    package func appendLine(_ e: TimedEvent, to out: inout [UInt8]) {
        appendLine(e, escapedText: nil, to: &out)
    }

    /// As `appendLine(_:to:)`, with the message's text already escaped (`EscapedTexts`): the
    /// jsonl line copies those bytes instead of escaping the text again.
    package func appendLine(_ e: TimedEvent, escapedText: ArraySlice<UInt8>?, to out: inout [UInt8]) {
        switch format {
        case .jsonl: appendJSONLine(e, escapedText: escapedText, to: &out)
        case .text: out.append(contentsOf: textLine(e).utf8)
        }
    }

    // MARK: - Time

    /// `2026-11-26T11:00:05.000+08:00`
    public func isoTimestamp(_ date: Date) -> String { clock.iso(date) }

    /// `11:00:05.000`
    public func clockTime(_ date: Date) -> String { clock.clock(date, milliseconds: true) }

    /// `11:00:05`: `clockTime` without the milliseconds (rounded to the millisecond first, so a
    /// time a hair below a whole second shows that second).
    public func hms(_ date: Date) -> String { clock.clock(date, milliseconds: false) }

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

    private func appendJSONLine(_ e: TimedEvent, escapedText: ArraySlice<UInt8>?, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"at":""#.utf8)
        clock.appendISO(e.at, to: &out)
        out.append(0x22)
        func key(_ k: String) {
            out.append(0x2C); out.append(0x22)
            out.append(contentsOf: k.utf8)
            out.append(0x22); out.append(0x3A)
        }
        func str(_ k: String, _ v: String) { key(k); JSONStringEscaper.appendLiteral(v, to: &out) }
        func num(_ k: String, _ v: String) { key(k); out.append(contentsOf: v.utf8) }
        func raw(_ s: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }
        func textField(_ v: String) {
            guard let escapedText else { return str("text", v) }
            raw(#","text":""#); out.append(contentsOf: escapedText); out.append(0x22)
        }
        switch e.event {
        case .connecting(let attempt, let url):
            str("event", "connecting"); num("attempt", String(attempt)); str("url", url)
        case .open(let url):
            str("event", "open"); str("url", url)
        case .message(let n):
            switch n {
            case .newOrder(let o, let text), .reminder(let o, let text):
                if case .newOrder = n { raw(#","event":"order","orderId":"#) } else { raw(#","event":"reminder","orderId":"#) }
                Self.appendInteger(o.orderId, to: &out)
                if let c = o.content { raw(#","content":"#); JSONStringEscaper.appendLiteral(c, to: &out) } else { raw(#","content":null"#) }
                textField(text)
            case .otherJSON(let text, let reason):
                str("event", "json"); str("reason", reason); textField(text)
            case .plainText(let text):
                str("event", "text"); textField(text)
            case .binary(let bytes):
                str("event", "binary"); num("length", String(bytes.count))
                str("base64", Data(bytes).base64EncodedString())
            case .raw(let text, let reason):
                str("event", "raw"); str("reason", reason); textField(text)
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
            for (k, v) in OrderJSON.fields(e.event) ?? [] { num(k, v) }
        }
        out.append(0x7D)
    }

    /// The decimal digits of `n` (`-` first when negative), as `String(n)` writes them.
    private static func appendInteger(_ n: Int64, to out: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 20 digits and a sign fit in 24 bytes
        withUnsafeMutableBytes(of: &digits) { b in
            var v = n.magnitude
            var k = b.count
            repeat {
                k -= 1
                b[k] = 0x30 + UInt8(truncatingIfNeeded: v % 10)
                v /= 10
            } while v != 0
            if n < 0 { k -= 1; b[k] = 0x2D }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: b[k...]))
        }
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
