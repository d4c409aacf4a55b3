import Closing
import Foundation
import Notifications
import enum Notifications.Notification
import Orders
import Redaction
import Session

/// One record of the notification log format (JSON Lines, UTF-8), shared by the journal and replay.
///
/// ```
/// {"at":"2026-11-26T11:00:05.000+08:00","text":"<exact text of one received message>"}
/// {"at":…,"event":"binary","base64":"AP9B"}
/// {"at":…,"event":"open","url":"ws://…"}
/// {"at":…,"event":"close","code":1006,"reason":"…","by":"network"}   ("by" optional)
/// {"at":…,"event":"sent","text":"收到"}
/// {"at":…,"event":"details","orderId":1001,"order":{…OrderVO…}}
/// {"at":…,"event":"action","orderId":1001,"action":"reject","reason":"…","outcome":"refused","message":"订单状态错误"}
/// {"type":1,"orderId":1319,"content":"…"}                               (a bare message, no time)
/// ```
public struct LogRecord: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        /// A received text message, exactly as received.
        case message(text: String)
        /// A received binary message.
        case binary([UInt8])
        case open(url: String)
        /// `by` is nil when the record does not say.
        case close(code: Int, reason: String, by: CloseInitiator?)
        case sent(text: String)
        /// An order's details as fetched from the admin API.
        case details(Order)
        /// An action taken on an order and its outcome.
        case action(OrderActionRecord)
        /// `{"at":…,"event":"found","how":"offline"|"check","orderId":N,"order":{…}}`
        case found(Order, how: FoundHow)
        /// `{"at":…,"event":"deaf","orderId":N}`
        case deaf(orderId: Int64)
    }

    /// When it happened; nil for a bare message line (played at `--interval` spacing).
    public var at: Date?
    /// The UTC offset `at` was written with, in seconds east of UTC (`+08:00` → 28800); nil when bare.
    public var utcOffset: Int?
    public var content: Content

    public init(at: Date?, utcOffset: Int? = nil, content: Content) {
        self.at = at
        self.utcOffset = utcOffset
        self.content = content
    }

    /// The session event this record replays as. Message text goes through `NotificationDecoder`;
    /// a close without `by` counts as `network` for code 1006, else as `server`.
    public var event: SessionEvent {
        switch content {
        case .message(let text): return .message(NotificationDecoder.decode(text))
        case .binary(let bytes): return .message(NotificationDecoder.decode(binary: bytes))
        case .open(let url): return .open(url: URLRedaction.redact(url))   // journals written before redaction
        case .close(let code, let reason, let by):
            return .closed(code: code, reason: reason, by: by ?? (code == 1006 ? .network : .server))
        case .sent(let text): return .sent(text: text)
        case .details(let order): return .orderDetails(order)
        case .action(let record): return .orderAction(record)
        case .found(let order, let how): return .orderFound(order, how: how)
        case .deaf(let id): return .deafSession(orderId: id)
        }
    }
}

/// A bad line: its 1-based number and why. `description` is `line 7: not valid JSON (…)`.
public struct LogLineError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}

/// What one non-skipped line reads as.
public typealias LogLineResult = Result<LogRecord, LogLineError>
