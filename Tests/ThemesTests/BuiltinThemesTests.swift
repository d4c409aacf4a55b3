import Dashboard
import Foundation
import TestSupport
import Testing
@testable import Themes

@Suite struct BuiltinThemesTests {
    let colourThemes = ["default", "high-contrast", "light"]
    let modes: [ColorMode] = [.colors256, .colors8, .monochrome]

    func builtin(_ name: String) throws -> Theme {
        try #require(try BuiltinThemes.theme(named: name), "\(name)")
    }

    @Test func namesMatchTheFilesInThemesFolder() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("themes").path)
            .filter { $0.hasSuffix(".toml") }
            .map { String($0.dropLast(5)) }
            .sorted()
        #expect(BuiltinThemes.names == files)
        #expect(BuiltinThemes.names == ["default", "high-contrast", "light", "mono"])
    }

    @Test func embeddedTextsEqualTheFilesByteForByte() throws {
        for name in BuiltinThemes.names {
            let file = try Data(contentsOf: repositoryRoot.appendingPathComponent("themes/\(name).toml"))
            #expect(Data(try #require(BuiltinThemes.text(named: name)).utf8) == file, "\(name)")
        }
    }

    @Test func symlinkFromTargetToThemesFolder() throws {
        let link = repositoryRoot.appendingPathComponent("Sources/Themes/BuiltinThemes").path
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "../../themes")
    }

    @Test func everyBuiltinParsesAndWritesEveryRole() throws {
        for name in BuiltinThemes.names {
            let theme = try builtin(name)
            #expect(theme.name == name)
            #expect(!theme.description.isEmpty, "\(name)")
            #expect(Set(theme.roles.keys) == Set(Role.allCases), "\(name): every role written in [roles]")
        }
    }

    /// Ageing (issue 10): every built-in writes `aging` and `overdue` with attributes, and in every
    /// mode (NO_COLOR and colourless terminals get `mono`) a fresh, an aging and an overdue row
    /// differ by their attributes, not only by colour, as the view draws them (bold added).
    @Test func everyBuiltinDefinesAgingAndOverdueWithAttributes() throws {
        for name in BuiltinThemes.names {
            let theme = try builtin(name)
            for role in [Role.aging, .overdue] {
                let spec = try #require(theme.roles[role], "\(name): [roles.\(role.rawValue)]")
                let attributes = try #require(spec.attributes, "\(name): \(role) attrs")
                #expect(!attributes.isEmpty, "\(name): \(role) attrs")
                if theme.usesColor { #expect(theme.fallback8[role] != nil, "\(name): [fallback8.\(role.rawValue)]") }
            }
            for mode in modes {
                let count = mode == .colors256 ? 256 : (mode == .colors8 ? 8 : 0)
                let r = ResolvedTheme.forTerminal(theme, colorCount: count)
                let label = "\(name) \(mode)"
                let fresh = r.resolve(Style(.newOrder, .bold)), aging = r.resolve(Style(.aging, .bold))
                let overdue = r.resolve(Style(.overdue, .bold))
                #expect(fresh.attributes != aging.attributes, "\(label): aging vs fresh")
                #expect(fresh.attributes != overdue.attributes, "\(label): overdue vs fresh")
                #expect(aging.attributes != overdue.attributes, "\(label): overdue vs aging")
                for other in [Role.acknowledged, .reminder, .flash] {
                    let o = r.resolve(Style(other, other == .acknowledged ? [] : .bold))
                    #expect(aging != o, "\(label): aging vs \(other)")
                    #expect(overdue != o, "\(label): overdue vs \(other)")
                }
            }
        }
        // NO_COLOR's theme: the attributes the README promises.
        let mono = ResolvedTheme(BuiltinThemes.mono, colorCount: 0)
        #expect(mono.resolve(Style(.aging, .bold)).attributes == [.bold, .underline, .italic])
        #expect(mono.resolve(Style(.overdue, .bold)).attributes == [.reverse, .bold, .blink])
    }

    @Test func colourThemesHaveFallback8ForEveryRole() throws {
        for name in colourThemes {
            let theme = try builtin(name)
            #expect(theme.usesColor, "\(name)")
            #expect(Set(theme.fallback8.keys) == Set(Role.allCases), "\(name): every role written in [fallback8]")
        }
    }

    @Test func monoHasNoColoursAnywhere() throws {
        let mono = try builtin("mono")
        #expect(!mono.usesColor)
        #expect(mono.fallback8.isEmpty)
        let text = try #require(BuiltinThemes.text(named: "mono"))
        let settings = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        #expect(!settings.contains { $0.hasPrefix("fg") || $0.hasPrefix("bg") })
        for mode in modes {
            let r = ResolvedTheme(mono, mode: mode)
            #expect(r.colorPairs.isEmpty)
            for role in Role.allCases {
                #expect(r.style(for: role).fg == nil)
                #expect(r.style(for: role).bg == nil)
            }
        }
    }

    @Test func monoKeepsThingsApart() throws {
        let r = ResolvedTheme(try builtin("mono"), colorCount: 0)
        func s(_ role: Role, _ flags: StyleFlags = []) -> TerminalAttributes { r.resolve(Style(role, flags)).attributes }
        // Selection underlines and the flash reverses, so a selected row that flashes visibly
        // toggles reverse (the view alternates flash and selection on it).
        #expect(s(.selection).contains(.underline))
        #expect(!s(.selection).contains(.reverse))
        #expect(s(.flash).contains(.reverse))
        #expect(s(.flash, .bold).contains(.reverse) != s(.selection, .bold).contains(.reverse))
        #expect(s(.newOrder).contains(.bold))
        #expect(s(.header).contains(.reverse))
        #expect(s(.footer).contains(.reverse))
        #expect(s(.muted).contains(.dim))
        #expect(s(.newOrder, .bold) != s(.acknowledged))
    }

    /// In every theme and mode (resolved as the front end does, with `forTerminal`), with the flags
    /// the view adds: the flash phase differs from the other phase of a flashing row, banner and
    /// selected row; unacknowledged rows differ from acknowledged ones; no role has equal fg and
    /// bg. Status text keeps the header background (high-contrast draws status blocks instead).
    @Test func everyThemeIsReadableInEveryMode() throws {
        for name in BuiltinThemes.names {
            let theme = try builtin(name)
            for mode in modes {
                let count = mode == .colors256 ? 256 : (mode == .colors8 ? 8 : 0)
                let r = ResolvedTheme.forTerminal(theme, colorCount: count)
                #expect(r.mode == mode)
                let label = "\(name) \(mode)"
                let flash = r.resolve(Style(.flash, .bold))
                #expect(flash != r.resolve(Style(.reminder, .bold)), "\(label): flash vs reminder row")
                #expect(flash != r.resolve(Style(.banner, .bold)), "\(label): flash vs banner")
                #expect(flash != r.resolve(Style(.selection, .bold)), "\(label): flash vs selected row")
                #expect(r.resolve(Style(.newOrder, .bold)) != r.resolve(Style(.acknowledged)), "\(label): unacked")
                #expect(r.resolve(Style(.reminder, .bold)) != r.resolve(Style(.acknowledged)), "\(label): unacked")
                #expect(r.resolve(Style(.selection)) != r.resolve(Style(.acknowledged)), "\(label): selection")
                #expect(r.resolve(Style(.selection, .bold)) != r.resolve(Style(.newOrder, .bold)), "\(label): selection")
                for role in Role.allCases {
                    let s = r.style(for: role)
                    if let fg = s.fg, let bg = s.bg { #expect(fg != bg, "\(label): \(role) fg == bg") }
                }
                for status in [Role.statusOpen, .statusConnecting, .statusRetrying, .statusClosed] where name != "high-contrast" {
                    #expect(r.style(for: status).bg == r.style(for: .header).bg, "\(label): \(status) on the header")
                }
                if mode != .monochrome && theme.usesColor {
                    #expect(!r.colorPairs.isEmpty, "\(label)")
                    #expect(r.colorPairs.allSatisfy { !$0.isDefault })
                    #expect(Set(r.colorPairs).count == r.colorPairs.count)
                }
                if mode == .colors8 {
                    for role in Role.allCases {
                        #expect((r.style(for: role).fg ?? 0) < 8 && (r.style(for: role).bg ?? 0) < 8, "\(label): \(role)")
                    }
                }
            }
        }
    }

    @Test func forTerminalUsesMonoForColourThemesWithoutColours() throws {
        let mono = ResolvedTheme(try builtin("mono"), colorCount: 0)
        let forced = ResolvedTheme.forTerminal(try builtin("default"), colorCount: 0)
        #expect(forced.name == "mono")
        for role in Role.allCases { #expect(forced.style(for: role) == mono.style(for: role)) }
        // With colours, or for a theme without colours, the theme itself.
        #expect(ResolvedTheme.forTerminal(try builtin("default"), colorCount: 8).name == "default")
        let attrsOnly = try Theme(parsing: "[roles.flash]\nattrs = [\"blink\"]\n", file: "mine.toml")
        #expect(ResolvedTheme.forTerminal(attrsOnly, colorCount: 0).style(for: .flash).attributes == [.blink])
    }

    @Test func everyFileStartsWithTheFormatComment() throws {
        for name in BuiltinThemes.names {
            let text = try #require(BuiltinThemes.text(named: name))
            #expect(text.hasPrefix("# ----"), "\(name)")
            #expect(text.contains("themes/README.md"), "\(name)")
            #expect(text.contains("[fallback8.ROLE]"), "\(name)")
        }
    }
}
