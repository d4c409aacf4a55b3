import XCTest
@testable import Themes

final class NearestBasicColorTests: XCTestCase {
    func testBasicColoursStay() {
        for i in 0..<8 { XCTAssertEqual(NearestBasicColor.basic(for: i), i) }
    }

    func testBrightColoursGoToTheirBase() {
        XCTAssertEqual(NearestBasicColor.basic(for: 8), 7)    // bright black is a mid grey → white (not yellow)
        for i in 9..<16 { XCTAssertEqual(NearestBasicColor.basic(for: i), i - 8, "colour \(i)") }
    }

    func testCubeAndGreys() {
        XCTAssertEqual(NearestBasicColor.basic(for: 16), 0)    // cube black
        XCTAssertEqual(NearestBasicColor.basic(for: 196), 1)   // red
        XCTAssertEqual(NearestBasicColor.basic(for: 46), 2)    // green
        XCTAssertEqual(NearestBasicColor.basic(for: 226), 3)   // yellow
        XCTAssertEqual(NearestBasicColor.basic(for: 208), 3)   // orange → yellow
        XCTAssertEqual(NearestBasicColor.basic(for: 21), 4)    // blue
        XCTAssertEqual(NearestBasicColor.basic(for: 18), 4)    // navy → blue
        XCTAssertEqual(NearestBasicColor.basic(for: 201), 5)   // magenta
        XCTAssertEqual(NearestBasicColor.basic(for: 51), 6)    // cyan
        XCTAssertEqual(NearestBasicColor.basic(for: 231), 7)   // white
        XCTAssertEqual(NearestBasicColor.basic(for: 244), 7)   // mid grey → white
        XCTAssertEqual(NearestBasicColor.basic(for: 238), 0)   // dark grey → black
        XCTAssertEqual(NearestBasicColor.basic(for: 241), 0)   // grey 98 → black
        XCTAssertEqual(NearestBasicColor.basic(for: 242), 7)   // grey 108 → white
        XCTAssertEqual(NearestBasicColor.basic(for: 24), 6)    // steel blue → cyan
        XCTAssertEqual(NearestBasicColor.basic(for: 223), 7)   // peach → white
        XCTAssertEqual(NearestBasicColor.basic(for: 52), 0)    // very dark red → black
        XCTAssertEqual(NearestBasicColor.basic(for: 124), 1)   // dark red → red
    }

    func testPaletteRGB() {
        XCTAssertTrue(NearestBasicColor.rgb(16) == (0, 0, 0))
        XCTAssertTrue(NearestBasicColor.rgb(24) == (0, 95, 135))
        XCTAssertTrue(NearestBasicColor.rgb(231) == (255, 255, 255))
        XCTAssertTrue(NearestBasicColor.rgb(232) == (8, 8, 8))
        XCTAssertTrue(NearestBasicColor.rgb(255) == (238, 238, 238))
    }

    func testEveryIndexMapsIntoTheBasicEight() {
        for i in 0...255 { XCTAssertTrue((0...7).contains(NearestBasicColor.basic(for: i))) }
    }

    func testDefaultStaysDefault() {
        XCTAssertEqual(NearestBasicColor.map(.terminalDefault), .terminalDefault)
        XCTAssertEqual(NearestBasicColor.map(.index(196)), .index(1))
    }
}
