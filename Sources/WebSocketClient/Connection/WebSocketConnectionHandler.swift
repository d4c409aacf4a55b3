import NIOCore

/// The open connection in the channel pipeline: feeds a `ConnectionMachine` with the bytes, the
/// client's commands and the timers, and carries out what it returns. All of it runs on the
/// channel's event loop.
final class WebSocketConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let attempt: AttemptContext
    /// The messages of one read (or one timer or command), in order, at once.
    private let onMessages: ([InboundMessage]) -> Void
    private var machine: ConnectionMachine
    private var maskKey: () -> (UInt8, UInt8, UInt8, UInt8)
    private var context: ChannelHandlerContext?
    /// The running timers; each with a token, so a task that was already due when it was replaced
    /// (a ping and the last ping's deadline due at the same instant) does nothing when it runs.
    private var timers: [ConnectionTimer: (task: Scheduled<Void>, token: UInt64)] = [:]
    private var nextToken: UInt64 = 0

    /// `maskKey` gives the key for each frame written (fresh random keys unless a test fixes them).
    init(attempt: AttemptContext, settings: ConnectionMachine.Settings, onMessages: @escaping ([InboundMessage]) -> Void,
         maskKey: (() -> (UInt8, UInt8, UInt8, UInt8))? = nil) {
        self.attempt = attempt
        self.onMessages = onMessages
        self.machine = ConnectionMachine(settings: settings)
        if let maskKey {
            self.maskKey = maskKey
        } else {
            var rng = SystemRandomNumberGenerator()
            self.maskKey = { FrameEncoder.randomMaskKey(using: &rng) }
        }
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        perform(machine.start())
        attempt.opened(self)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimers()
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        perform(machine.receive(&bytes))
    }

    func channelInactive(context: ChannelHandlerContext) {
        perform(machine.transportClosed())
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        perform(machine.transportFailed("\(error)"))
    }

    // MARK: commands from the client (on the event loop)

    func send(_ opcode: Opcode, _ payload: [UInt8]) -> Bool {
        guard context != nil, let actions = machine.send(opcode, payload) else { return false }
        perform(actions)
        return true
    }

    func close(code: UInt16, reason: String) {
        guard context != nil else { return }
        perform(machine.close(code: code, reason: reason))
    }

    // MARK: carrying out

    private func perform(_ actions: [ConnectionAction]) {
        // Messages delivered back to back go out together, before whatever action follows them.
        var delivered: [InboundMessage] = []
        func flush() {
            guard !delivered.isEmpty else { return }
            onMessages(delivered)
            delivered.removeAll()
        }
        defer { flush() }
        for action in actions {
            if case .deliver(let message) = action {
                delivered.append(message)
                continue
            }
            flush()
            switch action {
            case .write(let frame):
                guard let context else { continue }
                var buffer = context.channel.allocator.buffer(capacity: frame.payload.count + 14)
                FrameEncoder.encode(frame, maskKey: maskKey(), into: &buffer)
                context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
            case .deliver:
                break   // gathered above
            case .setTimer(let timer, let after):
                guard let context else { continue }
                timers[timer]?.task.cancel()
                nextToken &+= 1
                let token = nextToken
                let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
                let task = context.eventLoop.scheduleTask(in: .fromSeconds(after)) {
                    let handler = bound.value
                    guard handler.timers[timer]?.token == token else { return }   // replaced or cancelled
                    handler.timers[timer] = nil
                    handler.perform(handler.machine.timerFired(timer))
                }
                timers[timer] = (task, token)
            case .cancelTimers:
                cancelTimers()
            case .ended(let outcome):
                attempt.connectionEnded(outcome)
            case .closeTransport:
                context?.close(promise: nil)
            case .yieldToApplication:
                // Queued behind whatever the application submitted while handling the messages.
                guard let context else { continue }
                let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
                context.eventLoop.execute {
                    let handler = bound.value
                    handler.perform(handler.machine.resume())
                }
            }
        }
    }

    private func cancelTimers() {
        for entry in timers.values { entry.task.cancel() }
        timers.removeAll()
    }
}
