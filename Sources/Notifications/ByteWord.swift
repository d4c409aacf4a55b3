/// Eight bytes at a time: a 64-bit word of text bytes (read little-endian, so byte 0 is the first)
/// and tests on all eight at once. A test sets the high bit of each byte it matches. A borrow can
/// also set it on a byte above a match, never below one, so the lowest set bit is always exact:
/// `first` names the first matching byte; a word whose test gives 0 has none.
enum ByteWord {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `p`, in any alignment.
    @inline(__always)
    static func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    /// Flags the bytes equal to `byte`.
    @inline(__always)
    static func equal(_ w: UInt64, _ byte: UInt8) -> UInt64 {
        let v = w ^ (ones &* UInt64(byte))
        return (v &- ones) & ~v & highs
    }

    /// Flags the bytes below `limit` (at most 0x80).
    @inline(__always)
    static func below(_ w: UInt64, _ limit: UInt8) -> UInt64 {
        (w &- ones &* UInt64(limit)) & ~w & highs
    }

    /// The index (0–7) of the first flagged byte; `flags` is not 0.
    @inline(__always)
    static func first(_ flags: UInt64) -> Int { flags.trailingZeroBitCount >> 3 }
}
