import Foundation
import Notifications
import enum Notifications.Notification
import Session

/// Renders the events a journal records as log lines (no newline), keys in this order:
/// - a received text message: `{"at":…,"text":EXACT}`
/// - a received binary message: `{"at":…,"event":"binary","base64":…}`
/// - `{"at":…,"event":"open","url":…}`
/// - `{"at":…,"event":"close","code":N,"reason":…,"by":"server"|"client"|"network"}`
/// - `{"at":…,"event":"sent","text":…}`
/// - `{"at":…,"event":"details","orderId":N,"order":{…}}` (the order as the backend's OrderVO)
/// - `{"at":…,"event":"action","orderId":N,"action":"accept","reason":…,"outcome":"ok"|"refused"|"failed","message":…}`
///
/// Other events (connecting, retrying, failed, error) are not journalled: `line(for:)` returns nil.
/// `at` is `2026-11-26T11:00:05.000+08:00` in `timeZone`. Strings are escaped so that any Swift
/// string reads back unchanged, and a line never contains a raw line break.
public struct LogRecordEncoder: Sendable {
    private let formatter: EventLineFormatter

    public var timeZone: TimeZone { formatter.timeZone }

    public init(timeZone: TimeZone = .current) {
        formatter = EventLineFormatter(format: .jsonl, timeZone: timeZone)
    }

    public func line(for e: TimedEvent) -> String? {
        var out = [UInt8]()
        out.reserveCapacity(256)
        guard append(e, to: &out) else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the record of `e` (no newline) to `out` and returns true; false, with `out`
    /// untouched, for an event that is not journalled.
    package func append(_ e: TimedEvent, to out: inout [UInt8]) -> Bool {
        append(e, escapedText: nil, to: &out)
    }

    /// As `append(_:to:)`, with the message's text already escaped (`EscapedTexts`: given only
    /// for a received text message).
    package func append(_ e: TimedEvent, escapedText: ArraySlice<UInt8>?, to out: inout [UInt8]) -> Bool {
        func literal(_ s: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }
        if let escapedText {   // the event is not looked into (no copy of it)
            literal(#"{"at":""#)
            formatter.clock.appendISO(e.at, to: &out)
            literal(#"","text":""#); out.append(contentsOf: escapedText); literal(#""}"#)
            return true
        }
        switch e.event {
        case .connecting, .retrying, .failed, .error:
            return false
        case .message(let n) where n.text == nil:
            guard case .binary = n else { return false }
        default:
            break
        }
        literal(#"{"at":""#)
        formatter.clock.appendISO(e.at, to: &out)
        out.append(0x22)
        func raw(_ s: String) { out.append(contentsOf: s.utf8) }
        func s(_ v: String) { JSONStringEscaper.appendLiteral(v, to: &out) }
        switch e.event {
        case .message(let n):
            if let text = n.text {
                raw(#","text":"#); s(text)
            } else if case .binary(let bytes) = n {
                raw(#","event":"binary","base64":"#); s(Data(bytes).base64EncodedString())
            }
        case .open(let url):
            raw(#","event":"open","url":"#); s(url)
        case .closed(let code, let reason, let by):
            raw(#","event":"close","code":\#(code),"reason":"#); s(reason); raw(#","by":"#); s(by.rawValue)
        case .sent(let text):
            raw(#","event":"sent","text":"#); s(text)
        case .orderDetails, .orderAction, .orderFound, .deafSession:
            for (k, v) in OrderJSON.fields(e.event) ?? [] { raw(","); s(k); raw(":"); raw(v) }
        case .connecting, .retrying, .failed, .error:
            break
        }
        out.append(0x7D)
        return true
    }
}
