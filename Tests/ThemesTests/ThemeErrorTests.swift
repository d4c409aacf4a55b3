import Testing
@testable import Themes

/// The exact messages a user sees for each kind of mistake.
@Suite struct ThemeErrorTests {
    /// Found by `scripts/fuzz themes`: a table name starting with a non-ASCII character made
    /// toml++ abort the process; now a syntax error on its line.
    @Test func tableNameStartingWithNonASCIIIsASyntaxError() {
        #expect {
            try Theme(parsing: "name = \"x\"\n[ 订单.header]\nfg = 1\n", file: "t.toml")
        } throws: { error in
            guard let e = error as? ThemeError else { return false }
            return e.kind == .syntax && e.line == 2
                && e.description.hasPrefix("t.toml:2: not valid TOML: a table name must start with")
        }
    }

    /// Found by `scripts/fuzz themes`: `attrs = [}` made toml++ abort the process.
    @Test func aMismatchedBracketIsASyntaxError() {
        #expect {
            try Theme(parsing: "name = \"x\"\n[roles.normal]\nfg = \"default\"\nattrs = [}\n", file: "t.toml")
        } throws: { error in
            (error as? ThemeError)?.description == "t.toml:4: not valid TOML: '}' closes nothing here (']' was expected) (column 10)"
        }
    }

    @Test func outOfRangeNamesFileLineAndKey() {
        let text = """
        name = "bad"
        # a comment

        [roles.normal]
        fg = 252

        [roles.header]
        fg = 300
        bg = 24
        """
        #expect(parseError(text) == "themes/bad.toml:8: roles.header.fg: 300 is out of range (0-255)")
        #expect(themeError(text)?.kind == .outOfRange)
        #expect(themeError(text)?.line == 8)
        #expect(themeError(text)?.key == "roles.header.fg")
    }

    @Test func negativeColourIsOutOfRange() {
        #expect(parseError("[roles.muted]\nbg = -1\n") == "themes/bad.toml:2: roles.muted.bg: -1 is out of range (0-255)")
    }

    @Test func fallback8OutOfRange() {
        let text = "[roles.header]\nfg = 9\n\n[fallback8.header]\nfg = 9\n"
        #expect(parseError(text) == "themes/bad.toml:5: fallback8.header.fg: 9 is out of range (0-7 in fallback8)")
    }

    @Test func fallback8RejectsBrightNames() {
        let text = "[fallback8.header]\nbg = \"bright-blue\"\n"
        #expect(parseError(text) == "themes/bad.toml:2: fallback8.header.bg: 'bright-blue' is not one of the 8 basic colours "
                           + "(fallback8 takes 0-7, black, red, green, yellow, blue, magenta, cyan, white or default)")
        #expect(themeError(text)?.kind == .unknownName)
    }

    @Test func unknownColourName() {
        #expect(parseError("[roles.error]\nfg = \"purple\"\n")
                == "themes/bad.toml:2: roles.error.fg: unknown colour 'purple' (use 0-255, black, red, green, "
                   + "yellow, blue, magenta, cyan, white, bright-black … bright-white or default)")
    }

    @Test func colourNamesAreLowerCase() {
        #expect(themeError("[roles.error]\nfg = \"Red\"\n")?.kind == .unknownName)
    }

    @Test func syntaxErrorHasLine() throws {
        let text = "name = \"x\"\n\n[roles.header]\nfg = \n"
        let error = try #require(themeError(text))
        #expect(error.kind == .syntax)
        #expect(error.line == 4)
        #expect(error.key == nil)
        #expect(error.description
                == "themes/bad.toml:4: not valid TOML: Error while parsing key-value pair: expected value, saw '\\n' (column 6)")
    }

    @Test func numberTooBigForTOMLIsASyntaxError() {
        #expect(parseError("[roles.header]\nfg = 99999999999999999999999\n")
                == "themes/bad.toml:2: not valid TOML: Error while parsing decimal integer: "
                   + "'99999999999999999999999' is not representable in 64 bits (column 29)")
    }

    @Test func syntaxErrorUnclosedHeader() throws {
        let error = try #require(themeError("# theme\n[roles.header\nfg = 1\n"))
        #expect(error.kind == .syntax)
        #expect(error.line == 2)
    }

    @Test func duplicateKeyIsASyntaxError() throws {
        let error = try #require(themeError("[roles.header]\nfg = 1\nfg = 2\n"))
        #expect(error.kind == .syntax)
        #expect(error.line == 3)
    }

    @Test func unknownTopLevelKey() {
        let text = "name = \"x\"\ncolours = 3\n"
        #expect(parseError(text)
                == "themes/bad.toml:2: colours: unknown key (allowed at the top level: name, description, roles, fallback8)")
        #expect(themeError(text)?.kind == .unknownKey)
    }

    @Test func unknownTopLevelTable() {
        #expect(parseError("name = \"x\"\n\n[colors.header]\nfg = 1\n")
                == "themes/bad.toml:3: colors: unknown key (allowed at the top level: name, description, roles, fallback8)")
    }

    @Test func unknownRole() {
        #expect(parseError("[roles.normal]\nfg = 1\n\n[roles.headr]\nfg = 2\n")
                == "themes/bad.toml:4: roles.headr: unknown role (roles: header, statusOpen, statusConnecting, "
                   + "statusRetrying, statusClosed, statusFailed, newOrder, reminder, aging, overdue, flash, acknowledged, "
                   + "selection, muted, error, footer, banner, help, border, normal)")
    }

    @Test func unknownKeyInRole() {
        let text = "[roles.header]\nfg = 1\nforeground = 2\n"
        #expect(parseError(text) == "themes/bad.toml:3: roles.header.foreground: unknown key (allowed in a role: fg, bg, attrs)")
        #expect(themeError(text)?.kind == .unknownKey)
    }

    @Test func wrongTypeForColour() {
        let text = "[roles.muted]\nfg = 1.5\n"
        #expect(parseError(text) == "themes/bad.toml:2: roles.muted.fg: expected a colour number (0-255) or a colour name, found a float")
        #expect(themeError(text)?.kind == .wrongType)
        #expect(parseError("[fallback8.muted]\nbg = true\n")
                == "themes/bad.toml:2: fallback8.muted.bg: expected a colour number (0-7) or a colour name, found a boolean")
    }

    @Test func wrongTypeForAttrs() {
        #expect(parseError("[roles.flash]\nattrs = \"bold\"\n")
                == "themes/bad.toml:2: roles.flash.attrs: expected an array of attribute names like [\"bold\"], found a string")
        #expect(parseError("[roles.flash]\nattrs = [\"bold\", 1]\n")
                == "themes/bad.toml:2: roles.flash.attrs: expected attribute names (strings), found an integer")
    }

    @Test func wrongTypeForRoleAndSection() {
        #expect(parseError("[roles]\nheader = 3\n")
                == "themes/bad.toml:2: roles.header: expected a table like [roles.header], found an integer")
        #expect(parseError("roles = \"none\"\n")
                == "themes/bad.toml:1: roles: expected a table of roles like [roles.header], found a string")
        #expect(parseError("name = 5\n") == "themes/bad.toml:1: name: expected a string, found an integer")
    }

    @Test func unknownAttribute() {
        let text = "[roles.flash]\nfg = 16\nattrs = [\n  \"bold\",\n  \"blinky\",\n]\n"
        #expect(parseError(text) == "themes/bad.toml:3: roles.flash.attrs: unknown attribute 'blinky' "
                           + "(allowed: bold, underline, reverse, dim, blink, standout, italic)")
        #expect(themeError(text)?.kind == .unknownName)
    }

    @Test func earliestProblemIsReported() {
        // toml++ hands keys back sorted, not in file order; the earliest line still wins.
        let text = "[roles.reminder]\nfg = 999\n\n[roles.border]\nfg = 998\n"
        #expect(parseError(text) == "themes/bad.toml:2: roles.reminder.fg: 999 is out of range (0-255)")
    }

    @Test func inlineTableAndDottedKeysGetTheirLine() {
        #expect(parseError("[roles]\nnormal = {}\nheader = { fg = 256 }\n")
                == "themes/bad.toml:3: roles.header.fg: 256 is out of range (0-255)")
        #expect(parseError("name = \"x\"\nroles.header.bg = 1000\n") == "themes/bad.toml:2: roles.header.bg: 1000 is out of range (0-255)")
    }

    @Test func quotedUnknownRoleIsQuotedInMessage() {
        #expect(parseError("[roles.\"two words\"]\nfg = 1\n")
            .hasPrefix("themes/bad.toml:1: roles.\"two words\": unknown role"))
    }

    @Test func errorDescriptionForms() {
        #expect(ThemeError(.outOfRange, file: "a.toml", line: 3, key: "k", message: "m").description == "a.toml:3: k: m")
        #expect(ThemeError(.unreadable, file: "a.toml", message: "m").description == "a.toml: m")
        #expect(ThemeError(.unknownTheme, message: "m").description == "m")
    }
}
