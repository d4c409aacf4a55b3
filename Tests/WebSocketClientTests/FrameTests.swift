import NIOCore
import Testing
@testable import WebSocketClient

@Suite struct FrameTests {
    func parse(_ bytes: [UInt8], max: Int = 1 << 20) throws(ProtocolViolation) -> Frame? {
        var p = FrameParser(maxMessageSize: max)
        p.append(bytes)
        return try p.next()
    }

    func violation(_ bytes: [UInt8], max: Int = 1 << 20) -> ProtocolViolation? {
        do { _ = try parse(bytes, max: max); return nil } catch { return error }
    }

    @Test func maskingXorsWithTheKey() {
        var buf = ByteBufferAllocator().buffer(capacity: 0)
        let payload = Array("Hello 订单".utf8)
        FrameEncoder.encode(Frame(opcode: .text, payload: payload), maskKey: (0x37, 0xfa, 0x21, 0x3d), into: &buf)
        let bytes = buf.readBytes(length: buf.readableBytes)!
        #expect(bytes[0] == 0x81)
        #expect(bytes[1] == 0x80 | UInt8(payload.count))
        #expect(Array(bytes[2..<6]) == [0x37, 0xfa, 0x21, 0x3d])
        let key: [UInt8] = [0x37, 0xfa, 0x21, 0x3d]
        let unmasked = bytes[6...].enumerated().map { $0.element ^ key[$0.offset % 4] }
        #expect(unmasked == payload)
        // RFC 6455 §5.7 example: "Hello" masked with 37 fa 21 3d
        var rfc = ByteBufferAllocator().buffer(capacity: 0)
        FrameEncoder.encode(Frame(opcode: .text, payload: Array("Hello".utf8)), maskKey: (0x37, 0xfa, 0x21, 0x3d), into: &rfc)
        #expect(rfc.readBytes(length: rfc.readableBytes)! == [0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58])
    }

    @Test func everyFrameGetsAFreshKey() {
        var rng = SystemRandomNumberGenerator()
        var keys = Set<[UInt8]>()
        for _ in 0..<200 {
            var b = ByteBufferAllocator().buffer(capacity: 0)
            FrameEncoder.encode(Frame(opcode: .text, payload: [1, 2, 3]), maskKey: FrameEncoder.randomMaskKey(using: &rng), into: &b)
            let bytes = b.readBytes(length: b.readableBytes)!
            #expect(bytes[1] & 0x80 != 0)
            keys.insert(Array(bytes[2..<6]))
        }
        #expect(keys.count > 195)
    }

    @Test func extendedLengths() throws {
        for n in [125, 126, 65535, 65536, 200_000] {
            var buf = ByteBufferAllocator().buffer(capacity: 0)
            FrameEncoder.encode(Frame(opcode: .binary, payload: [UInt8](repeating: 7, count: n)), maskKey: (0, 0, 0, 0), into: &buf)
            let header = n < 126 ? 2 : n <= 65535 ? 4 : 10
            #expect(buf.readableBytes == header + 4 + n)
        }
        // server frames (unmasked) of each length form parse back
        let f = try parse([0x82, 126, 0x01, 0x00] + [UInt8](repeating: 9, count: 256))
        #expect(f?.payload.count == 256)
        let g = try parse([0x82, 127, 0, 0, 0, 0, 0, 1, 0, 0] + [UInt8](repeating: 9, count: 65536))
        #expect(g?.payload.count == 65536)
    }

    @Test func incrementalParsing() throws {
        var p = FrameParser(maxMessageSize: 100)
        let frame: [UInt8] = [0x81, 0x05] + Array("hello".utf8) + [0x89, 0x00]
        var got: [Frame] = []
        for b in frame {
            p.append([b])
            while let f = try p.next() { got.append(f) }
        }
        #expect(got == [Frame(opcode: .text, payload: Array("hello".utf8)), Frame(opcode: .ping)])
    }

    @Test func headerRules() {
        #expect(violation([0xC1, 0x00])?.code == 1002)          // RSV1
        #expect(violation([0x91, 0x00])?.code == 1002)          // RSV3? (0x10 = RSV3)
        #expect(violation([0x83, 0x00])?.code == 1002)          // opcode 3
        #expect(violation([0x8B, 0x00])?.code == 1002)          // opcode 11
        #expect(violation([0x81, 0x82, 1, 2, 3, 4, 0, 0])?.code == 1002)   // masked server frame
        #expect(violation([0x09, 0x00])?.code == 1002)          // fragmented ping
        #expect(violation([0x89, 126, 0, 126] + [UInt8](repeating: 0, count: 126))?.code == 1002)   // ping > 125
        #expect(violation([0x81, 127, 0x80, 0, 0, 0, 0, 0, 0, 0])?.reason == "64-bit frame length with the most significant bit set")
        #expect(violation([0x81, 127, 0, 0, 0, 0, 4, 0, 0, 0], max: 1 << 20)?.code == 1009)   // 64 MiB header
        #expect(violation([0x82, 126, 0x01, 0x00], max: 100)?.code == 1009)
    }

    @Test func closeCodeTable() {
        for c in [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999] as [UInt16] {
            #expect(CloseCodes.isValidOnWire(c), "\(c)")
        }
        for c in [0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535] as [UInt16] {
            #expect(!CloseCodes.isValidOnWire(c), "\(c)")
        }
        #expect(FrameEncoder.closePayload(code: 1000, reason: "bye") == [0x03, 0xE8] + Array("bye".utf8))
        #expect(FrameEncoder.closePayload(code: nil, reason: "x") == [])
        let long = String(repeating: "订", count: 60)   // 180 bytes: cut to ≤ 123 on a character boundary
        let p = FrameEncoder.closePayload(code: 1000, reason: long)
        #expect(p == [0x03, 0xE8] + Array(String(repeating: "订", count: 41).utf8))   // 123 bytes of reason
    }

    /// A data frame whose header would take the message over the limit is refused from its
    /// header, before its payload is buffered; control frames are not counted.
    @Test func messageBudgetIsCheckedFromTheHeader() throws {
        var p = FrameParser(maxMessageSize: 100)
        p.messageBytesSoFar = 60
        p.append([0x00, 50])   // continuation of 50 bytes: 110 > 100, no payload yet
        #expect(throws: ProtocolViolation(1009, "message of 110+ bytes exceeds the limit of 100")) { try p.next() }
        var q = FrameParser(maxMessageSize: 100)
        q.messageBytesSoFar = 100
        q.append([0x89, 5, 1, 2, 3, 4, 5])   // a ping in the middle is fine
        #expect(try q.next() == Frame(opcode: .ping, payload: [1, 2, 3, 4, 5]))
        q.append([0x80, 0])                   // an empty last fragment too
        #expect(try q.next() == Frame(fin: true, opcode: .continuation, payload: []))
    }

    /// The payload of a frame still arriving can be looked at, so bad UTF-8 fails before the
    /// frame is complete.
    @Test func payloadOfAFrameStillArriving() throws {
        var p = FrameParser(maxMessageSize: 100)
        p.append([0x01, 10, 0x61, 0x62])
        #expect(try p.next() == nil)
        let pending = try #require(p.pendingPayload)
        #expect(pending.opcode == .text && Array(pending.bytes) == [0x61, 0x62])
        p.append([0x63])
        #expect(Array(p.pendingPayload?.bytes ?? []) == [0x61, 0x62, 0x63])
        var q = FrameParser(maxMessageSize: 100)
        q.append([0x81])   // not even a header
        #expect(q.pendingPayload == nil)
    }
}
