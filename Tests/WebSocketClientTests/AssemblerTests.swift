import Testing
@testable import WebSocketClient

@Suite struct AssemblerTests {
    func run(_ frames: [Frame], max: Int = 1000) -> ([InboundMessage], ProtocolViolation?) {
        var a = MessageAssembler(maxMessageSize: max)
        var out: [InboundMessage] = []
        for f in frames {
            do { if let m = try a.push(f) { out.append(m) } } catch { return (out, error) }
        }
        return (out, nil)
    }

    @Test func reassemblesFragmentsWithControlFramesBetween() {
        let (m, e) = run([
            Frame(fin: false, opcode: .text, payload: Array("订".utf8).prefix(2).map { $0 }),
            Frame(opcode: .ping, payload: [1]),
            Frame(fin: false, opcode: .continuation, payload: Array(Array("订".utf8)[2...]) + Array("单".utf8)),
            Frame(fin: true, opcode: .continuation, payload: Array(" 🍜".utf8)),
        ])
        #expect(e == nil)
        #expect(m == [.ping([1]), .text("订单 🍜")])
    }

    @Test func utf8FailsFastAcrossFragments() {
        let (m, e) = run([
            Frame(fin: false, opcode: .text, payload: Array("ok".utf8)),
            Frame(fin: false, opcode: .continuation, payload: [0xFF]),
        ])
        #expect(m.isEmpty && e == ProtocolViolation(1007, "invalid UTF-8 in text message"))
        #expect(run([Frame(opcode: .text, payload: [0xCE, 0xBA, 0xED, 0xA0, 0x80])]).1?.code == 1007)   // surrogate
        #expect(run([Frame(fin: false, opcode: .text, payload: [0xE8]), Frame(opcode: .continuation, payload: [])]).1?.code == 1007)
        #expect(run([Frame(opcode: .binary, payload: [0xFF])]).1 == nil)   // binary is not checked
    }

    /// Autobahn 6.4.3/6.4.4: invalid UTF-8 fails as soon as its bytes arrive, inside a frame that
    /// is not complete yet, in a first frame or in a continuation of a text message.
    @Test func utf8FailsFastInsideAFrame() throws {
        // one frame growing as its bytes arrive
        var a = MessageAssembler(maxMessageSize: 100)
        let good = Array("κόσμε".utf8)
        try a.checkPartial(opcode: .text, prefix: good)
        try a.checkPartial(opcode: .text, prefix: good + [0xCE])          // may still complete
        try a.checkPartial(opcode: .text, prefix: good + [0xCE, 0xBA])
        #expect(throws: ProtocolViolation(1007, "invalid UTF-8 in text message")) {
            try a.checkPartial(opcode: .text, prefix: good + [0xCE, 0xBA, 0xF4, 0x90])   // > U+10FFFF
        }
        // a continuation goes on from where the message's earlier fragments stopped
        var b = MessageAssembler(maxMessageSize: 100)
        _ = try b.push(Frame(fin: false, opcode: .text, payload: [0xE8, 0xAE]))   // first two bytes of 订
        try b.checkPartial(opcode: .continuation, prefix: [0xA2, 0x41])
        var c = MessageAssembler(maxMessageSize: 100)
        _ = try c.push(Frame(fin: false, opcode: .text, payload: [0xE8, 0xAE]))
        #expect(throws: ProtocolViolation(1007, "invalid UTF-8 in text message")) { try c.checkPartial(opcode: .continuation, prefix: [0x41]) }
        // binary and the continuation of a binary message are not checked
        var d = MessageAssembler(maxMessageSize: 100)
        try d.checkPartial(opcode: .binary, prefix: [0xFF])
        _ = try d.push(Frame(fin: false, opcode: .binary, payload: [0xFF]))
        try d.checkPartial(opcode: .continuation, prefix: [0xFF])
        #expect(d.bufferedBytes == 1)
    }

    @Test func utf8Validator() {
        #expect(UTF8Validator.isValid(Array("κόσμε 订单 🍜".utf8)))
        #expect(!UTF8Validator.isValid([0xC0, 0x80]))        // overlong
        #expect(!UTF8Validator.isValid([0xF4, 0x90, 0x80, 0x80]))   // > U+10FFFF
        #expect(!UTF8Validator.isValid([0xE0, 0x80, 0x80]))  // overlong 3-byte
        #expect(UTF8Validator.isValid([0xF4, 0x8F, 0xBF, 0xBF]))
    }

    @Test func sequencingRules() {
        #expect(run([Frame(opcode: .continuation, payload: [1])]).1 == ProtocolViolation(1002, "continuation frame without a message to continue"))
        #expect(run([Frame(fin: false, opcode: .text, payload: [0x61]), Frame(opcode: .text, payload: [0x62])]).1?.code == 1002)
        #expect(run([Frame(fin: false, opcode: .binary, payload: [1]), Frame(opcode: .binary)]).1?.code == 1002)
    }

    @Test func sizeLimit() {
        #expect(run([Frame(opcode: .binary, payload: [UInt8](repeating: 0, count: 1001))]).1?.code == 1009)
        let frags = (0..<11).map { i in Frame(fin: i == 10, opcode: i == 0 ? .binary : .continuation, payload: [UInt8](repeating: 0, count: 100)) }
        #expect(run(frags).1?.code == 1009)
        #expect(run(Array(frags.prefix(10)) + [Frame(opcode: .continuation)]).1 == nil)
    }

    @Test func closeFrames() {
        #expect(run([Frame(opcode: .close)]).0 == [.close(code: nil, reason: "")])
        #expect(run([Frame(opcode: .close, payload: [0x03, 0xE8] + Array("再见".utf8))]).0 == [.close(code: 1000, reason: "再见")])
        #expect(run([Frame(opcode: .close, payload: [0x03])]).1 == ProtocolViolation(1002, "close frame with a 1-byte payload"))
        #expect(run([Frame(opcode: .close, payload: [0x03, 0xED])]).1 == ProtocolViolation(1002, "invalid close code 1005"))
        #expect(run([Frame(opcode: .close, payload: [0x03, 0xE8, 0xFF, 0xFE])]).1 == ProtocolViolation(1007, "close reason is not valid UTF-8"))
        #expect(run([Frame(opcode: .close, payload: [0x0F, 0xA0])]).0 == [.close(code: 4000, reason: "")])
    }
}
