import NIOCore

/// The open connection: frames in and out, control frames, the close handshake and heartbeats.
/// Lives in the channel pipeline after the upgrade; all of it runs on the channel's event loop.
final class WebSocketConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    enum Phase {
        case open
        /// We sent a close frame and wait for the server's.
        case closing(code: UInt16, reason: String)
        case closed
    }

    private let attempt: AttemptContext
    private let config: ClientConfiguration
    private let onMessage: (InboundMessage) -> Void
    private var parser: FrameParser
    private var assembler: MessageAssembler
    private var rng = SystemRandomNumberGenerator()
    private var context: ChannelHandlerContext?
    private(set) var phase = Phase.open
    private var lastReceived = NIODeadline.now()
    private var pingTask: RepeatedTask?
    private var closeTimer: Scheduled<Void>?
    private var pingCount: UInt32 = 0
    /// Set once the server broke the protocol: its later bytes cannot be trusted, so they are not
    /// parsed; we wait for TCP to close (or the close timeout) with our close code standing.
    private var inputFailed = false

    init(attempt: AttemptContext, config: ClientConfiguration, onMessage: @escaping (InboundMessage) -> Void) {
        self.attempt = attempt
        self.config = config
        self.onMessage = onMessage
        self.parser = FrameParser(maxFrameSize: config.maxMessageSize)
        self.assembler = MessageAssembler(maxMessageSize: config.maxMessageSize)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        lastReceived = .now()
        startHeartbeat(context: context)
        attempt.opened(self)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopTimers()
        self.context = nil
    }

    // MARK: inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        lastReceived = .now()
        if case .closed = phase { return }
        if inputFailed { return }
        parser.append(&bytes)
        do {
            while let frame = try parser.next() {
                guard let message = try assembler.push(frame) else { continue }
                handle(message, context: context)
                if case .closed = phase { return }
            }
        } catch {
            failConnection(error, context: context)
        }
    }

    private func handle(_ message: InboundMessage, context: ChannelHandlerContext) {
        switch (message, phase) {
        case (.close(let code, let reason), .open):
            // The server closes: echo its code, then drop TCP.
            write(Frame(opcode: .close, payload: FrameEncoder.closePayload(code: code, reason: "")), context: context, flush: true)
            finish(code: code ?? CloseCodes.noStatus, reason: reason, by: .server, context: context)
        case (.close, .closing(let code, let reason)):
            finish(code: code, reason: reason, by: .client, context: context)
        case (.ping(let payload), .open):
            write(Frame(opcode: .pong, payload: payload), context: context, flush: true)
        case (.pong, _), (.ping, _):
            break   // unsolicited pongs are ignored; nothing is sent once we are closing
        case (.text, .open), (.binary, .open):
            onMessage(message)
        case (.text, _), (.binary, _):
            break   // data after our close frame is discarded
        case (.close, .closed):
            break
        }
    }

    private func failConnection(_ error: ProtocolViolation, context: ChannelHandlerContext) {
        inputFailed = true
        guard case .open = phase else {
            finish(code: CloseCodes.abnormal, reason: error.reason, by: .network, context: context)
            return
        }
        startClose(code: error.code, reason: error.reason, context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        switch phase {
        case .open:
            phase = .closed
            stopTimers()
            attempt.closed(code: CloseCodes.abnormal, reason: "connection lost without a close frame", by: .network)
        case .closing(let code, let reason):
            phase = .closed
            stopTimers()
            attempt.closed(code: code, reason: reason, by: .client)
        case .closed:
            break
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        if case .open = phase {
            phase = .closed
            stopTimers()
            attempt.closed(code: CloseCodes.abnormal, reason: "\(error)", by: .network)
        }
        context.close(promise: nil)
    }

    // MARK: outbound (called by the client on the event loop)

    func send(_ opcode: Opcode, _ payload: [UInt8]) -> Bool {
        guard case .open = phase, let context else { return false }
        write(Frame(opcode: opcode, payload: payload), context: context, flush: true)
        return true
    }

    /// Starts the close handshake; the connection ends when the server answers or after the close timeout.
    func close(code: UInt16, reason: String) {
        guard let context else { return }
        switch phase {
        case .open: startClose(code: code, reason: reason, context: context)
        case .closing, .closed: break
        }
    }

    private func startClose(code: UInt16, reason: String, context: ChannelHandlerContext) {
        phase = .closing(code: code, reason: reason)
        pingTask?.cancel()
        write(Frame(opcode: .close, payload: FrameEncoder.closePayload(code: code, reason: reason)), context: context, flush: true)
        let timeout = TimeAmount.fromSeconds(config.closeTimeout)
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        closeTimer = context.eventLoop.scheduleTask(in: timeout) {
            bound.value.closeTimedOut()
        }
    }

    private func closeTimedOut() {
        guard let context, case .closing(let code, let reason) = phase else { return }
        finish(code: code, reason: reason, by: .client, context: context)
    }

    private func finish(code: UInt16, reason: String, by: CloseInitiator, context: ChannelHandlerContext) {
        if case .closed = phase { return }
        phase = .closed
        stopTimers()
        attempt.closed(code: code, reason: reason, by: by)
        context.close(promise: nil)
    }

    private func write(_ frame: Frame, context: ChannelHandlerContext, flush: Bool) {
        var buffer = context.channel.allocator.buffer(capacity: frame.payload.count + 14)
        FrameEncoder.encode(frame, maskKey: FrameEncoder.randomMaskKey(using: &rng), into: &buffer)
        if flush {
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        } else {
            context.write(wrapOutboundOut(buffer), promise: nil)
        }
    }

    // MARK: heartbeats

    /// A ping every `pingInterval`; if nothing at all arrives within `pongTimeout` of a ping the
    /// peer is taken for dead (a half-open TCP connection sends no FIN) and the connection dropped.
    private func startHeartbeat(context: ChannelHandlerContext) {
        guard config.pingInterval > 0 else { return }
        let interval = TimeAmount.fromSeconds(config.pingInterval)
        let timeout = TimeAmount.fromSeconds(config.pongTimeout)
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        pingTask = context.eventLoop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { _ in
            bound.value.sendHeartbeat(timeout: timeout)
        }
    }

    private func sendHeartbeat(timeout: TimeAmount) {
        guard let context, case .open = phase else { return }
        pingCount &+= 1
        let sentAt = NIODeadline.now()
        let n = pingCount
        write(Frame(opcode: .ping, payload: [UInt8(n >> 24), UInt8(truncatingIfNeeded: n >> 16), UInt8(truncatingIfNeeded: n >> 8), UInt8(truncatingIfNeeded: n)]), context: context, flush: true)
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        context.eventLoop.scheduleTask(in: timeout) {
            bound.value.checkAlive(since: sentAt)
        }
    }

    private func checkAlive(since sentAt: NIODeadline) {
        guard let context, case .open = phase, lastReceived < sentAt else { return }
        phase = .closed
        stopTimers()
        attempt.closed(code: CloseCodes.abnormal, reason: "peer did not answer a ping within \(config.pongTimeout.formatted3)s", by: .network)
        context.close(promise: nil)
    }

    private func stopTimers() {
        pingTask?.cancel()
        pingTask = nil
        closeTimer?.cancel()
        closeTimer = nil
    }
}
