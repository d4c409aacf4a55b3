import NIOCore
import NIOWebSocket

/// One WebSocket session on `/ws/{sid}`, after the upgrade. Answers pings with pongs carrying the
/// same payload, never pings itself (like the backend), performs the close handshake both ways,
/// reassembles fragmented text and refuses what the backend's container refuses: a text message
/// over `maxIncomingMessage` (1009), a binary message (1003), invalid UTF-8 (1007), protocol
/// violations (1002). Lives on the server's event loop; the server calls `send`, `close`, `drop`.
final class WebSocketSessionHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    /// What the session tells its server (all on the server's loop).
    struct Callbacks {
        var opened: (WebSocketSessionHandler) -> Void
        var received: (WebSocketSessionHandler, String) -> Void
        var closed: (WebSocketSessionHandler, UInt16, String) -> Void
    }

    /// Tomcat's reason for its 1009.
    static let tooBigReason = "The decoded text message was too big for the output buffer and the endpoint does not support partial messages"

    let sid: String
    let connectionId: Int
    private let configuration: DemoConfiguration
    private let callbacks: Callbacks
    private var context: ChannelHandlerContext?
    private var channel: (any Channel)?
    /// A fragmented text message being reassembled.
    private var fragments: ByteBuffer?
    private var closeSent: (code: UInt16, reason: String)?
    private var closeReceived: (code: UInt16, reason: String)?
    private var clientClosedFirst = false
    private var dropped = false
    private var ended = false
    private var closeTimer: Scheduled<Void>?

    init(sid: String, connectionId: Int, configuration: DemoConfiguration, callbacks: Callbacks) {
        self.sid = sid
        self.connectionId = connectionId
        self.configuration = configuration
        self.callbacks = callbacks
    }

    var isOpen: Bool { !ended && closeSent == nil && closeReceived == nil }

    /// The session's channel, once the handler is in its pipeline.
    var channelForRegistry: (any Channel)? { channel }

    // MARK: - Called by the server

    /// Sends a text message, in frames of at most `outgoingFrameSize` bytes cut between
    /// characters. False when the session is closing or closed.
    @discardableResult
    func send(text: String) -> Bool {
        guard let context, isOpen else { return false }
        let bytes = Array(text.utf8)
        let limit = max(configuration.outgoingFrameSize, 4)
        var start = 0
        var first = true
        repeat {
            var end = min(start + limit, bytes.count)
            // Never cut inside a UTF-8 sequence (the container encodes whole characters).
            while end < bytes.count, end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
            if end == start { end = min(start + limit, bytes.count) }
            let buffer = context.channel.allocator.buffer(bytes: bytes[start..<end])
            let frame = WebSocketFrame(fin: end == bytes.count, opcode: first ? .text : .continuation, data: buffer)
            context.write(wrapOutboundOut(frame), promise: nil)
            first = false
            start = end
        } while start < bytes.count
        context.flush()
        return true
    }

    /// Starts the close handshake from our side; drops TCP if the client does not answer in time.
    func close(code: UInt16, reason: String) {
        sendClose(code: code, reason: reason, awaitAnswer: true)
    }

    /// Closes TCP at once, without a close frame.
    func drop() {
        guard !ended else { return }
        dropped = true
        channel?.close(promise: nil)
    }

    // MARK: - ChannelHandler

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        self.channel = context.channel
        callbacks.opened(self)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        finish()
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        if closeReceived != nil || ended { return }
        guard frame.maskKey != nil else { return protocolError("unmasked frame from the client") }
        guard frame.reservedBits.isEmpty else { return protocolError("reserved bits set") }

        switch frame.opcode {
        case .ping:
            guard closeSent == nil else { return }
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)), promise: nil)
        case .pong:
            break
        case .connectionClose:
            receivedClose(frame.unmaskedData)
        case .text, .binary:
            if closeSent != nil { return }
            guard fragments == nil else { return protocolError("new message inside a fragmented one") }
            if frame.opcode == .binary {
                return sendClose(code: 1003, reason: "binary messages are not supported", awaitAnswer: true)
            }
            let data = frame.unmaskedData
            guard data.readableBytes <= configuration.maxIncomingMessage else { return tooBig() }
            if frame.fin { deliver(data) } else { fragments = data }
        case .continuation:
            if closeSent != nil { return }
            guard var message = fragments else { return protocolError("continuation frame without a message") }
            var data = frame.unmaskedData
            guard message.readableBytes + data.readableBytes <= configuration.maxIncomingMessage else { return tooBig() }
            message.writeBuffer(&data)
            if frame.fin {
                fragments = nil
                deliver(message)
            } else {
                fragments = message
            }
        default:
            protocolError("unknown opcode \(frame.opcode)")
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // The frame decoder stops after an error, so answers cannot be read: close after sending.
        if let e = error as? NIOWebSocketError {
            switch e {
            case .invalidFrameLength: sendClose(code: 1009, reason: Self.tooBigReason, awaitAnswer: false)
            default: sendClose(code: 1002, reason: "protocol error", awaitAnswer: false)
            }
        } else {
            context.close(promise: nil)
        }
    }

    // MARK: - Private

    private func deliver(_ buffer: ByteBuffer) {
        let bytes = Array(buffer.readableBytesView)
        let text = String(decoding: bytes, as: UTF8.self)
        guard Array(text.utf8) == bytes else {
            return sendClose(code: 1007, reason: "invalid UTF-8 in a text message", awaitAnswer: true)
        }
        callbacks.received(self, text)
    }

    private func receivedClose(_ payload: ByteBuffer) {
        var data = payload
        var code: UInt16 = 1005
        var reason = ""
        if data.readableBytes == 1 {
            return answerBadClose(1002, "close frame with a one-byte payload")
        }
        if let c = data.readInteger(as: UInt16.self) {
            guard Self.isValidOnWire(c) else { return answerBadClose(1002, "invalid close code \(c)") }
            code = c
            let bytes = Array(data.readableBytesView)
            let text = String(decoding: bytes, as: UTF8.self)
            guard Array(text.utf8) == bytes else { return answerBadClose(1007, "invalid UTF-8 in the close reason") }
            reason = text
        }
        closeReceived = (code, reason)
        if closeSent == nil {
            // The client closed first: echo its code and drop TCP once the answer is out.
            clientClosedFirst = true
            closeSent = (code, reason)
            var answer = channel?.allocator.buffer(capacity: 2) ?? ByteBuffer()
            if code != 1005 { answer.writeInteger(code) }
            writeCloseFrame(answer, thenClose: true)
        } else {
            // The answer to ours: the handshake is complete.
            channel?.close(promise: nil)
        }
    }

    private func answerBadClose(_ code: UInt16, _ reason: String) {
        if closeSent != nil {
            channel?.close(promise: nil)
        } else {
            closeReceived = (code, reason)
            sendClose(code: code, reason: reason, awaitAnswer: false)
        }
    }

    private func protocolError(_ reason: String) {
        sendClose(code: 1002, reason: reason, awaitAnswer: true)
    }

    private func tooBig() {
        fragments = nil
        sendClose(code: 1009, reason: Self.tooBigReason, awaitAnswer: true)
    }

    private func sendClose(code: UInt16, reason: String, awaitAnswer: Bool) {
        guard !ended, closeSent == nil, let channel else { return }
        closeSent = (code, reason)
        fragments = nil
        var payload = channel.allocator.buffer(capacity: 2 + reason.utf8.count)
        payload.writeInteger(code)
        payload.writeBytes(Self.truncatedUTF8(reason, maxBytes: 123))
        writeCloseFrame(payload, thenClose: !awaitAnswer)
        if awaitAnswer {
            let timeout = TimeAmount.nanoseconds(Int64(max(configuration.closeTimeout, 0) * 1e9))
            closeTimer = channel.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
        }
    }

    private func writeCloseFrame(_ payload: ByteBuffer, thenClose: Bool) {
        guard let context, let channel else { return }
        let written = context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: payload)))
        if thenClose {
            written.whenComplete { _ in channel.close(promise: nil) }
        }
    }

    private func finish() {
        guard !ended else { return }
        ended = true
        closeTimer?.cancel()
        closeTimer = nil
        let code: UInt16
        let reason: String
        if clientClosedFirst, let r = closeReceived {
            (code, reason) = (r.code, r.reason)
        } else if let s = closeSent {
            (code, reason) = (s.code, s.reason)
        } else {
            (code, reason) = (1006, dropped ? "dropped by the server" : "connection ended without a close frame")
        }
        callbacks.closed(self, code, reason)
    }

    static func isValidOnWire(_ code: UInt16) -> Bool {
        switch code {
        case 1000...1003, 1007...1011: true
        case 3000...4999: true
        default: false
        }
    }

    static func truncatedUTF8(_ s: String, maxBytes: Int) -> [UInt8] {
        var bytes = Array(s.utf8)
        guard bytes.count > maxBytes else { return bytes }
        var end = maxBytes
        while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        bytes.removeSubrange(end...)
        return bytes
    }
}
