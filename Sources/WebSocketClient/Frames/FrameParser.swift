import NIOCore

/// Incremental frame parser for frames sent by a server (RFC 6455 §5.2). Feed it bytes; it returns
/// whole frames. Header-level rules are checked as soon as the header is read, so a bad frame is
/// refused before its payload arrives:
/// RSV bits without a negotiated extension, reserved opcodes, masked server frames, fragmented or
/// oversized (> 125 bytes) control frames → 1002; a 64-bit length with its top bit set → 1002;
/// a data frame that would take its message over `maxMessageSize` → 1009, from the header alone
/// (the caller keeps `messageBytesSoFar` up to date while a fragmented message is assembled).
public struct FrameParser: Sendable {
    public var maxMessageSize: Int
    /// Bytes of the fragmented message already received; a continuation frame counts on top.
    public var messageBytesSoFar = 0
    private var buffer: ByteBuffer

    public init(maxMessageSize: Int, allocator: ByteBufferAllocator = ByteBufferAllocator()) {
        self.maxMessageSize = maxMessageSize
        self.buffer = allocator.buffer(capacity: 0)
    }

    /// A frame whose header has arrived but whose payload has not all arrived: its opcode and the
    /// payload bytes received so far. Nil when no such frame is waiting.
    public var pendingPayload: (opcode: Opcode, bytes: ByteBufferView)? {
        guard let header = try? self.header() else { return nil }
        let available = min(buffer.readableBytes - header.length, Int(clamping: header.payloadLength))
        guard available >= 0, UInt64(available) < header.payloadLength else { return nil }
        let start = buffer.readerIndex + header.length
        return (header.opcode, buffer.viewBytes(at: start, length: available) ?? ByteBufferView())
    }

    /// Appends bytes received from the network.
    public mutating func append(_ bytes: inout ByteBuffer) {
        if buffer.readableBytes == 0 {
            buffer = bytes
        } else {
            buffer.writeBuffer(&bytes)
        }
    }

    public mutating func append(_ bytes: [UInt8]) {
        buffer.writeBytes(bytes)
    }

    /// The next whole frame, nil when more bytes are needed.
    public mutating func next() throws(ProtocolViolation) -> Frame? {
        guard let header = try header() else { return nil }
        let total = header.length + Int(header.payloadLength)
        guard buffer.readableBytes >= total else { return nil }
        buffer.moveReaderIndex(forwardBy: header.length)
        let payload = buffer.readBytes(length: Int(header.payloadLength)) ?? []
        if buffer.readableBytes == 0 { buffer.clear() } else if buffer.readerIndex > 1 << 16 { buffer.discardReadBytes() }
        return Frame(fin: header.fin, rsv: 0, opcode: header.opcode, payload: payload)
    }

    private struct Header {
        var fin: Bool
        var opcode: Opcode
        /// Bytes of the header itself.
        var length: Int
        var payloadLength: UInt64
    }

    /// The next frame's header once it has arrived, with every header-level rule checked.
    private func header() throws(ProtocolViolation) -> Header? {
        guard buffer.readableBytes >= 2, let b0: UInt8 = buffer.getInteger(at: buffer.readerIndex),
              let b1: UInt8 = buffer.getInteger(at: buffer.readerIndex + 1) else { return nil }
        let fin = b0 & 0x80 != 0
        let rsv = (b0 >> 4) & 0x07
        let opcode = Opcode(rawValue: b0 & 0x0F)
        let masked = b1 & 0x80 != 0
        let len7 = b1 & 0x7F

        if rsv != 0 { throw ProtocolViolation(CloseCodes.protocolError, "RSV bits \(String(rsv, radix: 2)) set without a negotiated extension") }
        if opcode.isReserved { throw ProtocolViolation(CloseCodes.protocolError, "\(opcode) received") }
        if masked { throw ProtocolViolation(CloseCodes.protocolError, "server sent a masked frame") }
        if opcode.isControl {
            if !fin { throw ProtocolViolation(CloseCodes.protocolError, "fragmented \(opcode) frame") }
            if len7 > 125 { throw ProtocolViolation(CloseCodes.protocolError, "\(opcode) frame longer than 125 bytes") }
        }

        var headerLength = 2
        let length: UInt64
        switch len7 {
        case 126:
            guard let l: UInt16 = buffer.getInteger(at: buffer.readerIndex + 2) else { return nil }
            length = UInt64(l)
            headerLength += 2
        case 127:
            guard let l: UInt64 = buffer.getInteger(at: buffer.readerIndex + 2) else { return nil }
            if l & (1 << 63) != 0 { throw ProtocolViolation(CloseCodes.protocolError, "64-bit frame length with the most significant bit set") }
            length = l
            headerLength += 8
        default:
            length = UInt64(len7)
        }
        if !opcode.isControl {
            let soFar = opcode == .continuation ? UInt64(max(0, messageBytesSoFar)) : 0
            if length > UInt64(max(0, maxMessageSize)) - min(soFar, UInt64(max(0, maxMessageSize))) {
                throw ProtocolViolation(CloseCodes.messageTooBig, "message of \(soFar + length)+ bytes exceeds the limit of \(maxMessageSize)")
            }
        }
        return Header(fin: fin, opcode: opcode, length: headerLength, payloadLength: length)
    }
}
