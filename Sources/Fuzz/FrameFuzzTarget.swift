import NIOCore
import WebSocketClient

/// `frames`: the bytes a server might send after the handshake, fed to the frame parser and the
/// message assembler exactly as `ConnectionMachine` does, in chunks whose sizes the input's first
/// byte picks (so frames split across reads are covered). Checks that no frame or buffered message
/// exceeds the limit.
enum FrameFuzzing {
    static let maxMessageSize = 1 << 16

    static func run(_ input: [UInt8]) {
        let chunk = Int(input[0] % 32) + 1
        var parser = FrameParser(maxMessageSize: maxMessageSize)
        var assembler = MessageAssembler(maxMessageSize: maxMessageSize)
        var rest = input.dropFirst()
        do {
            while !rest.isEmpty {
                parser.append(Array(rest.prefix(chunk)))
                rest = rest.dropFirst(chunk)
                while true {
                    parser.messageBytesSoFar = assembler.bufferedBytes
                    guard let frame = try parser.next() else { break }
                    precondition(frame.payload.count <= maxMessageSize, "a frame over the limit got through")
                    _ = try assembler.push(frame)
                    precondition(assembler.bufferedBytes <= maxMessageSize, "a message over the limit is being buffered")
                }
                if let pending = parser.pendingPayload {
                    try assembler.checkPartial(opcode: pending.opcode, prefix: pending.bytes)
                }
            }
        } catch {
            // A protocol violation: the connection would close with its code. Expected.
        }
    }
}
