import XCTest
@testable import Themes

/// The exact messages a user sees for each kind of mistake.
final class ThemeErrorTests: XCTestCase {
    /// Found by `scripts/fuzz themes`: a table name starting with a non-ASCII character made
    /// toml++ abort the process; now a syntax error on its line.
    func testTableNameStartingWithNonASCIIIsASyntaxError() {
        XCTAssertThrowsError(try Theme(parsing: "name = \"x\"\n[ 订单.header]\nfg = 1\n", file: "t.toml")) { error in
            let e = error as? ThemeError
            XCTAssertEqual(e?.kind, .syntax)
            XCTAssertEqual(e?.line, 2)
            XCTAssertTrue(e?.description.hasPrefix("t.toml:2: not valid TOML: a table name must start with") == true, "\(error)")
        }
    }

    func testOutOfRangeNamesFileLineAndKey() {
        let text = """
        name = "bad"
        # a comment

        [roles.normal]
        fg = 252

        [roles.header]
        fg = 300
        bg = 24
        """
        XCTAssertEqual(parseError(text), "themes/bad.toml:8: roles.header.fg: 300 is out of range (0-255)")
        XCTAssertEqual(themeError(text)?.kind, .outOfRange)
        XCTAssertEqual(themeError(text)?.line, 8)
        XCTAssertEqual(themeError(text)?.key, "roles.header.fg")
    }

    func testNegativeColourIsOutOfRange() {
        XCTAssertEqual(parseError("[roles.muted]\nbg = -1\n"),
                       "themes/bad.toml:2: roles.muted.bg: -1 is out of range (0-255)")
    }

    func testFallback8OutOfRange() {
        let text = "[roles.header]\nfg = 9\n\n[fallback8.header]\nfg = 9\n"
        XCTAssertEqual(parseError(text), "themes/bad.toml:5: fallback8.header.fg: 9 is out of range (0-7 in fallback8)")
    }

    func testFallback8RejectsBrightNames() {
        let text = "[fallback8.header]\nbg = \"bright-blue\"\n"
        XCTAssertEqual(parseError(text),
                       "themes/bad.toml:2: fallback8.header.bg: 'bright-blue' is not one of the 8 basic colours "
                           + "(fallback8 takes 0-7, black, red, green, yellow, blue, magenta, cyan, white or default)")
        XCTAssertEqual(themeError(text)?.kind, .unknownName)
    }

    func testUnknownColourName() {
        XCTAssertEqual(parseError("[roles.error]\nfg = \"purple\"\n"),
                       "themes/bad.toml:2: roles.error.fg: unknown colour 'purple' (use 0-255, black, red, green, "
                           + "yellow, blue, magenta, cyan, white, bright-black … bright-white or default)")
    }

    func testColourNamesAreLowerCase() {
        XCTAssertEqual(themeError("[roles.error]\nfg = \"Red\"\n")?.kind, .unknownName)
    }

    func testSyntaxErrorHasLine() throws {
        let text = "name = \"x\"\n\n[roles.header]\nfg = \n"
        let error = try XCTUnwrap(themeError(text))
        XCTAssertEqual(error.kind, .syntax)
        XCTAssertEqual(error.line, 4)
        XCTAssertNil(error.key)
        XCTAssertEqual(error.description,
                       "themes/bad.toml:4: not valid TOML: Error while parsing key-value pair: expected value, saw '\\n' (column 6)")
    }

    func testNumberTooBigForTOMLIsASyntaxError() {
        XCTAssertEqual(parseError("[roles.header]\nfg = 99999999999999999999999\n"),
                       "themes/bad.toml:2: not valid TOML: Error while parsing decimal integer: "
                           + "'99999999999999999999999' is not representable in 64 bits (column 29)")
    }

    func testSyntaxErrorUnclosedHeader() throws {
        let error = try XCTUnwrap(themeError("# theme\n[roles.header\nfg = 1\n"))
        XCTAssertEqual(error.kind, .syntax)
        XCTAssertEqual(error.line, 2)
    }

    func testDuplicateKeyIsASyntaxError() throws {
        let error = try XCTUnwrap(themeError("[roles.header]\nfg = 1\nfg = 2\n"))
        XCTAssertEqual(error.kind, .syntax)
        XCTAssertEqual(error.line, 3)
    }

    func testUnknownTopLevelKey() {
        let text = "name = \"x\"\ncolours = 3\n"
        XCTAssertEqual(parseError(text),
                       "themes/bad.toml:2: colours: unknown key (allowed at the top level: name, description, roles, fallback8)")
        XCTAssertEqual(themeError(text)?.kind, .unknownKey)
    }

    func testUnknownTopLevelTable() {
        XCTAssertEqual(parseError("name = \"x\"\n\n[colors.header]\nfg = 1\n"),
                       "themes/bad.toml:3: colors: unknown key (allowed at the top level: name, description, roles, fallback8)")
    }

    func testUnknownRole() {
        XCTAssertEqual(parseError("[roles.normal]\nfg = 1\n\n[roles.headr]\nfg = 2\n"),
                       "themes/bad.toml:4: roles.headr: unknown role (roles: header, statusOpen, statusConnecting, "
                           + "statusRetrying, statusClosed, statusFailed, newOrder, reminder, aging, overdue, flash, acknowledged, "
                           + "selection, muted, error, footer, banner, help, border, normal)")
    }

    func testUnknownKeyInRole() {
        let text = "[roles.header]\nfg = 1\nforeground = 2\n"
        XCTAssertEqual(parseError(text), "themes/bad.toml:3: roles.header.foreground: unknown key (allowed in a role: fg, bg, attrs)")
        XCTAssertEqual(themeError(text)?.kind, .unknownKey)
    }

    func testWrongTypeForColour() {
        let text = "[roles.muted]\nfg = 1.5\n"
        XCTAssertEqual(parseError(text),
                       "themes/bad.toml:2: roles.muted.fg: expected a colour number (0-255) or a colour name, found a float")
        XCTAssertEqual(themeError(text)?.kind, .wrongType)
        XCTAssertEqual(parseError("[fallback8.muted]\nbg = true\n"),
                       "themes/bad.toml:2: fallback8.muted.bg: expected a colour number (0-7) or a colour name, found a boolean")
    }

    func testWrongTypeForAttrs() {
        XCTAssertEqual(parseError("[roles.flash]\nattrs = \"bold\"\n"),
                       "themes/bad.toml:2: roles.flash.attrs: expected an array of attribute names like [\"bold\"], found a string")
        XCTAssertEqual(parseError("[roles.flash]\nattrs = [\"bold\", 1]\n"),
                       "themes/bad.toml:2: roles.flash.attrs: expected attribute names (strings), found an integer")
    }

    func testWrongTypeForRoleAndSection() {
        XCTAssertEqual(parseError("[roles]\nheader = 3\n"),
                       "themes/bad.toml:2: roles.header: expected a table like [roles.header], found an integer")
        XCTAssertEqual(parseError("roles = \"none\"\n"),
                       "themes/bad.toml:1: roles: expected a table of roles like [roles.header], found a string")
        XCTAssertEqual(parseError("name = 5\n"), "themes/bad.toml:1: name: expected a string, found an integer")
    }

    func testUnknownAttribute() {
        let text = "[roles.flash]\nfg = 16\nattrs = [\n  \"bold\",\n  \"blinky\",\n]\n"
        XCTAssertEqual(parseError(text),
                       "themes/bad.toml:3: roles.flash.attrs: unknown attribute 'blinky' "
                           + "(allowed: bold, underline, reverse, dim, blink, standout, italic)")
        XCTAssertEqual(themeError(text)?.kind, .unknownName)
    }

    func testEarliestProblemIsReported() {
        // toml++ hands keys back sorted, not in file order; the earliest line still wins.
        let text = "[roles.reminder]\nfg = 999\n\n[roles.border]\nfg = 998\n"
        XCTAssertEqual(parseError(text), "themes/bad.toml:2: roles.reminder.fg: 999 is out of range (0-255)")
    }

    func testInlineTableAndDottedKeysGetTheirLine() {
        XCTAssertEqual(parseError("[roles]\nnormal = {}\nheader = { fg = 256 }\n"),
                       "themes/bad.toml:3: roles.header.fg: 256 is out of range (0-255)")
        XCTAssertEqual(parseError("name = \"x\"\nroles.header.bg = 1000\n"),
                       "themes/bad.toml:2: roles.header.bg: 1000 is out of range (0-255)")
    }

    func testQuotedUnknownRoleIsQuotedInMessage() {
        XCTAssertTrue(parseError("[roles.\"two words\"]\nfg = 1\n")
            .hasPrefix("themes/bad.toml:1: roles.\"two words\": unknown role"))
    }

    func testErrorDescriptionForms() {
        XCTAssertEqual(ThemeError(.outOfRange, file: "a.toml", line: 3, key: "k", message: "m").description, "a.toml:3: k: m")
        XCTAssertEqual(ThemeError(.unreadable, file: "a.toml", message: "m").description, "a.toml: m")
        XCTAssertEqual(ThemeError(.unknownTheme, message: "m").description, "m")
    }
}
