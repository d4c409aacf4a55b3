import NIOCore
import NIOEmbedded
import Testing
@testable import WebSocketClient

/// The NIO handler in an `EmbeddedChannel`: the exact bytes it writes for what it reads.
@Suite struct ConnectionHandlerTests {
    final class Recorder {
        var messages: [InboundMessage] = []
        var ends: [AttemptEnd] = []
    }

    func makeChannel(_ recorder: Recorder) throws -> (EmbeddedChannel, WebSocketConnectionHandler) {
        let attempt = AttemptContext(number: 1, key: "k", url: try WebSocketURL(parsing: "ws://127.0.0.1:1/ws/a"), subprotocols: [],
                                     onOpen: { _, _ in }, onEnd: { _, end in recorder.ends.append(end) })
        let handler = WebSocketConnectionHandler(
            attempt: attempt, settings: ConnectionMachine.Settings(maxMessageSize: 1024, pingInterval: 0, pongTimeout: 1, closeTimeout: 1),
            onMessages: { recorder.messages.append(contentsOf: $0) }, maskKey: { (0x01, 0x02, 0x03, 0x04) })
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(handler)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return (channel, handler)
    }

    func written(_ channel: EmbeddedChannel) throws -> [UInt8] {
        var out: [UInt8] = []
        while var b = try channel.readOutbound(as: ByteBuffer.self) { out += b.readBytes(length: b.readableBytes)! }
        return out
    }

    @Test func aFragmentedPingIsAnsweredWithClose1002() throws {
        let r = Recorder()
        let (channel, _) = try makeChannel(r)
        try channel.writeInbound(ByteBuffer(bytes: [0x09, 0x00]))   // ping without FIN
        // 88 82, mask 01 02 03 04, 03 EA (1002) masked → 02 E8, then the reason, masked
        let bytes = try written(channel)
        let reason = Array("fragmented ping frame".utf8)
        let payload = [0x03, 0xEA] + reason
        let mask: [UInt8] = [1, 2, 3, 4]
        #expect(bytes == [0x88, 0x80 | UInt8(payload.count), 1, 2, 3, 4] + payload.enumerated().map { $0.element ^ mask[$0.offset % 4] })
        #expect(Array(bytes.prefix(8)) == [0x88, 0x97, 0x01, 0x02, 0x03, 0x04, 0x02, 0xE8])
        _ = try? channel.finish()
    }

    @Test func textIsDeliveredAndServerCloseEchoedThenClosed() throws {
        let r = Recorder()
        let (channel, _) = try makeChannel(r)
        try channel.writeInbound(ByteBuffer(bytes: [0x81, 0x02, 0x68, 0x69, 0x88, 0x02, 0x03, 0xE8]))
        #expect(r.messages == [.text("hi")])
        #expect(try written(channel) == [])          // the close waits for the application's turn
        channel.embeddedEventLoop.run()
        #expect(try written(channel) == [0x88, 0x82, 0x01, 0x02, 0x03, 0x04, 0x02, 0xEA])
        #expect(r.ends == [.closed(code: 1000, reason: "", by: .server)])
        #expect(!channel.isActive)
    }

    /// The messages of one read go out in one call, in order; the next read's in the next call.
    @Test func theMessagesOfOneReadAreDeliveredTogether() throws {
        var calls: [[InboundMessage]] = []
        let attempt = AttemptContext(number: 1, key: "k", url: try WebSocketURL(parsing: "ws://127.0.0.1:1/ws/a"), subprotocols: [],
                                     onOpen: { _, _ in }, onEnd: { _, _ in })
        let handler = WebSocketConnectionHandler(
            attempt: attempt, settings: ConnectionMachine.Settings(maxMessageSize: 1024, pingInterval: 0, pongTimeout: 1, closeTimeout: 1),
            onMessages: { calls.append($0) }, maskKey: { (0x01, 0x02, 0x03, 0x04) })
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(handler)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        // "a", "bc", binary 07, then "d" split over two frames (FIN clear, continuation)
        try channel.writeInbound(ByteBuffer(bytes: [0x81, 0x01, 0x61, 0x81, 0x02, 0x62, 0x63, 0x82, 0x01, 0x07, 0x01, 0x01, 0x64]))
        try channel.writeInbound(ByteBuffer(bytes: [0x80, 0x01, 0x65, 0x81, 0x01, 0x66]))
        #expect(calls == [[.text("a"), .text("bc"), .binary([7])], [.text("de"), .text("f")]])
        _ = try? channel.finish()
    }

    @Test func sendMasksWithTheKey() throws {
        let r = Recorder()
        let (channel, handler) = try makeChannel(r)
        #expect(handler.send(.text, Array("Hello".utf8)))
        // RFC 6455 §5.7's example, with our key
        let hello = Array("Hello".utf8).enumerated().map { $0.element ^ [1, 2, 3, 4][$0.offset % 4] }
        #expect(try written(channel) == [0x81, 0x85, 1, 2, 3, 4] + hello)
        handler.close(code: 1000, reason: "")
        #expect(try written(channel) == [0x88, 0x82, 0x01, 0x02, 0x03, 0x04, 0x02, 0xEA])
        #expect(!handler.send(.text, [0x61]))
        try channel.close().wait()
        #expect(r.ends == [.closed(code: 1000, reason: "", by: .client)])
    }
}
