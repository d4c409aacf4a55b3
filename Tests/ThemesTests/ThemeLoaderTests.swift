import Dashboard
import Foundation
import XCTest
@testable import Themes

final class ThemeLoaderTests: XCTestCase {
    let custom = "name = \"mine\"\ndescription = \"test\"\n[roles.header]\nfg = 1\nbg = 2\n"

    func testDefaultThemeWithoutArgument() throws {
        let theme = try ThemeLoader.load(nil, environment: [:])
        XCTAssertEqual(theme.name, "default")
        XCTAssertEqual(theme.file, "themes/default.toml")
    }

    func testBuiltinByName() throws {
        for name in BuiltinThemes.names {
            XCTAssertEqual(try ThemeLoader.load(name, environment: [:]).name, name)
        }
    }

    func testNoColorForcesMono() throws {
        XCTAssertEqual(try ThemeLoader.load(nil, environment: ["NO_COLOR": "1"]).name, "mono")
        XCTAssertEqual(try ThemeLoader.load("light", environment: ["NO_COLOR": "yes"]).name, "mono")
        // Even an unknown name or a missing file is not looked at.
        XCTAssertEqual(try ThemeLoader.load("nope", environment: ["NO_COLOR": "1"]).name, "mono")
        XCTAssertEqual(try ThemeLoader.load("/no/such.toml", environment: ["NO_COLOR": "1"]).name, "mono")
        XCTAssertFalse(try ThemeLoader.load(nil, environment: ["NO_COLOR": "1"]).usesColor)
        // Empty NO_COLOR is as if unset.
        XCTAssertEqual(try ThemeLoader.load("light", environment: ["NO_COLOR": ""]).name, "light")
    }

    func testNoColorIgnoresAUserMono() throws {
        let config = try makeTemporaryDirectory(self)
        try write("[roles.header]\nfg = 1\n", to: config.appendingPathComponent("skydash/themes/mono.toml"))
        let theme = try ThemeLoader.load(nil, environment: ["NO_COLOR": "1", "XDG_CONFIG_HOME": config.path])
        XCTAssertEqual(theme.file, "themes/mono.toml")
        XCTAssertFalse(theme.usesColor)
    }

    func testIsPath() {
        XCTAssertTrue(ThemeLoader.isPath("./x"))
        XCTAssertTrue(ThemeLoader.isPath("themes/light.toml"))
        XCTAssertTrue(ThemeLoader.isPath("mine.toml"))
        XCTAssertTrue(ThemeLoader.isPath("/abs/theme"))
        XCTAssertFalse(ThemeLoader.isPath("light"))
        XCTAssertFalse(ThemeLoader.isPath("high-contrast"))
        XCTAssertFalse(ThemeLoader.isPath("x.tom"))
    }

    func testPathIsLoadedAsAFile() throws {
        let dir = try makeTemporaryDirectory(self)
        let file = dir.appendingPathComponent("light")   // no .toml, but has a slash
        try write(custom, to: file)
        let theme = try ThemeLoader.load(file.path, environment: [:])
        XCTAssertEqual(theme.name, "mine")
        XCTAssertEqual(theme.file, file.path)
        XCTAssertEqual(ResolvedTheme(theme, colorCount: 256).style(for: .header).fg, 1)
    }

    func testRelativePathWithToml() throws {
        // The repo's own file, by a relative path from the repo root.
        let saved = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(repoRoot.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(saved) }
        let theme = try ThemeLoader.load("themes/light.toml", environment: [:])
        XCTAssertEqual(theme.file, "themes/light.toml")
        XCTAssertEqual(theme, try BuiltinThemes.theme(named: "light"))
    }

    func testTildePath() throws {
        let home = try makeTemporaryDirectory(self)
        try write(custom, to: home.appendingPathComponent("t/mine.toml"))
        XCTAssertEqual(try ThemeLoader.load("~/t/mine.toml", environment: ["HOME": home.path]).name, "mine")
    }

    func testMissingFile() {
        XCTAssertThrowsError(try ThemeLoader.load("/nonexistent/dir/x.toml", environment: [:])) { error in
            XCTAssertEqual(String(describing: error), "/nonexistent/dir/x.toml: cannot read theme file: no such file")
            XCTAssertEqual((error as? ThemeError)?.kind, .unreadable)
        }
    }

    func testDirectoryAndNonUTF8() throws {
        let dir = try makeTemporaryDirectory(self)
        let sub = dir.appendingPathComponent("d.toml")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        XCTAssertThrowsError(try ThemeLoader.load(sub.path, environment: [:])) { error in
            XCTAssertEqual(String(describing: error), "\(sub.path): cannot read theme file: it is a directory")
        }
        let bin = dir.appendingPathComponent("b.toml")
        try Data([0x6e, 0x3d, 0xff, 0xfe]).write(to: bin)
        XCTAssertThrowsError(try ThemeLoader.load(bin.path, environment: [:])) { error in
            XCTAssertEqual(String(describing: error), "\(bin.path): cannot read theme file: not UTF-8 text")
        }
    }

    func testUserDirectoryFromEnvironment() {
        XCTAssertEqual(ThemeCatalog.userDirectory(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]), "/x/skydash/themes")
        XCTAssertEqual(ThemeCatalog.userDirectory(environment: ["HOME": "/h"]), "/h/.config/skydash/themes")
        XCTAssertEqual(ThemeCatalog.userDirectory(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "/h"]), "/h/.config/skydash/themes")
        XCTAssertEqual(ThemeCatalog.userDirectory(environment: ["XDG_CONFIG_HOME": "", "HOME": "/h"]), "/h/.config/skydash/themes")
        XCTAssertNil(ThemeCatalog.userDirectory(environment: [:]))
    }

    func testUserThemeByNameAndOverride() throws {
        let config = try makeTemporaryDirectory(self)
        let themes = config.appendingPathComponent("skydash/themes")
        try write(custom, to: themes.appendingPathComponent("mine.toml"))
        try write("name = \"my default\"\n[roles.normal]\nfg = 5\n", to: themes.appendingPathComponent("default.toml"))
        try write("ignored", to: themes.appendingPathComponent(".hidden.toml"))
        try write("ignored", to: themes.appendingPathComponent("notes.txt"))
        let env = ["XDG_CONFIG_HOME": config.path]

        XCTAssertEqual(try ThemeLoader.load("mine", environment: env).name, "mine")
        let overridden = try ThemeLoader.load(nil, environment: env)
        XCTAssertEqual(overridden.name, "my default")
        XCTAssertEqual(overridden.file, themes.appendingPathComponent("default.toml").path)
        XCTAssertEqual(try ThemeLoader.load("light", environment: env).file, "themes/light.toml")   // not overridden

        let catalog = ThemeCatalog(environment: env)
        XCTAssertEqual(catalog.userThemeNames(), ["default", "mine"])
        XCTAssertEqual(catalog.availableNames(), ["default", "high-contrast", "light", "mono", "mine"])
    }

    func testHomeConfigIsUsedWithoutXDG() throws {
        let home = try makeTemporaryDirectory(self)
        try write(custom, to: home.appendingPathComponent(".config/skydash/themes/mine.toml"))
        XCTAssertEqual(try ThemeLoader.load("mine", environment: ["HOME": home.path]).name, "mine")
    }

    func testUnknownThemeListsAvailableNames() throws {
        XCTAssertThrowsError(try ThemeLoader.load("nope", environment: [:])) { error in
            XCTAssertEqual(String(describing: error), "unknown theme 'nope' (available: default, high-contrast, light, mono)")
            XCTAssertEqual((error as? ThemeError)?.kind, .unknownTheme)
        }
        let config = try makeTemporaryDirectory(self)
        try write(custom, to: config.appendingPathComponent("skydash/themes/zebra.toml"))
        try write(custom, to: config.appendingPathComponent("skydash/themes/aardvark.toml"))
        XCTAssertThrowsError(try ThemeLoader.load("x", environment: ["XDG_CONFIG_HOME": config.path])) { error in
            XCTAssertEqual(String(describing: error),
                           "unknown theme 'x' (available: default, high-contrast, light, mono, aardvark, zebra)")
        }
    }

    func testBadUserThemeErrorNamesItsFullPath() throws {
        let config = try makeTemporaryDirectory(self)
        let file = config.appendingPathComponent("skydash/themes/broken.toml")
        try write("name = \"broken\"\n[roles.header]\nfg = 300\n", to: file)
        XCTAssertThrowsError(try ThemeLoader.load("broken", environment: ["XDG_CONFIG_HOME": config.path])) { error in
            XCTAssertEqual(String(describing: error), "\(file.path):3: roles.header.fg: 300 is out of range (0-255)")
        }
    }
}
