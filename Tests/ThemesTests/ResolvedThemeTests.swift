import Dashboard
import Testing
@testable import Themes

@Suite struct ResolvedThemeTests {
    func theme(_ text: String) throws -> Theme {
        try Theme(parsing: text, file: "t.toml")
    }

    @Test func colorModeFromCount() {
        #expect(ColorMode(colorCount: 256) == .colors256)
        #expect(ColorMode(colorCount: 16_777_216) == .colors256)
        #expect(ColorMode(colorCount: 255) == .colors8)
        #expect(ColorMode(colorCount: 16) == .colors8)
        #expect(ColorMode(colorCount: 8) == .colors8)
        #expect(ColorMode(colorCount: 2) == .monochrome)
        #expect(ColorMode(colorCount: 0) == .monochrome)
    }

    @Test func missingRolesAndFieldsInheritFromNormal() throws {
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
        #expect(r.style(for: .normal) == TerminalStyle(fg: 252, bg: 234, attributes: [.italic]))
        #expect(r.style(for: .header) == TerminalStyle(fg: 252, bg: 24, attributes: [.italic]))
        #expect(r.style(for: .flash) == TerminalStyle(fg: nil, bg: 234, attributes: []))
        #expect(r.style(for: .muted) == r.style(for: .normal))   // not written at all
    }

    @Test func emptyThemeIsTerminalDefaults() throws {
        let r = ResolvedTheme(try theme(""), colorCount: 256)
        for role in Role.allCases { #expect(r.style(for: role) == TerminalStyle()) }
        #expect(r.colorPairs.isEmpty)
        #expect(try theme("").name == "t")   // file name without .toml
    }

    @Test func namedColours() throws {
        let r = ResolvedTheme(try theme("[roles.header]\nfg = \"bright-white\"\nbg = \"blue\"\n"), colorCount: 256)
        #expect(r.style(for: .header).fg == 15)
        #expect(r.style(for: .header).bg == 4)
    }

    @Test func fallback8IsUsedBelow256Colours() throws {
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
        #expect(r.style(for: .header) == TerminalStyle(fg: 7, bg: 4, attributes: [.bold]))
        #expect(ResolvedTheme(t, colorCount: 88).style(for: .header) == r.style(for: .header))
        #expect(ResolvedTheme(t, colorCount: 256).style(for: .header) == TerminalStyle(fg: 231, bg: 24, attributes: [.bold]))
    }

    @Test func roleWithoutFallback8IsMappedToNearest() throws {
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
        #expect(r.style(for: .reminder) == TerminalStyle(fg: 3, bg: 0))   // orange → yellow, bg from fallback8.normal
        #expect(r.style(for: .error) == TerminalStyle(fg: 1, bg: 0))      // dark red 52 → black
        #expect(r.style(for: .muted) == TerminalStyle(fg: 7, bg: 0))      // not written: normal's fallback8
    }

    @Test func equalColoursAfterMappingKeepTextVisible() throws {
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
        #expect(r.style(for: .selection).fg == 0)   // white on white → black on white
        #expect(r.style(for: .selection).bg == 7)
        #expect(r.style(for: .flash).fg == 7)       // red on red → white on red
        #expect(r.style(for: .banner).fg == 0)      // yellow on yellow → black on yellow
    }

    @Test func monochromeHasAttributesOnly() throws {
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
        #expect(r.mode == .monochrome)
        #expect(r.style(for: .header) == TerminalStyle(attributes: [.reverse]))
        #expect(r.colorPairs.isEmpty)
        #expect(r.pairNumber(for: .header) == 0)
    }

    @Test func flagsAddAttributes() throws {
        let t = try theme("[roles.selection]\nfg = 1\nbg = 2\nattrs = [\"reverse\"]\n")
        let r = ResolvedTheme(t, colorCount: 256)
        #expect(r.resolve(Style(.selection, [.bold])) == TerminalStyle(fg: 1, bg: 2, attributes: [.reverse, .bold]))
        #expect(r.resolve(Style(.selection, [.reverse])) == TerminalStyle(fg: 1, bg: 2, attributes: [.reverse]))
        #expect(r.resolve(Style(.normal, [.bold, .underline, .reverse, .dim, .blink])).attributes
                == [.bold, .underline, .reverse, .dim, .blink])
        #expect(r.resolve(Style(.selection)) == r.style(for: .selection))
    }

    @Test func colorPairsAreDistinctStableAndNumberedFromOne() throws {
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
        #expect(r.colorPairs == [ColorPair(fg: 231, bg: 24), ColorPair(fg: 120, bg: 24), ColorPair(fg: 244, bg: nil)])
        #expect(r.pairNumber(for: .header) == 1)
        #expect(r.pairNumber(for: .footer) == 1)
        #expect(r.pairNumber(for: .statusOpen) == 2)
        #expect(r.pairNumber(for: .muted) == 3)
        #expect(r.pairNumber(for: .normal) == 0)
        #expect(r.pairNumber(for: ColorPair(fg: 120, bg: 24)) == 2)
        #expect(r.pairNumber(for: ColorPair(fg: 1, bg: 1)) == nil)
        #expect(ResolvedTheme(t, colorCount: 256).colorPairs == r.colorPairs)   // stable
        for role in Role.allCases {
            let n = r.pairNumber(for: role)
            #expect((n == 0 ? ColorPair(fg: nil, bg: nil) : r.colorPairs[n - 1]) == r.style(for: role).colors)
        }
    }
}
