import CNcursesw
import Dashboard
import Testing
@testable import Terminal

@Suite struct KeyDecodingTests {
    @Test func functionKeys() {
        #expect(decodeKey(code: UInt32(KEY_UP), isFunctionKey: true) == .up)
        #expect(decodeKey(code: UInt32(KEY_NPAGE), isFunctionKey: true) == .pageDown)
        #expect(decodeKey(code: UInt32(KEY_BACKSPACE), isFunctionKey: true) == .backspace)
        #expect(decodeKey(code: UInt32(KEY_F0 + 5), isFunctionKey: true) == nil)
    }

    @Test func controlCharacters() {
        #expect(decodeKey(code: 0x0D, isFunctionKey: false) == .enter)   // nonl(): Enter is CR
        #expect(decodeKey(code: 0x0A, isFunctionKey: false) == .enter)
        #expect(decodeKey(code: 0x1B, isFunctionKey: false) == .escape)
        #expect(decodeKey(code: 0x7F, isFunctionKey: false) == .backspace)
        #expect(decodeKey(code: 0x03, isFunctionKey: false) == .ctrl("c"))
        #expect(decodeKey(code: 0x1C, isFunctionKey: false) == nil)
    }

    @Test func wideCharactersArriveWhole() {
        #expect(decodeKey(code: 0x8BA2, isFunctionKey: false) == .char("订"))
        #expect(decodeKey(code: 0x1F35C, isFunctionKey: false) == .char("🍜"))
        #expect(decodeKey(code: 0x71, isFunctionKey: false) == .char("q"))
        #expect(decodeKey(code: 0xD800, isFunctionKey: false) == nil)   // not a scalar
    }
}
