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
        let at = #"{"at":"# + LineEscaping.jsonString(formatter.isoTimestamp(e.at))
        func s(_ v: String) -> String { LineEscaping.jsonString(v) }
        switch e.event {
        case .message(let n):
            if let text = n.text { return at + #","text":"# + s(text) + "}" }
            guard case .binary(let bytes) = n else { return nil }
            return at + #","event":"binary","base64":"# + s(Data(bytes).base64EncodedString()) + "}"
        case .open(let url):
            return at + #","event":"open","url":"# + s(url) + "}"
        case .closed(let code, let reason, let by):
            return at + #","event":"close","code":\#(code),"reason":"# + s(reason) + #","by":"# + s(by.rawValue) + "}"
        case .sent(let text):
            return at + #","event":"sent","text":"# + s(text) + "}"
        case .orderDetails, .orderAction, .orderFound, .deafSession:
            let fields = OrderJSON.fields(e.event) ?? []
            return at + fields.map { "," + s($0.0) + ":" + $0.1 }.joined() + "}"
        case .connecting, .retrying, .failed, .error:
            return nil
        }
    }
}
