import NIOCore
import Testing
@testable import WebSocketClient

/// The open connection as a pure machine: bytes, commands and timer ticks in, actions out.
@Suite struct ConnectionMachineTests {
    static let settings = ConnectionMachine.Settings(maxMessageSize: 64, pingInterval: 20, pongTimeout: 10, closeTimeout: 3)

    func receive(_ m: inout ConnectionMachine, _ bytes: [UInt8]) -> [ConnectionAction] {
        var buffer = ByteBuffer(bytes: bytes)
        return m.receive(&buffer)
    }

    static func close(_ code: UInt16, _ reason: String = "") -> Frame {
        Frame(opcode: .close, payload: FrameEncoder.closePayload(code: code, reason: reason))
    }

    @Test func startSetsThePingTimer() {
        #expect(ConnectionMachine(settings: Self.settings).start() == [.setTimer(.ping, after: 20)])
        var noPing = Self.settings
        noPing.pingInterval = 0
        #expect(ConnectionMachine(settings: noPing).start() == [])
    }

    @Test func messagesSplitAcrossReadsAreDeliveredOnce() {
        var m = ConnectionMachine(settings: Self.settings)
        let frame: [UInt8] = [0x81, 0x06] + Array("订单".utf8)
        #expect(receive(&m, Array(frame.prefix(4))) == [])
        #expect(receive(&m, Array(frame.dropFirst(4))) == [.deliver(.text("订单"))])
    }

    @Test func serverCloseIsEchoedAndEndsTheConnection() {
        var m = ConnectionMachine(settings: Self.settings)
        #expect(receive(&m, [0x88, 0x02, 0x03, 0xE9]) == [
            .write(Self.close(1001)), .cancelTimers,
            .ended(.closed(code: 1001, reason: "", by: .server)), .closeTransport,
        ])
        #expect(m.state == .closed)
        #expect(m.transportClosed() == [])   // ended exactly once
    }

    @Test func ourCloseWaitsForTheServersAnswer() {
        var m = ConnectionMachine(settings: Self.settings)
        #expect(m.close(code: 1000, reason: "bye") == [.cancelTimers, .write(Self.close(1000, "bye")), .setTimer(.closeTimeout, after: 3)])
        #expect(m.send(.text, [0x61]) == nil)   // no data after our close frame
        #expect(m.close(code: 1000, reason: "again") == [])
        #expect(receive(&m, [0x88, 0x02, 0x03, 0xE8]) == [.cancelTimers, .ended(.closed(code: 1000, reason: "bye", by: .client)), .closeTransport])
    }

    @Test func closeTimeoutEndsWithOurCode() {
        var m = ConnectionMachine(settings: Self.settings)
        _ = m.close(code: 4000, reason: "shop closed")
        #expect(m.timerFired(.ping) == [])
        #expect(m.timerFired(.closeTimeout) == [.cancelTimers, .ended(.closed(code: 4000, reason: "shop closed", by: .client)), .closeTransport])
    }

    /// Issue 10: an order that crosses our close frame is delivered, not dropped.
    @Test func dataDuringTheCloseHandshakeIsDelivered() {
        var m = ConnectionMachine(settings: Self.settings)
        _ = m.close(code: 1000, reason: "reconnecting")
        let order = #"{"type":1,"orderId":7}"#
        #expect(receive(&m, [0x81, UInt8(order.utf8.count)] + Array(order.utf8)) == [.deliver(.text(order))])
        #expect(receive(&m, [0x82, 0x01, 0xFF]) == [.deliver(.binary([0xFF]))])
    }

    @Test func aProtocolViolationClosesAtOnceAndLaterBytesAreNotRead() {
        var m = ConnectionMachine(settings: Self.settings)
        #expect(receive(&m, [0xC1, 0x01, 0x62]) == [.cancelTimers,
                            .write(Self.close(1002, "RSV bits 100 set without a negotiated extension")), .setTimer(.closeTimeout, after: 3)])
        #expect(receive(&m, [0x81, 0x01, 0x63]) == [])   // not parsed
        #expect(m.transportClosed() == [.cancelTimers, .ended(.closed(code: 1002, reason: "RSV bits 100 set without a negotiated extension", by: .client)), .closeTransport])
    }

    /// A good message, then a bad frame in the same read: the message is delivered and the
    /// application may answer it (Autobahn 3.2: its echo comes before our close), then we fail.
    @Test func messagesBeforeABadFrameAreDeliveredAndAnsweredFirst() {
        var m = ConnectionMachine(settings: Self.settings)
        #expect(receive(&m, [0x81, 0x01, 0x61, 0xC1, 0x01, 0x62, 0x81, 0x01, 0x63]) == [.deliver(.text("a")), .yieldToApplication])
        #expect(m.send(.text, [0x61]) == [.write(Frame(opcode: .text, payload: [0x61]))])
        #expect(receive(&m, [0x81, 0x01, 0x64]) == [])   // held until resume
        #expect(m.resume() == [.cancelTimers, .write(Self.close(1002, "RSV bits 100 set without a negotiated extension")), .setTimer(.closeTimeout, after: 3)])
        #expect(m.resume() == [])
        #expect(m.transportClosed() == [.cancelTimers, .ended(.closed(code: 1002, reason: "RSV bits 100 set without a negotiated extension", by: .client)), .closeTransport])
    }

    /// Invalid UTF-8 fails as its bytes arrive, before the frame is complete (Autobahn 6.4.3).
    @Test func invalidUTF8FailsBeforeTheFrameEnds() {
        var m = ConnectionMachine(settings: Self.settings)
        #expect(receive(&m, [0x81, 0x20] + Array("κόσμε".utf8)) == [])   // 32-byte frame, 11 bytes so far
        let actions = receive(&m, [0xF4, 0x90, 0x80])
        #expect(actions.contains(.write(Self.close(1007, "invalid UTF-8 in text message"))))
    }

    /// A fragmented message is refused from the header that would take it over the limit.
    @Test func messageLimitFromTheHeader() {
        var m = ConnectionMachine(settings: Self.settings)
        #expect(receive(&m, [0x01, 40] + [UInt8](repeating: 0x61, count: 40)) == [])
        let actions = receive(&m, [0x80, 30])   // the header of a 30-byte last fragment, no payload yet
        #expect(actions.contains(.write(Self.close(1009, "message of 70+ bytes exceeds the limit of 64"))))
    }

    @Test func pingsAndTheDeadPeer() {
        var m = ConnectionMachine(settings: Self.settings)
        let ping = m.timerFired(.ping)
        #expect(ping == [.write(Frame(opcode: .ping, payload: [0, 0, 0, 1])), .setTimer(.ping, after: 20), .setTimer(.pongDeadline, after: 10)])
        _ = receive(&m, [0x8A, 0x04, 0, 0, 0, 1])   // the pong (any byte counts)
        #expect(m.timerFired(.pongDeadline) == [])
        _ = m.timerFired(.ping)
        #expect(m.timerFired(.ping) == [.write(Frame(opcode: .ping, payload: [0, 0, 0, 3])), .setTimer(.ping, after: 20)])   // deadline already running
        #expect(m.timerFired(.pongDeadline) == [.cancelTimers, .ended(.closed(code: 1006, reason: "peer did not answer a ping within 10s", by: .network)), .closeTransport])
    }

    /// A message and the server's close in one read: the application may answer the message
    /// before our close goes out (RFC 6455 §5.5.1 lets an endpoint finish what it sends).
    @Test func closeAfterAMessageInTheSameReadYieldsFirst() {
        var m = ConnectionMachine(settings: Self.settings)
        #expect(receive(&m, [0x81, 0x03] + Array("bye".utf8) + [0x88, 0x02, 0x03, 0xE8]) == [.deliver(.text("bye")), .yieldToApplication])
        #expect(m.resume() == [.write(Self.close(1000)), .cancelTimers, .ended(.closed(code: 1000, reason: "", by: .server)), .closeTransport])
    }

    @Test func serverPingIsAnsweredWithItsPayload() {
        var m = ConnectionMachine(settings: Self.settings)
        #expect(receive(&m, [0x89, 0x02, 0x03, 0xEA]) == [.write(Frame(opcode: .pong, payload: [0x03, 0xEA]))])
    }

    @Test func transportEnds() {
        var open = ConnectionMachine(settings: Self.settings)
        #expect(open.transportClosed() == [.cancelTimers, .ended(.closed(code: 1006, reason: "connection lost without a close frame", by: .network)), .closeTransport])
        var failing = ConnectionMachine(settings: Self.settings)
        #expect(failing.transportFailed("connection reset by peer") == [.cancelTimers, .ended(.closed(code: 1006, reason: "connection reset by peer", by: .network)), .closeTransport])
        #expect(failing.transportFailed("again") == [])
    }
}
