import Dashboard
import Foundation
import XCTest
@testable import Themes

final class BuiltinThemesTests: XCTestCase {
    let colourThemes = ["default", "high-contrast", "light"]
    let modes: [ColorMode] = [.colors256, .colors8, .monochrome]

    func builtin(_ name: String) throws -> Theme {
        try XCTUnwrap(try BuiltinThemes.theme(named: name), name)
    }

    func testNamesMatchTheFilesInThemesFolder() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: repoRoot.appendingPathComponent("themes").path)
            .filter { $0.hasSuffix(".toml") }
            .map { String($0.dropLast(5)) }
            .sorted()
        XCTAssertEqual(BuiltinThemes.names, files)
        XCTAssertEqual(BuiltinThemes.names, ["default", "high-contrast", "light", "mono"])
    }

    func testEmbeddedTextsEqualTheFilesByteForByte() throws {
        for name in BuiltinThemes.names {
            let file = try Data(contentsOf: repoRoot.appendingPathComponent("themes/\(name).toml"))
            XCTAssertEqual(Data(try XCTUnwrap(BuiltinThemes.text(named: name)).utf8), file, name)
        }
    }

    func testSymlinkFromTargetToThemesFolder() throws {
        let link = repoRoot.appendingPathComponent("Sources/Themes/BuiltinThemes").path
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), "../../themes")
    }

    func testEveryBuiltinParsesAndWritesEveryRole() throws {
        for name in BuiltinThemes.names {
            let theme = try builtin(name)
            XCTAssertEqual(theme.name, name)
            XCTAssertFalse(theme.description.isEmpty, name)
            XCTAssertEqual(Set(theme.roles.keys), Set(Role.allCases), "\(name): every role written in [roles]")
        }
    }

    /// Ageing (issue 10): every built-in writes `aging` and `overdue` with attributes, and in every
    /// mode (NO_COLOR and colourless terminals get `mono`) a fresh, an aging and an overdue row
    /// differ by their attributes, not only by colour, as the view draws them (bold added).
    func testEveryBuiltinDefinesAgingAndOverdueWithAttributes() throws {
        for name in BuiltinThemes.names {
            let theme = try builtin(name)
            for role in [Role.aging, .overdue] {
                let spec = try XCTUnwrap(theme.roles[role], "\(name): [roles.\(role.rawValue)]")
                XCTAssertFalse(try XCTUnwrap(spec.attributes, "\(name): \(role) attrs").isEmpty, "\(name): \(role) attrs")
                if theme.usesColor { XCTAssertNotNil(theme.fallback8[role], "\(name): [fallback8.\(role.rawValue)]") }
            }
            for mode in modes {
                let count = mode == .colors256 ? 256 : (mode == .colors8 ? 8 : 0)
                let r = ResolvedTheme.forTerminal(theme, colorCount: count)
                let label = "\(name) \(mode)"
                let fresh = r.resolve(Style(.newOrder, .bold)), aging = r.resolve(Style(.aging, .bold))
                let overdue = r.resolve(Style(.overdue, .bold))
                XCTAssertNotEqual(fresh.attributes, aging.attributes, "\(label): aging vs fresh")
                XCTAssertNotEqual(fresh.attributes, overdue.attributes, "\(label): overdue vs fresh")
                XCTAssertNotEqual(aging.attributes, overdue.attributes, "\(label): overdue vs aging")
                for other in [Role.acknowledged, .reminder, .flash] {
                    let o = r.resolve(Style(other, other == .acknowledged ? [] : .bold))
                    XCTAssertNotEqual(aging, o, "\(label): aging vs \(other)")
                    XCTAssertNotEqual(overdue, o, "\(label): overdue vs \(other)")
                }
            }
        }
        // NO_COLOR's theme: the attributes the README promises.
        let mono = ResolvedTheme(BuiltinThemes.mono, colorCount: 0)
        XCTAssertEqual(mono.resolve(Style(.aging, .bold)).attributes, [.bold, .underline, .italic])
        XCTAssertEqual(mono.resolve(Style(.overdue, .bold)).attributes, [.reverse, .bold, .blink])
    }

    func testColourThemesHaveFallback8ForEveryRole() throws {
        for name in colourThemes {
            let theme = try builtin(name)
            XCTAssertTrue(theme.usesColor, name)
            XCTAssertEqual(Set(theme.fallback8.keys), Set(Role.allCases), "\(name): every role written in [fallback8]")
        }
    }

    func testMonoHasNoColoursAnywhere() throws {
        let mono = try builtin("mono")
        XCTAssertFalse(mono.usesColor)
        XCTAssertTrue(mono.fallback8.isEmpty)
        let text = try XCTUnwrap(BuiltinThemes.text(named: "mono"))
        let settings = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        XCTAssertFalse(settings.contains { $0.hasPrefix("fg") || $0.hasPrefix("bg") })
        for mode in modes {
            let r = ResolvedTheme(mono, mode: mode)
            XCTAssertTrue(r.colorPairs.isEmpty)
            for role in Role.allCases {
                XCTAssertNil(r.style(for: role).fg)
                XCTAssertNil(r.style(for: role).bg)
            }
        }
    }

    func testMonoKeepsThingsApart() throws {
        let r = ResolvedTheme(try builtin("mono"), colorCount: 0)
        func s(_ role: Role, _ flags: StyleFlags = []) -> TerminalAttributes { r.resolve(Style(role, flags)).attributes }
        // Selection underlines and the flash reverses, so a selected row that flashes visibly
        // toggles reverse (the view alternates flash and selection on it).
        XCTAssertTrue(s(.selection).contains(.underline))
        XCTAssertFalse(s(.selection).contains(.reverse))
        XCTAssertTrue(s(.flash).contains(.reverse))
        XCTAssertNotEqual(s(.flash, .bold).contains(.reverse), s(.selection, .bold).contains(.reverse))
        XCTAssertTrue(s(.newOrder).contains(.bold))
        XCTAssertTrue(s(.header).contains(.reverse))
        XCTAssertTrue(s(.footer).contains(.reverse))
        XCTAssertTrue(s(.muted).contains(.dim))
        XCTAssertNotEqual(s(.newOrder, .bold), s(.acknowledged))
    }

    /// In every theme and mode (resolved as the front end does, with `forTerminal`), with the flags
    /// the view adds: the flash phase differs from the other phase of a flashing row, banner and
    /// selected row; unacknowledged rows differ from acknowledged ones; no role has equal fg and
    /// bg. Status text keeps the header background (high-contrast draws status blocks instead).
    func testEveryThemeIsReadableInEveryMode() throws {
        for name in BuiltinThemes.names {
            let theme = try builtin(name)
            for mode in modes {
                let count = mode == .colors256 ? 256 : (mode == .colors8 ? 8 : 0)
                let r = ResolvedTheme.forTerminal(theme, colorCount: count)
                XCTAssertEqual(r.mode, mode)
                let label = "\(name) \(mode)"
                let flash = r.resolve(Style(.flash, .bold))
                XCTAssertNotEqual(flash, r.resolve(Style(.reminder, .bold)), "\(label): flash vs reminder row")
                XCTAssertNotEqual(flash, r.resolve(Style(.banner, .bold)), "\(label): flash vs banner")
                XCTAssertNotEqual(flash, r.resolve(Style(.selection, .bold)), "\(label): flash vs selected row")
                XCTAssertNotEqual(r.resolve(Style(.newOrder, .bold)), r.resolve(Style(.acknowledged)), "\(label): unacked")
                XCTAssertNotEqual(r.resolve(Style(.reminder, .bold)), r.resolve(Style(.acknowledged)), "\(label): unacked")
                XCTAssertNotEqual(r.resolve(Style(.selection)), r.resolve(Style(.acknowledged)), "\(label): selection")
                XCTAssertNotEqual(r.resolve(Style(.selection, .bold)), r.resolve(Style(.newOrder, .bold)), "\(label): selection")
                for role in Role.allCases {
                    let s = r.style(for: role)
                    if let fg = s.fg, let bg = s.bg { XCTAssertNotEqual(fg, bg, "\(label): \(role) fg == bg") }
                }
                for status in [Role.statusOpen, .statusConnecting, .statusRetrying, .statusClosed] where name != "high-contrast" {
                    XCTAssertEqual(r.style(for: status).bg, r.style(for: .header).bg, "\(label): \(status) on the header")
                }
                if mode != .monochrome && theme.usesColor {
                    XCTAssertFalse(r.colorPairs.isEmpty, label)
                    XCTAssertTrue(r.colorPairs.allSatisfy { !$0.isDefault })
                    XCTAssertEqual(Set(r.colorPairs).count, r.colorPairs.count)
                }
                if mode == .colors8 {
                    for role in Role.allCases {
                        XCTAssertTrue((r.style(for: role).fg ?? 0) < 8 && (r.style(for: role).bg ?? 0) < 8, "\(label): \(role)")
                    }
                }
            }
        }
    }

    func testForTerminalUsesMonoForColourThemesWithoutColours() throws {
        let mono = ResolvedTheme(try builtin("mono"), colorCount: 0)
        let forced = ResolvedTheme.forTerminal(try builtin("default"), colorCount: 0)
        XCTAssertEqual(forced.name, "mono")
        for role in Role.allCases { XCTAssertEqual(forced.style(for: role), mono.style(for: role)) }
        // With colours, or for a theme without colours, the theme itself.
        XCTAssertEqual(ResolvedTheme.forTerminal(try builtin("default"), colorCount: 8).name, "default")
        let attrsOnly = try Theme(parsing: "[roles.flash]\nattrs = [\"blink\"]\n", file: "mine.toml")
        XCTAssertEqual(ResolvedTheme.forTerminal(attrsOnly, colorCount: 0).style(for: .flash).attributes, [.blink])
    }

    func testEveryFileStartsWithTheFormatComment() throws {
        for name in BuiltinThemes.names {
            let text = try XCTUnwrap(BuiltinThemes.text(named: name))
            XCTAssertTrue(text.hasPrefix("# ----"), name)
            XCTAssertTrue(text.contains("themes/README.md"), name)
            XCTAssertTrue(text.contains("[fallback8.ROLE]"), name)
        }
    }
}
