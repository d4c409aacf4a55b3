@testable import ConfigFile
import Testing

@Suite struct ConfigFileTests {
    @Test func readsDefaultsForLongOptions() throws {
        let text = """
        # skydash defaults
        url = "ws://127.0.0.1:8080/ws/"
        api = "http://127.0.0.1:8080/admin"

        user = "admin"
        password-file = "~/.config/skydash/password"
        format = "jsonl"
        no-bell = true
        """
        let c = try ConfigFile.parse(text, file: "config.toml")
        #expect(c.string("url") == "ws://127.0.0.1:8080/ws/")
        #expect(c.string("user") == "admin")
        #expect(c.string("password-file") == "~/.config/skydash/password")
        #expect(c.string("format") == "jsonl")
        #expect(c.bool("no-bell") == true)
        #expect(c.origin(of: "user") == "config.toml:5")
        #expect(c.origin(of: "api") == "config.toml:3")
        #expect(c.string("theme") == nil)
    }

    @Test(arguments: [
        ("url = \"ws://h/ws/\"\nhost = \"h\"\n", "c.toml:2: host: unknown key (allowed: url, api, user, password-file, token-file, ca-file, format, theme, journal, no-journal, no-bell)"),
        ("api = 8080\n", "c.toml:1: api: expected a string, found an integer"),
        ("\n\nno-bell = \"yes\"\n", "c.toml:3: no-bell: expected true or false, found a string"),
        ("format = \"csv\"\n", "c.toml:1: format: 'csv' is not one of text, jsonl"),
        ("user = \"\"\n", "c.toml:1: user: is empty"),
        ("user = \"a\"\ntoken = \"eyJ…\"\n", "c.toml:2: token: secrets do not belong in the config file; use token-file = \"PATH\" (a file only you can read)"),
        ("password = \"123456\"\n", "c.toml:1: password: secrets do not belong in the config file; use password-file = \"PATH\" (a file only you can read)"),
        ("[admin]\nuser = \"a\"\n", "c.toml:1: admin: unknown key (allowed: url, api, user, password-file, token-file, ca-file, format, theme, journal, no-journal, no-bell)"),
    ])
    func aBadKeyOrValueNamesFileLineAndKey(text: String, message: String) {
        let e = #expect(throws: ConfigError.self) { try ConfigFile.parse(text, file: "c.toml") }
        #expect(e?.description == message)
    }

    @Test func theErrorOnTheEarliestLineIsReported() {
        let e = #expect(throws: ConfigError.self) { try ConfigFile.parse("user = 1\nzzz = 2\napi = 3\n", file: "c.toml") }
        #expect(e?.line == 1)
        #expect(e?.key == "user")
    }

    @Test func aSyntaxErrorNamesItsLine() {
        let e = #expect(throws: ConfigError.self) { try ConfigFile.parse("user = \"admin\"\napi = \n", file: "c.toml") }
        #expect(e?.line == 2)
        #expect(e?.description.hasPrefix("c.toml:2: not valid TOML: ") == true)
    }

    /// Found by `scripts/fuzz config`: toml++ (inside TOMLKit) aborts the whole process (an assert,
    /// kept in release builds) on a table header whose name starts with a non-ASCII character.
    @Test(arguments: ["[é]\n", "url = \"x\"\n[[ 订单]]\n", "# ok\n\n  [\u{FFFD}roles]\nurl = \"x\"\n", "url = \"x\"\n[;\n", "[ (x)\n", "[\n"])
    func aTableNameStartingWithNonASCIIIsASyntaxErrorNotACrash(text: String) {
        let e = #expect(throws: ConfigError.self) { try ConfigFile.parse(text, file: "c.toml") }
        #expect(e?.line == text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("[") }.map { $0 + 1 })
        #expect(e?.description.contains("not valid TOML: a table name must start with") == true, "\(String(describing: e))")
    }

    /// Found by `scripts/fuzz config` and `themes`: toml++ aborts the process on a bracket closed by
    /// the wrong kind (`theme=[}`); now a syntax error on its line, naming what was expected.
    @Test(arguments: [
        ("theme=[}", 1, "'}' closes nothing here (']' was expected) (column 8)"),
        ("url = \"x\"\nattrs = [\"bold\", {a = 1]]\n", 2, "']' closes nothing here ('}' was expected) (column 24)"),
        ("url = \"x\"\n\nk = [\n  1,\n  2}\n", 5, "'}' closes nothing here (']' was expected) (column 4)"),
        ("a = 1 ]\n", 1, "']' closes nothing here (nothing is open) (column 7)"),
        // A backslash ending an unclosed one-line string does not swallow the line break.
        ("a = \"x\\\nb = [}\n", 2, "'}' closes nothing here (']' was expected) (column 6)"),
    ])
    func aMismatchedBracketIsASyntaxErrorNotACrash(text: String, line: Int, says: String) {
        let e = #expect(throws: ConfigError.self) { try ConfigFile.parse(text, file: "c.toml") }
        #expect(e?.line == line)
        #expect(e?.description == "c.toml:\(line): not valid TOML: \(says)")
    }

    /// Brackets inside strings and comments are text, not structure: no mismatch is reported.
    @Test func bracketsInStringsAndCommentsAreNotChecked() throws {
        let text = #"""
            # a comment with ] and } and [ {
            user = "a]b}c"   # } here too
            password-file = 'lit]eral}'
            api = """
            multi ] line } "quoted" \""" still inside
            """
            theme = '''raw ] } '''
            url = "esc \" ] }"
            [extra]
            list = [[1, 2], {a = "]"}, "}"]
            """#
        #expect(TOMLBracketCheck.mismatch(in: text) == nil)
    }

    @Test func nonASCIIElsewhereIsStillRead() throws {
        let c = try ConfigFile.parse("\u{FEFF}user = \"管理员\"\n", file: "c.toml")
        #expect(c.string("user") == "管理员")
        let bom = #expect(throws: ConfigError.self) { try ConfigFile.parse("\u{FEFF}[\u{FF}r[", file: "c.toml") }
        #expect(bom?.line == 1)
        // A comment holding ''' does not hide a later header (found by scripts/fuzz themes).
        let comment = #expect(throws: ConfigError.self) { try ConfigFile.parse("# a '''\n[ (x)\n", file: "c.toml") }
        #expect(comment?.line == 2)
    }

    @Test func theDefaultPathFollowsXDG() {
        #expect(ConfigFile.defaultPath(environment: ["XDG_CONFIG_HOME": "/x/cfg", "HOME": "/home/u"]) == "/x/cfg/skydash/config.toml")
        #expect(ConfigFile.defaultPath(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/home/u"]) == "/home/u/.config/skydash/config.toml")
        #expect(ConfigFile.defaultPath(environment: ["HOME": "/home/u"]) == "/home/u/.config/skydash/config.toml")
        #expect(ConfigFile.defaultPath(environment: [:]) == nil)
    }

    @Test func aMissingFileIsNoConfigAndADirectoryIsAnError() throws {
        #expect(try ConfigFile.load(path: "/nonexistent/skydash/config.toml") == nil)
        let e = #expect(throws: ConfigError.self) { try ConfigFile.load(path: "/tmp") }
        #expect(e?.description == "/tmp: cannot read the config file")
    }
}
