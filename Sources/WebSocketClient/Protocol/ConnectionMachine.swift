import Closing
import NIOCore

/// The timers an open connection uses.
public enum ConnectionTimer: Hashable, Sendable, CaseIterable {
    /// Time to send the next ping.
    case ping
    /// A ping is unanswered: nothing at all arrived since it was sent.
    case pongDeadline
    /// We sent a close frame and wait for the server's.
    case closeTimeout
}

/// What the driver of a `ConnectionMachine` does, in order.
public enum ConnectionAction: Equatable, Sendable {
    /// Mask and write this frame, then flush.
    case write(Frame)
    /// A text or binary message for the application.
    case deliver(InboundMessage)
    /// Start (or restart) this timer; when it fires, call `timerFired`.
    case setTimer(ConnectionTimer, after: Double)
    case cancelTimers
    /// The connection is over: report it. Comes exactly once, followed by `closeTransport`.
    case ended(AttemptEnd)
    /// Close the TCP connection.
    case closeTransport
    /// Messages were delivered and what came next in the same read ends the connection (a bad
    /// frame, the server's close): let the application act on them first (its echo, its answer),
    /// then call `resume()`.
    case yieldToApplication
}

/// An open WebSocket connection without sockets or clocks (RFC 6455 §5–7): bytes, commands and
/// timer ticks in; frames to write, messages to deliver, timers and one `ended` out. Every way
/// the connection can end goes through one transition, `end`, whoever asks.
public struct ConnectionMachine: Sendable {
    public enum State: Equatable, Sendable {
        case open
        /// We sent a close frame with this code and wait for the server's. `inputFailed` is true
        /// when we closed because the server broke the protocol: its later bytes are not parsed.
        case closing(code: UInt16, reason: String, inputFailed: Bool)
        case closed
    }

    public struct Settings: Sendable, Equatable {
        public var maxMessageSize: Int
        public var pingInterval: Double
        public var pongTimeout: Double
        public var closeTimeout: Double

        public init(maxMessageSize: Int = 16 << 20, pingInterval: Double = 20, pongTimeout: Double = 10, closeTimeout: Double = 3) {
            self.maxMessageSize = maxMessageSize
            self.pingInterval = pingInterval
            self.pongTimeout = pongTimeout
            self.closeTimeout = closeTimeout
        }
    }

    public let settings: Settings
    public private(set) var state = State.open
    private var parser: FrameParser
    private var assembler: MessageAssembler
    /// A ping was sent and nothing at all has arrived since.
    private var pingUnanswered = false
    private var pingCount: UInt32 = 0
    /// What ends the connection, held back by `yieldToApplication` until `resume()`.
    private var deferred: Deferred?

    private enum Deferred: Sendable {
        case failure(ProtocolViolation)
        case close(InboundMessage)
    }

    public init(settings: Settings) {
        self.settings = settings
        self.parser = FrameParser(maxMessageSize: settings.maxMessageSize)
        self.assembler = MessageAssembler(maxMessageSize: settings.maxMessageSize)
    }

    /// The connection just opened: the first ping is due after the interval.
    public func start() -> [ConnectionAction] {
        settings.pingInterval > 0 ? [.setTimer(.ping, after: settings.pingInterval)] : []
    }

    // MARK: inputs

    /// Bytes from the server.
    public mutating func receive(_ bytes: inout ByteBuffer) -> [ConnectionAction] {
        pingUnanswered = false
        switch state {
        case .closed, .closing(_, _, inputFailed: true): return []
        case .open, .closing: break
        }
        parser.append(&bytes)
        guard deferred == nil else { return [] }   // read on `resume()`
        return parse()
    }

    /// After `yieldToApplication`: the held-back end of the connection.
    public mutating func resume() -> [ConnectionAction] {
        guard let held = deferred else { return [] }
        deferred = nil
        switch held {
        case .failure(let violation): return fail(violation)
        case .close(let message): return handle(message)
        }
    }

    private mutating func parse() -> [ConnectionAction] {
        var actions: [ConnectionAction] = []
        let delivered = { actions.contains { if case .deliver = $0 { true } else { false } } }
        do {
            while true {
                parser.messageBytesSoFar = assembler.bufferedBytes
                guard let frame = try parser.next() else { break }
                guard let message = try assembler.push(frame) else { continue }
                if case .close = message, case .open = state, delivered() {
                    deferred = .close(message)
                    return actions + [.yieldToApplication]
                }
                actions += handle(message)
                if case .closed = state { return actions }
            }
            if let pending = parser.pendingPayload {
                try assembler.checkPartial(opcode: pending.opcode, prefix: pending.bytes)
            }
        } catch {
            if case .open = state, delivered() {
                deferred = .failure(error)
                return actions + [.yieldToApplication]
            }
            actions += fail(error)
        }
        return actions
    }

    /// A message from the application. Nil when the connection is not open (nothing is sent).
    public func send(_ opcode: Opcode, _ payload: [UInt8]) -> [ConnectionAction]? {
        guard case .open = state else { return nil }
        return [.write(Frame(opcode: opcode, payload: payload))]
    }

    /// Starts the close handshake; the connection ends when the server answers or the close
    /// timeout passes. Only an open connection can be closed this way.
    public mutating func close(code: UInt16, reason: String) -> [ConnectionAction] {
        guard case .open = state else { return [] }
        return startClose(code: code, reason: reason, inputFailed: false)
    }

    public mutating func timerFired(_ timer: ConnectionTimer) -> [ConnectionAction] {
        switch (timer, state) {
        case (.ping, .open):
            pingCount &+= 1
            let n = pingCount
            var actions: [ConnectionAction] = [
                .write(Frame(opcode: .ping, payload: [UInt8(n >> 24), UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8), UInt8(truncatingIfNeeded: n)])),
                .setTimer(.ping, after: settings.pingInterval),
            ]
            if !pingUnanswered {
                pingUnanswered = true
                actions.append(.setTimer(.pongDeadline, after: settings.pongTimeout))
            }
            return actions
        case (.pongDeadline, .open):
            guard pingUnanswered else { return [] }
            return end(.closed(code: CloseCodes.abnormal, reason: "peer did not answer a ping within \(settings.pongTimeout.formatted3)s", by: .network))
        case (.closeTimeout, .closing(let code, let reason, _)):
            return end(.closed(code: code, reason: reason, by: .client))
        default:
            return []
        }
    }

    /// The TCP connection ended (FIN or reset).
    public mutating func transportClosed() -> [ConnectionAction] {
        switch state {
        case .open:
            return end(.closed(code: CloseCodes.abnormal, reason: "connection lost without a close frame", by: .network))
        case .closing(let code, let reason, _):
            return end(.closed(code: code, reason: reason, by: .client))
        case .closed:
            return []
        }
    }

    /// The transport reported an error (a reset, a TLS alert).
    public mutating func transportFailed(_ reason: String) -> [ConnectionAction] {
        switch state {
        case .open: return end(.closed(code: CloseCodes.abnormal, reason: reason, by: .network))
        case .closing, .closed: return transportClosed()
        }
    }

    // MARK: transitions

    private mutating func handle(_ message: InboundMessage) -> [ConnectionAction] {
        switch (message, state) {
        case (.close(let code, let reason), .open):
            // The server closes: echo its code, then drop TCP.
            return [.write(Frame(opcode: .close, payload: FrameEncoder.closePayload(code: code, reason: "")))]
                + end(.closed(code: code ?? CloseCodes.noStatus, reason: reason, by: .server))
        case (.close, .closing(let code, let reason, _)):
            return end(.closed(code: code, reason: reason, by: .client))
        case (.ping(let payload), .open):
            return [.write(Frame(opcode: .pong, payload: payload))]
        case (.text, .open), (.binary, .open), (.text, .closing), (.binary, .closing):
            // Data that crosses our close frame is still the server's: delivered, never dropped.
            return [.deliver(message)]
        case (.ping, _), (.pong, _), (_, .closed):
            return []   // unsolicited pongs are ignored; nothing is sent once we are closing
        }
    }

    /// The server broke the protocol: close with the violation's code and stop reading its bytes.
    private mutating func fail(_ violation: ProtocolViolation) -> [ConnectionAction] {
        switch state {
        case .open:
            return startClose(code: violation.code, reason: violation.reason, inputFailed: true)
        case .closing, .closed:
            return end(.closed(code: CloseCodes.abnormal, reason: violation.reason, by: .network))
        }
    }

    private mutating func startClose(code: UInt16, reason: String, inputFailed: Bool) -> [ConnectionAction] {
        state = .closing(code: code, reason: reason, inputFailed: inputFailed)
        return [
            .cancelTimers,
            .write(Frame(opcode: .close, payload: FrameEncoder.closePayload(code: code, reason: reason))),
            .setTimer(.closeTimeout, after: settings.closeTimeout),
        ]
    }

    /// The one way a connection ends.
    private mutating func end(_ outcome: AttemptEnd) -> [ConnectionAction] {
        guard state != .closed else { return [] }
        state = .closed
        return [.cancelTimers, .ended(outcome), .closeTransport]
    }
}
