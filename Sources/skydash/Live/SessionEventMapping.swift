import Notifications
import Session
import WebSocketClient

extension SessionEvent {
    /// The session event a client event stands for: received messages are decoded here, once.
    init(_ event: ClientEvent) {
        switch event {
        case .connecting(let attempt, let url): self = .connecting(attempt: attempt, url: url)
        case .open(let url): self = .open(url: url)
        case .text(let text): self = .message(NotificationDecoder.decode(text))
        case .binary(let bytes): self = .message(NotificationDecoder.decode(binary: bytes))
        case .sent(let text): self = .sent(text: text)
        case .closed(let code, let reason, let by):
            self = .closed(code: Int(code), reason: reason, by: by)
        case .retrying(let after, let attempt): self = .retrying(after: after, attempt: attempt)
        case .failed(let reason): self = .failed(reason: reason)
        }
    }
}
