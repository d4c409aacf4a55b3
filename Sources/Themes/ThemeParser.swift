import Foundation
import ConfigFile
import Dashboard
import TOMLKit

/// Theme file text → `Theme`, with the checks of themes/README.md:
///
/// - top-level keys: `name` (string), `description` (string), `roles` (table), `fallback8`
///   (table); all optional, nothing else allowed;
/// - in `roles` and `fallback8`: only `Role` names (exact spelling, e.g. `statusOpen`), each a table;
/// - in a role: only `fg`, `bg` (integer or string) and `attrs` (array of strings);
/// - `roles` colours: 0-255, `default`, a basic name or `bright-` + a basic name;
///   `fallback8` colours: 0-7, `default` or a basic name;
/// - attribute names: bold underline reverse dim blink standout italic.
///
/// Every problem is collected; the one on the earliest line is thrown (a file is fixed top down).
enum ThemeParser {
    static let topLevelKeys = ["name", "description", "roles", "fallback8"]
    static let roleKeys = ["fg", "bg", "attrs"]

    static func parse(_ text: String, file: String) throws -> Theme {
        if let bad = TOMLHeaderCheck.badHeader(in: text) {
            throw ThemeError(.syntax, file: file, line: bad.line, message: "not valid TOML: \(TOMLHeaderCheck.message) (column \(bad.column))")
        }
        if let bad = TOMLBracketCheck.mismatch(in: text) {
            throw ThemeError(.syntax, file: file, line: bad.line, message: "not valid TOML: \(bad.message) (column \(bad.column))")
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let begin = error.source.begin
            throw ThemeError(.syntax, file: file, line: begin.line > 0 ? begin.line : nil,
                             message: "not valid TOML: \(error.description) (column \(begin.column))")
        }

        var problems: [ThemeError] = []
        func problem(_ kind: ThemeError.Kind, _ path: [String], _ message: String) {
            problems.append(ThemeError(kind, file: file, line: KeyLineFinder.line(of: path, in: text),
                                       key: keyPathText(path), message: message))
        }

        var name = Theme.stem(of: file)
        var description = ""
        var roles: [Role: RoleSpec] = [:]
        var fallback8: [Role: RoleSpec] = [:]

        for (key, value) in root {
            switch key {
            case "name", "description":
                guard let s = value.string else {
                    problem(.wrongType, [key], "expected a string, found \(typeName(value))")
                    continue
                }
                if key == "name" { name = s } else { description = s }
            case "roles", "fallback8":
                guard let table = value.table else {
                    problem(.wrongType, [key], "expected a table of roles like [\(key).header], found \(typeName(value))")
                    continue
                }
                let parsed = parseRoles(table, section: key, basicOnly: key == "fallback8", problem: problem)
                if key == "roles" { roles = parsed } else { fallback8 = parsed }
            default:
                problem(.unknownKey, [key], "unknown key (allowed at the top level: \(topLevelKeys.joined(separator: ", ")))")
            }
        }

        if let first = problems.min(by: { ($0.line ?? Int.max) < ($1.line ?? Int.max) }) {
            throw first
        }
        return Theme(name: name, description: description, file: file, roles: roles, fallback8: fallback8)
    }

    static func parseRoles(_ table: TOMLTable, section: String, basicOnly: Bool,
                           problem: (ThemeError.Kind, [String], String) -> Void) -> [Role: RoleSpec] {
        var result: [Role: RoleSpec] = [:]
        for (roleName, value) in table {
            let path = [section, roleName]
            guard let role = Role(rawValue: roleName) else {
                let known = Role.allCases.map(\.rawValue).joined(separator: ", ")
                problem(.unknownKey, path, "unknown role (roles: \(known))")
                continue
            }
            guard let entry = value.table else {
                problem(.wrongType, path, "expected a table like [\(section).\(roleName)], found \(typeName(value))")
                continue
            }
            var spec = RoleSpec()
            for (key, v) in entry {
                let keyPath = path + [key]
                switch key {
                case "fg", "bg":
                    let color = parseColor(v, basicOnly: basicOnly, path: keyPath, problem: problem)
                    if key == "fg" { spec.fg = color } else { spec.bg = color }
                case "attrs":
                    spec.attributes = parseAttributes(v, path: keyPath, problem: problem)
                default:
                    problem(.unknownKey, keyPath, "unknown key (allowed in a role: \(roleKeys.joined(separator: ", ")))")
                }
            }
            result[role] = spec
        }
        return result
    }

    static func parseColor(_ value: TOMLValueConvertible, basicOnly: Bool, path: [String],
                           problem: (ThemeError.Kind, [String], String) -> Void) -> ThemeColor? {
        let limit = basicOnly ? 7 : 255
        if let n = value.int {
            guard (0...limit).contains(n) else {
                problem(.outOfRange, path, basicOnly ? "\(n) is out of range (0-7 in fallback8)" : "\(n) is out of range (0-255)")
                return nil
            }
            return .index(n)
        }
        if let s = value.string {
            if let c = ThemeColor(name: s), !(basicOnly && (c.number ?? 0) > 7) { return c }
            if basicOnly {
                problem(.unknownName, path, "'\(s)' is not one of the 8 basic colours (fallback8 takes 0-7, \(ThemeColor.basicNames.joined(separator: ", ")) or default)")
            } else {
                problem(.unknownName, path, "unknown colour '\(s)' (use 0-255, \(ThemeColor.basicNames.joined(separator: ", ")), bright-black … bright-white or default)")
            }
            return nil
        }
        problem(.wrongType, path, "expected a colour number (0-\(limit)) or a colour name, found \(typeName(value))")
        return nil
    }

    static func parseAttributes(_ value: TOMLValueConvertible, path: [String],
                                problem: (ThemeError.Kind, [String], String) -> Void) -> TerminalAttributes? {
        guard let array = value.array else {
            problem(.wrongType, path, "expected an array of attribute names like [\"bold\"], found \(typeName(value))")
            return nil
        }
        let allowed = TerminalAttributes.named.map(\.name).joined(separator: ", ")
        var result: TerminalAttributes = []
        for element in array {
            guard let s = element.string else {
                problem(.wrongType, path, "expected attribute names (strings), found \(typeName(element))")
                return nil
            }
            guard let a = TerminalAttributes(name: s) else {
                problem(.unknownName, path, "unknown attribute '\(s)' (allowed: \(allowed))")
                return nil
            }
            result.insert(a)
        }
        return result
    }

    /// "an integer", "a float", … for messages.
    static func typeName(_ value: TOMLValueConvertible) -> String { TOMLTypeName.of(value) }

    /// `roles.header.fg`; a part that is not a bare key is quoted: `roles."two words"`.
    static func keyPathText(_ path: [String]) -> String {
        path.map { part in
            let bare = !part.isEmpty && part.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
            }
            return bare ? part : "\"" + part.replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }.joined(separator: ".")
    }
}
