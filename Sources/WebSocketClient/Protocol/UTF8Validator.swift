/// Streaming UTF-8 validation (RFC 3629), so a text message split across fragments is checked as
/// it arrives and a bad byte fails fast, before the message is complete.
public struct UTF8Validator: Sendable {
    private var remaining = 0           // continuation bytes still expected
    private var nextRange: ClosedRange<UInt8> = 0x80...0xBF   // allowed range for the next byte

    public init() {}

    /// False as soon as the bytes so far cannot be the start of valid UTF-8.
    public mutating func feed<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        for b in bytes {
            if remaining == 0 {
                switch b {
                case 0x00...0x7F: continue
                case 0xC2...0xDF: remaining = 1; nextRange = 0x80...0xBF
                case 0xE0: remaining = 2; nextRange = 0xA0...0xBF
                case 0xE1...0xEC, 0xEE...0xEF: remaining = 2; nextRange = 0x80...0xBF
                case 0xED: remaining = 2; nextRange = 0x80...0x9F    // no surrogates
                case 0xF0: remaining = 3; nextRange = 0x90...0xBF
                case 0xF1...0xF3: remaining = 3; nextRange = 0x80...0xBF
                case 0xF4: remaining = 3; nextRange = 0x80...0x8F    // ≤ U+10FFFF
                default: return false
                }
            } else {
                guard nextRange.contains(b) else { return false }
                remaining -= 1
                nextRange = 0x80...0xBF
            }
        }
        return true
    }

    /// True when the bytes fed so far end on a character boundary.
    public var isComplete: Bool { remaining == 0 }

    public static func isValid(_ bytes: [UInt8]) -> Bool {
        var v = UTF8Validator()
        return v.feed(bytes) && v.isComplete
    }
}
