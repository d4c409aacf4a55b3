import DemoBackend
import Testing
@testable import Notifications

/// `ByteWord`'s eight-at-a-time tests against the same tests byte by byte: no matching byte is
/// missed, and the first flagged byte is always the first matching one.
@Suite struct ByteWordTests {
    private static let bytesOfInterest: [UInt8] = [0x00, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80,
                                                   0xC1, 0xC2, 0xC3, 0xE1, 0xE2, 0xE3, 0xFF, 0x01, 0x41]

    private static func check(_ bytes: [UInt8]) {
        let w = bytes.withUnsafeBufferPointer { ByteWord.load($0.baseAddress!) }
        for target in [UInt8(0x22), 0x5C, 0x7F, 0xC2, 0xE2, 0x00] {
            let flags = ByteWord.equal(w, target)
            let firstMatch = bytes.firstIndex(of: target)
            #expect((flags == 0) == (firstMatch == nil), "equal \(target) in \(bytes)")
            if let firstMatch, flags != 0 { #expect(ByteWord.first(flags) == firstMatch, "equal \(target) in \(bytes)") }
        }
        for limit in [UInt8(0x01), 0x20, 0x21, 0x80] {
            let flags = ByteWord.below(w, limit)
            let firstMatch = bytes.firstIndex { $0 < limit }
            #expect((flags == 0) == (firstMatch == nil), "below \(limit) in \(bytes)")
            if let firstMatch, flags != 0 { #expect(ByteWord.first(flags) == firstMatch, "below \(limit) in \(bytes)") }
        }
    }

    @Test func everyByteOfInterestAtEveryPlace() {
        for background in [UInt8(0x41), 0x21, 0x23, 0xE4, 0x80, 0x01, 0xFF] {
            for place in 0..<8 {
                for b in Self.bytesOfInterest {
                    var bytes = [UInt8](repeating: background, count: 8)
                    bytes[place] = b
                    Self.check(bytes)
                    if place < 7 {   // a second match above the first
                        bytes[7] = b
                        Self.check(bytes)
                    }
                }
            }
        }
    }

    @Test func randomWordsOfInterestingBytes() {
        var rng = SplitMix64(seed: 2026)
        for _ in 0..<20_000 {
            let bytes = (0..<8).map { _ in Self.bytesOfInterest.randomElement(using: &rng)! }
            Self.check(bytes)
        }
    }

    @Test func loadReadsAtAnyAlignmentInTextOrder() {
        let text: [UInt8] = Array(0...20)
        text.withUnsafeBufferPointer { p in
            for start in 0...13 {
                let w = ByteWord.load(p.baseAddress! + start)
                for k in 0..<8 { #expect(UInt8(truncatingIfNeeded: w >> (8 * UInt64(k))) == UInt8(start + k)) }
            }
        }
    }
}
