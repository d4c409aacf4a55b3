import XCTest
@testable import ConfigFile

final class KeyLineFinderTests: XCTestCase {
    let text = """
    # fg = 1 in a comment
    name = "x"
    description = \"\"\"
    [roles.header]
    fg = 2
    \"\"\"

    [roles.header]   # the real one
    bg = 24
      fg = 231

    [fallback8.header]
    fg = "white"

    [roles]
    muted = { fg = 244 }
    "quoted role".fg = 1

    [ roles . "spaced" ]
    attrs = [
      "bold",
    ]
    """

    func line(_ path: String) -> Int? {
        KeyLineFinder.line(of: path.split(separator: ".").map(String.init), in: text)
    }

    func testFindsKeysUnderTheirTable() {
        XCTAssertEqual(line("name"), 2)
        XCTAssertEqual(line("roles.header.bg"), 9)
        XCTAssertEqual(line("roles.header.fg"), 10)   // not the comment, not inside the multi-line string
        XCTAssertEqual(line("fallback8.header.fg"), 13)
    }

    func testTableHeaderLine() {
        XCTAssertEqual(line("roles.header"), 8)
        XCTAssertEqual(line("fallback8.header"), 12)
        XCTAssertEqual(line("fallback8"), 12)        // only implied by its header
        XCTAssertEqual(line("roles"), 15)            // written as [roles] later: that line wins
    }

    func testInlineTablesAndDottedKeys() {
        XCTAssertEqual(line("roles.muted"), 16)
        XCTAssertEqual(line("roles.muted.fg"), 16)   // inside the inline table: its line
        XCTAssertEqual(KeyLineFinder.line(of: ["roles", "quoted role", "fg"], in: text), 17)
        XCTAssertEqual(KeyLineFinder.line(of: ["roles", "quoted role"], in: text), 17)
    }

    func testSpacesAndQuotesInHeaders() {
        XCTAssertEqual(line("roles.spaced.attrs"), 20)
    }

    func testMultiLineStringIsSkipped() {
        XCTAssertEqual(line("description"), 3)
    }

    func testUnknownPath() {
        XCTAssertNil(line("nothing"))
        XCTAssertNil(KeyLineFinder.line(of: [], in: text))
        // A path under a written table but not itself written falls back to the table.
        XCTAssertEqual(line("roles.header.attrs"), 8)
    }

    func testCRLF() {
        XCTAssertEqual(KeyLineFinder.line(of: ["roles", "header", "fg"], in: "[roles.header]\r\nbg = 1\r\nfg = 2\r\n"), 3)
    }
}
