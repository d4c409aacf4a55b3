import Testing
@testable import ConfigFile

@Suite struct KeyLineFinderTests {
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

    @Test func findsKeysUnderTheirTable() {
        #expect(line("name") == 2)
        #expect(line("roles.header.bg") == 9)
        #expect(line("roles.header.fg") == 10)   // not the comment, not inside the multi-line string
        #expect(line("fallback8.header.fg") == 13)
    }

    @Test func tableHeaderLine() {
        #expect(line("roles.header") == 8)
        #expect(line("fallback8.header") == 12)
        #expect(line("fallback8") == 12)        // only implied by its header
        #expect(line("roles") == 15)            // written as [roles] later: that line wins
    }

    @Test func inlineTablesAndDottedKeys() {
        #expect(line("roles.muted") == 16)
        #expect(line("roles.muted.fg") == 16)   // inside the inline table: its line
        #expect(KeyLineFinder.line(of: ["roles", "quoted role", "fg"], in: text) == 17)
        #expect(KeyLineFinder.line(of: ["roles", "quoted role"], in: text) == 17)
    }

    @Test func spacesAndQuotesInHeaders() {
        #expect(line("roles.spaced.attrs") == 20)
    }

    @Test func multiLineStringIsSkipped() {
        #expect(line("description") == 3)
    }

    @Test func unknownPath() {
        #expect(line("nothing") == nil)
        #expect(KeyLineFinder.line(of: [], in: text) == nil)
        // A path under a written table but not itself written falls back to the table.
        #expect(line("roles.header.attrs") == 8)
    }

    @Test func crlf() {
        #expect(KeyLineFinder.line(of: ["roles", "header", "fg"], in: "[roles.header]\r\nbg = 1\r\nfg = 2\r\n") == 3)
    }
}
