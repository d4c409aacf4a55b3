import NIOCore
import Testing
@testable import WebSocketClient

@Suite struct FrameTests {
    func parse(_ bytes: [UInt8], max: Int = 1 << 20) throws(ProtocolViolation) -> Frame? {
        var p = FrameParser(maxFrameSize: max)
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
            var b = FrameEncoder.encode(Frame(opcode: .text, payload: [1, 2, 3]), using: &rng)
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
        var p = FrameParser(maxFrameSize: 100)
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
}
