import Dashboard
import Foundation
import Testing
import TestSupport
@testable import Themes

@Suite struct ThemeLoaderTests {
    let custom = "name = \"mine\"\ndescription = \"test\"\n[roles.header]\nfg = 1\nbg = 2\n"

    /// The error loading `argument` fails with; the test fails if it loads.
    func loadError(_ argument: String, _ environment: [String: String] = [:],
                   sourceLocation: SourceLocation = #_sourceLocation) throws -> any Error {
        try #require(throws: (any Error).self, sourceLocation: sourceLocation) {
            try ThemeLoader.load(argument, environment: environment)
        }
    }

    @Test func defaultThemeWithoutArgument() throws {
        let theme = try ThemeLoader.load(nil, environment: [:])
        #expect(theme.name == "default")
        #expect(theme.file == "themes/default.toml")
    }

    @Test func builtinByName() throws {
        for name in BuiltinThemes.names {
            #expect(try ThemeLoader.load(name, environment: [:]).name == name)
        }
    }

    @Test func noColorForcesMono() throws {
        #expect(try ThemeLoader.load(nil, environment: ["NO_COLOR": "1"]).name == "mono")
        #expect(try ThemeLoader.load("light", environment: ["NO_COLOR": "yes"]).name == "mono")
        // Even an unknown name or a missing file is not looked at.
        #expect(try ThemeLoader.load("nope", environment: ["NO_COLOR": "1"]).name == "mono")
        #expect(try ThemeLoader.load("/no/such.toml", environment: ["NO_COLOR": "1"]).name == "mono")
        #expect(try !ThemeLoader.load(nil, environment: ["NO_COLOR": "1"]).usesColor)
        // Empty NO_COLOR is as if unset.
        #expect(try ThemeLoader.load("light", environment: ["NO_COLOR": ""]).name == "light")
    }

    @Test func noColorIgnoresAUserMono() throws {
        let config = try TempDir("skydash-themes")
        try write("[roles.header]\nfg = 1\n", to: config.url.appendingPathComponent("skydash/themes/mono.toml"))
        let theme = try ThemeLoader.load(nil, environment: ["NO_COLOR": "1", "XDG_CONFIG_HOME": config.path])
        #expect(theme.file == "themes/mono.toml")
        #expect(!theme.usesColor)
    }

    @Test func isPath() {
        #expect(ThemeLoader.isPath("./x"))
        #expect(ThemeLoader.isPath("themes/light.toml"))
        #expect(ThemeLoader.isPath("mine.toml"))
        #expect(ThemeLoader.isPath("/abs/theme"))
        #expect(!ThemeLoader.isPath("light"))
        #expect(!ThemeLoader.isPath("high-contrast"))
        #expect(!ThemeLoader.isPath("x.tom"))
    }

    @Test func pathIsLoadedAsAFile() throws {
        let dir = try TempDir("skydash-themes")
        let file = dir.url.appendingPathComponent("light")   // no .toml, but has a slash
        try write(custom, to: file)
        let theme = try ThemeLoader.load(file.path, environment: [:])
        #expect(theme.name == "mine")
        #expect(theme.file == file.path)
        #expect(ResolvedTheme(theme, colorCount: 256).style(for: .header).fg == 1)
    }

    @Test func relativePathWithToml() throws {
        // The repo's own file, by a path relative to the current directory (the repo root under
        // `swift test`: then "themes/light.toml"). Tests run in parallel: none may change the directory.
        let relative = relativePath(to: repositoryRoot.appendingPathComponent("themes/light.toml").path,
                                    from: FileManager.default.currentDirectoryPath)
        #expect(!relative.hasPrefix("/"))
        let theme = try ThemeLoader.load(relative, environment: [:])
        #expect(theme.file == relative)
        #expect(try theme == BuiltinThemes.theme(named: "light"))
    }

    @Test func tildePath() throws {
        let home = try TempDir("skydash-themes")
        try write(custom, to: home.url.appendingPathComponent("t/mine.toml"))
        #expect(try ThemeLoader.load("~/t/mine.toml", environment: ["HOME": home.path]).name == "mine")
    }

    @Test func missingFile() throws {
        let error = try loadError("/nonexistent/dir/x.toml")
        #expect(String(describing: error) == "/nonexistent/dir/x.toml: cannot read theme file: no such file")
        #expect((error as? ThemeError)?.kind == .unreadable)
    }

    @Test func directoryAndNonUTF8() throws {
        let dir = try TempDir("skydash-themes")
        let sub = dir.url.appendingPathComponent("d.toml")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        #expect(String(describing: try loadError(sub.path)) == "\(sub.path): cannot read theme file: it is a directory")
        let bin = dir.url.appendingPathComponent("b.toml")
        try Data([0x6e, 0x3d, 0xff, 0xfe]).write(to: bin)
        #expect(String(describing: try loadError(bin.path)) == "\(bin.path): cannot read theme file: not UTF-8 text")
    }

    @Test func userDirectoryFromEnvironment() {
        #expect(ThemeCatalog.userDirectory(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/skydash/themes")
        #expect(ThemeCatalog.userDirectory(environment: ["HOME": "/h"]) == "/h/.config/skydash/themes")
        #expect(ThemeCatalog.userDirectory(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/h"]) == "/h/.config/skydash/themes")
        #expect(ThemeCatalog.userDirectory(environment: ["XDG_CONFIG_HOME": "", "HOME": "/h"]) == "/h/.config/skydash/themes")
        #expect(ThemeCatalog.userDirectory(environment: [:]) == nil)
    }

    @Test func userThemeByNameAndOverride() throws {
        let config = try TempDir("skydash-themes")
        let themes = config.url.appendingPathComponent("skydash/themes")
        try write(custom, to: themes.appendingPathComponent("mine.toml"))
        try write("name = \"my default\"\n[roles.normal]\nfg = 5\n", to: themes.appendingPathComponent("default.toml"))
        try write("ignored", to: themes.appendingPathComponent(".hidden.toml"))
        try write("ignored", to: themes.appendingPathComponent("notes.txt"))
        let env = ["XDG_CONFIG_HOME": config.path]

        #expect(try ThemeLoader.load("mine", environment: env).name == "mine")
        let overridden = try ThemeLoader.load(nil, environment: env)
        #expect(overridden.name == "my default")
        #expect(overridden.file == themes.appendingPathComponent("default.toml").path)
        #expect(try ThemeLoader.load("light", environment: env).file == "themes/light.toml")   // not overridden

        let catalog = ThemeCatalog(environment: env)
        #expect(catalog.userThemeNames() == ["default", "mine"])
        #expect(catalog.availableNames() == ["default", "high-contrast", "light", "mono", "mine"])
    }

    @Test func homeConfigIsUsedWithoutXDG() throws {
        let home = try TempDir("skydash-themes")
        try write(custom, to: home.url.appendingPathComponent(".config/skydash/themes/mine.toml"))
        #expect(try ThemeLoader.load("mine", environment: ["HOME": home.path]).name == "mine")
    }

    @Test func unknownThemeListsAvailableNames() throws {
        let error = try loadError("nope")
        #expect(String(describing: error) == "unknown theme 'nope' (available: default, high-contrast, light, mono)")
        #expect((error as? ThemeError)?.kind == .unknownTheme)
        let config = try TempDir("skydash-themes")
        try write(custom, to: config.url.appendingPathComponent("skydash/themes/zebra.toml"))
        try write(custom, to: config.url.appendingPathComponent("skydash/themes/aardvark.toml"))
        #expect(String(describing: try loadError("x", ["XDG_CONFIG_HOME": config.path]))
                == "unknown theme 'x' (available: default, high-contrast, light, mono, aardvark, zebra)")
    }

    @Test func badUserThemeErrorNamesItsFullPath() throws {
        let config = try TempDir("skydash-themes")
        let file = config.url.appendingPathComponent("skydash/themes/broken.toml")
        try write("name = \"broken\"\n[roles.header]\nfg = 300\n", to: file)
        let error = try loadError("broken", ["XDG_CONFIG_HOME": config.path])
        #expect(String(describing: error) == "\(file.path):3: roles.header.fg: 300 is out of range (0-255)")
    }
}
