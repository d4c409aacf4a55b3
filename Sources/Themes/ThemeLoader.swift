import Foundation

/// Resolves `--theme NAME|PATH` (themes/README.md, "Choosing a theme"):
///
/// 1. `NO_COLOR` set to a non-empty value (https://no-color.org) → the built-in `mono` theme,
///    whatever `--theme` says (the argument is then not even read).
/// 2. No `--theme` → the name `default`.
/// 3. A value containing `/` or ending in `.toml` is a file path (relative to the current
///    directory; a leading `~/` is `$HOME/`).
/// 4. Anything else is a name: `<user dir>/NAME.toml` if it exists, else the built-in NAME,
///    else `unknown theme 'NAME' (available: …)`.
public enum ThemeLoader {
    public static let defaultThemeName = "default"
    public static let noColorThemeName = "mono"

    public static func load(_ argument: String?, environment: [String: String]) throws -> Theme {
        if noColor(environment) {
            return BuiltinThemes.mono
        }
        let value = argument ?? defaultThemeName
        if isPath(value) {
            return try load(path: expandTilde(value, environment: environment))
        }
        return try ThemeCatalog(environment: environment).theme(named: value)
    }

    /// True when `NO_COLOR` is present and not empty.
    public static func noColor(_ environment: [String: String]) -> Bool {
        !(environment["NO_COLOR"] ?? "").isEmpty
    }

    /// True when `--theme`'s value is a path rather than a name.
    public static func isPath(_ value: String) -> Bool {
        value.contains("/") || value.hasSuffix(".toml")
    }

    /// Reads and parses the theme file at `path`; errors name it as given.
    public static func load(path: String) throws -> Theme {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ThemeError(.unreadable, file: path, message: "cannot read theme file: no such file")
        }
        guard !isDirectory.boolValue else {
            throw ThemeError(.unreadable, file: path, message: "cannot read theme file: it is a directory")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ThemeError(.unreadable, file: path, message: "cannot read theme file: permission denied or I/O error")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(.unreadable, file: path, message: "cannot read theme file: not UTF-8 text")
        }
        return try Theme(parsing: text, file: path)
    }

    static func expandTilde(_ path: String, environment: [String: String]) -> String {
        guard path.hasPrefix("~/"), let home = environment["HOME"], !home.isEmpty else { return path }
        return (home as NSString).appendingPathComponent(String(path.dropFirst(2)))
    }
}
