import Dashboard
import XCTest
@testable import Themes

final class ResolvedThemeTests: XCTestCase {
    func theme(_ text: String) throws -> Theme {
        try Theme(parsing: text, file: "t.toml")
    }

    func testColorModeFromCount() {
        XCTAssertEqual(ColorMode(colorCount: 256), .colors256)
        XCTAssertEqual(ColorMode(colorCount: 16_777_216), .colors256)
        XCTAssertEqual(ColorMode(colorCount: 255), .colors8)
        XCTAssertEqual(ColorMode(colorCount: 16), .colors8)
        XCTAssertEqual(ColorMode(colorCount: 8), .colors8)
        XCTAssertEqual(ColorMode(colorCount: 2), .monochrome)
        XCTAssertEqual(ColorMode(colorCount: 0), .monochrome)
    }

    func testMissingRolesAndFieldsInheritFromNormal() throws {
        let t = try theme("""
        [roles.normal]
        fg = 252
        bg = 234
        attrs = ["italic"]

        [roles.header]
        bg = 24

        [roles.flash]
        fg = "default"
        attrs = []
        """)
        let r = ResolvedTheme(t, colorCount: 256)
        XCTAssertEqual(r.style(for: .normal), TerminalStyle(fg: 252, bg: 234, attributes: [.italic]))
        XCTAssertEqual(r.style(for: .header), TerminalStyle(fg: 252, bg: 24, attributes: [.italic]))
        XCTAssertEqual(r.style(for: .flash), TerminalStyle(fg: nil, bg: 234, attributes: []))
        XCTAssertEqual(r.style(for: .muted), r.style(for: .normal))   // not written at all
    }

    func testEmptyThemeIsTerminalDefaults() throws {
        let r = ResolvedTheme(try theme(""), colorCount: 256)
        for role in Role.allCases { XCTAssertEqual(r.style(for: role), TerminalStyle()) }
        XCTAssertTrue(r.colorPairs.isEmpty)
        XCTAssertEqual(try theme("").name, "t")   // file name without .toml
    }

    func testNamedColours() throws {
        let r = ResolvedTheme(try theme("[roles.header]\nfg = \"bright-white\"\nbg = \"blue\"\n"), colorCount: 256)
        XCTAssertEqual(r.style(for: .header).fg, 15)
        XCTAssertEqual(r.style(for: .header).bg, 4)
    }

    func testFallback8IsUsedBelow256Colours() throws {
        let t = try theme("""
        [roles.header]
        fg = 231
        bg = 24
        attrs = ["bold"]

        [fallback8.header]
        bg = "blue"
        """)
        let r = ResolvedTheme(t, colorCount: 8)
        // bg from fallback8; fg from roles.header mapped (231 → white); attrs from roles.header.
        XCTAssertEqual(r.style(for: .header), TerminalStyle(fg: 7, bg: 4, attributes: [.bold]))
        XCTAssertEqual(ResolvedTheme(t, colorCount: 88).style(for: .header), r.style(for: .header))
        XCTAssertEqual(ResolvedTheme(t, colorCount: 256).style(for: .header), TerminalStyle(fg: 231, bg: 24, attributes: [.bold]))
    }

    func testRoleWithoutFallback8IsMappedToNearest() throws {
        let t = try theme("""
        [roles.normal]
        fg = 252
        [fallback8.normal]
        fg = "white"
        bg = "black"
        [roles.reminder]
        fg = 208
        [roles.error]
        fg = 196
        bg = 52
        """)
        let r = ResolvedTheme(t, colorCount: 16)
        XCTAssertEqual(r.style(for: .reminder), TerminalStyle(fg: 3, bg: 0))   // orange → yellow, bg from fallback8.normal
        XCTAssertEqual(r.style(for: .error), TerminalStyle(fg: 1, bg: 0))      // dark red 52 → black
        XCTAssertEqual(r.style(for: .muted), TerminalStyle(fg: 7, bg: 0))      // not written: normal's fallback8
    }

    func testEqualColoursAfterMappingKeepTextVisible() throws {
        let t = try theme("""
        [roles.selection]
        fg = 250
        bg = 252
        [roles.flash]
        fg = 196
        bg = 160
        [roles.banner]
        fg = 226
        bg = 220
        """)
        let r = ResolvedTheme(t, colorCount: 8)
        XCTAssertEqual(r.style(for: .selection).fg, 0)   // white on white → black on white
        XCTAssertEqual(r.style(for: .selection).bg, 7)
        XCTAssertEqual(r.style(for: .flash).fg, 7)       // red on red → white on red
        XCTAssertEqual(r.style(for: .banner).fg, 0)      // yellow on yellow → black on yellow
    }

    func testMonochromeHasAttributesOnly() throws {
        let t = try theme("""
        [roles.header]
        fg = 231
        bg = 24
        attrs = ["reverse"]
        [fallback8.header]
        fg = "white"
        attrs = ["underline"]
        """)
        let r = ResolvedTheme(t, colorCount: 0)
        XCTAssertEqual(r.mode, .monochrome)
        XCTAssertEqual(r.style(for: .header), TerminalStyle(attributes: [.reverse]))
        XCTAssertTrue(r.colorPairs.isEmpty)
        XCTAssertEqual(r.pairNumber(for: .header), 0)
    }

    func testFlagsAddAttributes() throws {
        let t = try theme("[roles.selection]\nfg = 1\nbg = 2\nattrs = [\"reverse\"]\n")
        let r = ResolvedTheme(t, colorCount: 256)
        XCTAssertEqual(r.resolve(Style(.selection, [.bold])), TerminalStyle(fg: 1, bg: 2, attributes: [.reverse, .bold]))
        XCTAssertEqual(r.resolve(Style(.selection, [.reverse])), TerminalStyle(fg: 1, bg: 2, attributes: [.reverse]))
        XCTAssertEqual(r.resolve(Style(.normal, [.bold, .underline, .reverse, .dim, .blink])).attributes,
                       [.bold, .underline, .reverse, .dim, .blink])
        XCTAssertEqual(r.resolve(Style(.selection)), r.style(for: .selection))
    }

    func testColorPairsAreDistinctStableAndNumberedFromOne() throws {
        let t = try theme("""
        [roles.header]
        fg = 231
        bg = 24
        [roles.statusOpen]
        fg = 120
        bg = 24
        [roles.footer]
        fg = 231
        bg = 24
        [roles.muted]
        fg = 244
        """)
        let r = ResolvedTheme(t, colorCount: 256)
        // Role.allCases order: header, statusOpen, …, muted, …, footer; normal is (default, default).
        XCTAssertEqual(r.colorPairs, [ColorPair(fg: 231, bg: 24), ColorPair(fg: 120, bg: 24), ColorPair(fg: 244, bg: nil)])
        XCTAssertEqual(r.pairNumber(for: .header), 1)
        XCTAssertEqual(r.pairNumber(for: .footer), 1)
        XCTAssertEqual(r.pairNumber(for: .statusOpen), 2)
        XCTAssertEqual(r.pairNumber(for: .muted), 3)
        XCTAssertEqual(r.pairNumber(for: .normal), 0)
        XCTAssertEqual(r.pairNumber(for: ColorPair(fg: 120, bg: 24)), 2)
        XCTAssertNil(r.pairNumber(for: ColorPair(fg: 1, bg: 1)))
        XCTAssertEqual(ResolvedTheme(t, colorCount: 256).colorPairs, r.colorPairs)   // stable
        for role in Role.allCases {
            let n = r.pairNumber(for: role)
            XCTAssertEqual(n == 0 ? ColorPair(fg: nil, bg: nil) : r.colorPairs[n - 1], r.style(for: role).colors)
        }
    }
}
