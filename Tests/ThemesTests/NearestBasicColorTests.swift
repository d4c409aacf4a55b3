import Testing
@testable import Themes

@Suite struct NearestBasicColorTests {
    @Test func basicColoursStay() {
        for i in 0..<8 { #expect(NearestBasicColor.basic(for: i) == i) }
    }

    @Test func brightColoursGoToTheirBase() {
        #expect(NearestBasicColor.basic(for: 8) == 7)    // bright black is a mid grey → white (not yellow)
        for i in 9..<16 { #expect(NearestBasicColor.basic(for: i) == i - 8, "colour \(i)") }
    }

    @Test func cubeAndGreys() {
        #expect(NearestBasicColor.basic(for: 16) == 0)    // cube black
        #expect(NearestBasicColor.basic(for: 196) == 1)   // red
        #expect(NearestBasicColor.basic(for: 46) == 2)    // green
        #expect(NearestBasicColor.basic(for: 226) == 3)   // yellow
        #expect(NearestBasicColor.basic(for: 208) == 3)   // orange → yellow
        #expect(NearestBasicColor.basic(for: 21) == 4)    // blue
        #expect(NearestBasicColor.basic(for: 18) == 4)    // navy → blue
        #expect(NearestBasicColor.basic(for: 201) == 5)   // magenta
        #expect(NearestBasicColor.basic(for: 51) == 6)    // cyan
        #expect(NearestBasicColor.basic(for: 231) == 7)   // white
        #expect(NearestBasicColor.basic(for: 244) == 7)   // mid grey → white
        #expect(NearestBasicColor.basic(for: 238) == 0)   // dark grey → black
        #expect(NearestBasicColor.basic(for: 241) == 0)   // grey 98 → black
        #expect(NearestBasicColor.basic(for: 242) == 7)   // grey 108 → white
        #expect(NearestBasicColor.basic(for: 24) == 6)    // steel blue → cyan
        #expect(NearestBasicColor.basic(for: 223) == 7)   // peach → white
        #expect(NearestBasicColor.basic(for: 52) == 0)    // very dark red → black
        #expect(NearestBasicColor.basic(for: 124) == 1)   // dark red → red
    }

    @Test func paletteRGB() {
        #expect(NearestBasicColor.rgb(16) == (0, 0, 0))
        #expect(NearestBasicColor.rgb(24) == (0, 95, 135))
        #expect(NearestBasicColor.rgb(231) == (255, 255, 255))
        #expect(NearestBasicColor.rgb(232) == (8, 8, 8))
        #expect(NearestBasicColor.rgb(255) == (238, 238, 238))
    }

    @Test func everyIndexMapsIntoTheBasicEight() {
        for i in 0...255 { #expect((0...7).contains(NearestBasicColor.basic(for: i))) }
    }

    @Test func defaultStaysDefault() {
        #expect(NearestBasicColor.map(.terminalDefault) == .terminalDefault)
        #expect(NearestBasicColor.map(.index(196)) == .index(1))
    }
}
