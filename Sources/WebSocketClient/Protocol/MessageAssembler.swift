/// A message (or control frame) delivered to the connection.
public enum InboundMessage: Equatable, Sendable {
    case text(String)
    case binary([UInt8])
    case ping([UInt8])
    case pong([UInt8])
    /// `code` is nil when the close frame had no payload (reported as 1005).
    case close(code: UInt16?, reason: String)
}

/// Turns parsed frames into messages: reassembles fragments, enforces the message-size limit
/// (1009), validates text as UTF-8 across fragments (1007), and the sequencing rules of §5.4
/// (continuation without a start, a new data frame inside a fragmented message → 1002).
/// Close frames are checked: a 1-byte payload or an invalid code → 1002, a reason that is not
/// UTF-8 → 1007.
public struct MessageAssembler: Sendable {
    public var maxMessageSize: Int
    private var partialOpcode: Opcode?
    private var partial: [UInt8] = []
    private var utf8 = UTF8Validator()
    /// The check of a frame still arriving: the validator state and how many bytes it has seen.
    private var pending: (validator: UTF8Validator, checked: Int)?

    public init(maxMessageSize: Int) {
        self.maxMessageSize = maxMessageSize
    }

    /// Bytes of the fragmented message received so far (0 between messages).
    public var bufferedBytes: Int { partial.count }

    /// Checks the payload received so far of a frame that is still arriving (`prefix`, from its
    /// first byte): text that can no longer be valid UTF-8 fails now, not when the frame ends.
    /// Each byte is checked once: the check resumes where the last call for this frame stopped.
    public mutating func checkPartial<C: Collection>(opcode: Opcode, prefix: C) throws(ProtocolViolation) where C.Element == UInt8 {
        if pending == nil {
            switch opcode {
            case .text where partialOpcode == nil: pending = (UTF8Validator(), 0)
            case .continuation where partialOpcode == .text: pending = (utf8, 0)
            default: return
            }
        }
        guard var (validator, checked) = pending, prefix.count > checked else { return }
        let ok = validator.feed(prefix.dropFirst(checked))
        pending = (validator, prefix.count)
        if !ok { throw ProtocolViolation(CloseCodes.invalidPayload, "invalid UTF-8 in text message") }
    }

    public mutating func push(_ frame: Frame) throws(ProtocolViolation) -> InboundMessage? {
        pending = nil
        switch frame.opcode {
        case .ping: return .ping(frame.payload)
        case .pong: return .pong(frame.payload)
        case .close: return try Self.parseClose(frame.payload)
        case .text, .binary:
            if partialOpcode != nil {
                throw ProtocolViolation(CloseCodes.protocolError, "new \(frame.opcode) frame inside a fragmented message")
            }
            if frame.fin {
                return try complete(opcode: frame.opcode, payload: frame.payload)
            }
            guard frame.payload.count <= maxMessageSize else { throw tooBig(frame.payload.count) }
            partialOpcode = frame.opcode
            partial = frame.payload
            utf8 = UTF8Validator()
            if frame.opcode == .text, !utf8.feed(frame.payload) {
                throw ProtocolViolation(CloseCodes.invalidPayload, "invalid UTF-8 in text message")
            }
            return nil
        case .continuation:
            guard let opcode = partialOpcode else {
                throw ProtocolViolation(CloseCodes.protocolError, "continuation frame without a message to continue")
            }
            guard partial.count + frame.payload.count <= maxMessageSize else {
                throw tooBig(partial.count + frame.payload.count)
            }
            if opcode == .text, !utf8.feed(frame.payload) {
                throw ProtocolViolation(CloseCodes.invalidPayload, "invalid UTF-8 in text message")
            }
            partial += frame.payload
            guard frame.fin else { return nil }
            let payload = partial
            partial = []
            partialOpcode = nil
            if opcode == .text {
                guard utf8.isComplete else { throw ProtocolViolation(CloseCodes.invalidPayload, "text message ends inside a UTF-8 sequence") }
                return .text(String(decoding: payload, as: UTF8.self))
            }
            return .binary(payload)
        default:
            throw ProtocolViolation(CloseCodes.protocolError, "\(frame.opcode) received")
        }
    }

    private func tooBig(_ size: Int) -> ProtocolViolation {
        ProtocolViolation(CloseCodes.messageTooBig, "message of \(size)+ bytes exceeds the limit of \(maxMessageSize)")
    }

    private func complete(opcode: Opcode, payload: [UInt8]) throws(ProtocolViolation) -> InboundMessage {
        guard payload.count <= maxMessageSize else { throw tooBig(payload.count) }
        if opcode == .text {
            // One pass: the standard library checks the bytes (RFC 3629, as `UTF8Validator`) as it makes the String.
            guard let text = String(validating: payload, as: UTF8.self) else {
                throw ProtocolViolation(CloseCodes.invalidPayload, "invalid UTF-8 in text message")
            }
            return .text(text)
        }
        return .binary(payload)
    }

    static func parseClose(_ payload: [UInt8]) throws(ProtocolViolation) -> InboundMessage {
        if payload.isEmpty { return .close(code: nil, reason: "") }
        if payload.count == 1 { throw ProtocolViolation(CloseCodes.protocolError, "close frame with a 1-byte payload") }
        let code = UInt16(payload[0]) << 8 | UInt16(payload[1])
        guard CloseCodes.isValidOnWire(code) else { throw ProtocolViolation(CloseCodes.protocolError, "invalid close code \(code)") }
        let reasonBytes = Array(payload[2...])
        guard UTF8Validator.isValid(reasonBytes) else { throw ProtocolViolation(CloseCodes.invalidPayload, "close reason is not valid UTF-8") }
        return .close(code: code, reason: String(decoding: reasonBytes, as: UTF8.self))
    }
}
