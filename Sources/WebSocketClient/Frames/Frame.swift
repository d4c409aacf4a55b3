/// A frame opcode (RFC 6455 §5.2). Values 3–7 and 11–15 are reserved.
public struct Opcode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue & 0x0F }

    public static let continuation = Opcode(rawValue: 0x0)
    public static let text = Opcode(rawValue: 0x1)
    public static let binary = Opcode(rawValue: 0x2)
    public static let close = Opcode(rawValue: 0x8)
    public static let ping = Opcode(rawValue: 0x9)
    public static let pong = Opcode(rawValue: 0xA)

    public var isControl: Bool { rawValue & 0x8 != 0 }
    public var isReserved: Bool { !(rawValue <= 0x2 || (0x8...0xA).contains(rawValue)) }

    public var description: String {
        switch self {
        case .continuation: "continuation"
        case .text: "text"
        case .binary: "binary"
        case .close: "close"
        case .ping: "ping"
        case .pong: "pong"
        default: "reserved opcode \(rawValue)"
        }
    }
}

/// One frame on the wire, payload already unmasked.
public struct Frame: Equatable, Sendable {
    public var fin: Bool
    /// RSV1–3 as the low three bits (RSV1 = 0b100).
    public var rsv: UInt8
    public var opcode: Opcode
    public var payload: [UInt8]

    public init(fin: Bool = true, rsv: UInt8 = 0, opcode: Opcode, payload: [UInt8] = []) {
        self.fin = fin
        self.rsv = rsv
        self.opcode = opcode
        self.payload = payload
    }
}

/// A violation of the protocol by the peer, with the close code the client answers it with.
public struct ProtocolViolation: Error, Equatable, Sendable, CustomStringConvertible {
    public var code: UInt16
    public var reason: String
    public init(_ code: UInt16, _ reason: String) {
        self.code = code
        self.reason = reason
    }
    public var description: String { "\(reason) (close \(code))" }
}
