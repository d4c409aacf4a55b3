import Foundation

/// Where themes are found: the user theme directory, then the built-in themes.
///
/// The user directory is `$XDG_CONFIG_HOME/skydash/themes` when `XDG_CONFIG_HOME` is set to an
/// absolute path (the XDG spec says to ignore a relative one), else `$HOME/.config/skydash/themes`;
/// none without either. A user theme is any `NAME.toml` in it (not hidden), and it overrides a
/// built-in theme of the same NAME.
public struct ThemeCatalog: Sendable {
    public var userDirectory: String?

    public init(userDirectory: String?) {
        self.userDirectory = userDirectory
    }

    public init(environment: [String: String]) {
        self.init(userDirectory: Self.userDirectory(environment: environment))
    }

    public static func userDirectory(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return (xdg as NSString).appendingPathComponent("skydash/themes")
        }
        if let home = environment["HOME"], !home.isEmpty {
            return (home as NSString).appendingPathComponent(".config/skydash/themes")
        }
        return nil
    }

    /// Names of the themes in the user directory, sorted (empty if it does not exist).
    public func userThemeNames() -> [String] {
        guard let dir = userDirectory,
              let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return [] }
        return entries.filter { $0.hasSuffix(".toml") && !$0.hasPrefix(".") && $0.count > 5 }
            .map { String($0.dropLast(5)) }
            .sorted()
    }

    /// Every theme name `--theme` accepts: the built-ins (sorted), then user themes that are not
    /// also built-in names (sorted).
    public func availableNames() -> [String] {
        let builtin = BuiltinThemes.names
        return builtin + userThemeNames().filter { !builtin.contains($0) }
    }

    /// The path of user theme `name`, if that file exists.
    public func userThemePath(named name: String) -> String? {
        guard let dir = userDirectory else { return nil }
        let path = (dir as NSString).appendingPathComponent(name + ".toml")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return nil
        }
        return path
    }

    /// Theme `name`: the user's file if there is one, else the built-in. Throws `ThemeError`
    /// (`.unknownTheme` listing `availableNames()`, or a parse error).
    public func theme(named name: String) throws -> Theme {
        if let path = userThemePath(named: name) {
            return try ThemeLoader.load(path: path)
        }
        if let theme = try BuiltinThemes.theme(named: name) {
            return theme
        }
        throw ThemeError(.unknownTheme,
                         message: "unknown theme '\(name)' (available: \(availableNames().joined(separator: ", ")))")
    }
}
