import NIOCore

/// Encodes client frames. Every client frame is masked (RFC 6455 §5.3) with a fresh key from a
/// cryptographically secure generator, drawn per frame.
public enum FrameEncoder {
    public static func encode(_ frame: Frame, maskKey: (UInt8, UInt8, UInt8, UInt8), into buffer: inout ByteBuffer) {
        buffer.writeInteger(UInt8((frame.fin ? 0x80 : 0) | (frame.rsv & 0x07) << 4 | frame.opcode.rawValue))
        let n = frame.payload.count
        if n < 126 {
            buffer.writeInteger(UInt8(0x80 | n))
        } else if n <= 0xFFFF {
            buffer.writeInteger(UInt8(0x80 | 126))
            buffer.writeInteger(UInt16(n))
        } else {
            buffer.writeInteger(UInt8(0x80 | 127))
            buffer.writeInteger(UInt64(n))
        }
        let key = [maskKey.0, maskKey.1, maskKey.2, maskKey.3]
        buffer.writeBytes(key)
        buffer.reserveCapacity(minimumWritableBytes: n)
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: n) { out in
            frame.payload.withUnsafeBufferPointer { src in
                for i in 0..<n { out[i] = src[i] ^ key[i & 3] }
            }
            return n
        }
    }

    public static func randomMaskKey<G: RandomNumberGenerator>(using rng: inout G) -> (UInt8, UInt8, UInt8, UInt8) {
        let v = UInt32.random(in: .min ... .max, using: &rng)
        return (UInt8(truncatingIfNeeded: v), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 24))
    }

    /// A close frame's payload: the code, then the reason cut to fit 123 bytes on a UTF-8 boundary.
    public static func closePayload(code: UInt16?, reason: String) -> [UInt8] {
        guard let code else { return [] }
        var bytes = [UInt8(code >> 8), UInt8(code & 0xFF)]
        var reasonBytes = Array(reason.utf8)
        if reasonBytes.count > 123 {
            var cut = 123
            while cut > 0 && reasonBytes[cut] & 0xC0 == 0x80 { cut -= 1 }
            reasonBytes = Array(reasonBytes[..<cut])
        }
        bytes += reasonBytes
        return bytes
    }
}
