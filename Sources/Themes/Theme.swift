import Dashboard
import Foundation

/// One role's entry in a theme file (`[roles.ROLE]` or `[fallback8.ROLE]`), exactly as written:
/// nil means the field was left out (and is inherited, see `ResolvedTheme`).
public struct RoleSpec: Sendable, Hashable {
    public var fg: ThemeColor?
    public var bg: ThemeColor?
    public var attributes: TerminalAttributes?

    public init(fg: ThemeColor? = nil, bg: ThemeColor? = nil, attributes: TerminalAttributes? = nil) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }
}

/// A parsed theme file. Turn it into per-role terminal styles with `ResolvedTheme`.
public struct Theme: Sendable, Hashable {
    /// The `name` key, or the file name without `.toml`.
    public var name: String
    /// The `description` key, or "".
    public var description: String
    /// Where the theme came from, as used in error messages: a path, or `themes/NAME.toml` for a
    /// built-in theme.
    public var file: String
    /// `[roles.ROLE]` entries (256-colour terminals, and the attributes everywhere).
    public var roles: [Role: RoleSpec]
    /// `[fallback8.ROLE]` entries (terminals with 8..255 colours).
    public var fallback8: [Role: RoleSpec]

    public init(name: String, description: String = "", file: String,
                roles: [Role: RoleSpec], fallback8: [Role: RoleSpec] = [:]) {
        self.name = name
        self.description = description
        self.file = file
        self.roles = roles
        self.fallback8 = fallback8
    }

    /// Parses a theme file's text. `file` names it in errors. Throws `ThemeError`.
    public init(parsing text: String, file: String) throws {
        self = try ThemeParser.parse(text, file: file)
    }

    /// True if no role sets a colour, in either table (the theme is attributes only).
    public var usesColor: Bool {
        let all = Array(roles.values) + Array(fallback8.values)
        return all.contains { $0.fg != nil || $0.bg != nil }
    }

    /// The file name of `file` without directory and `.toml`.
    static func stem(of file: String) -> String {
        let last = (file as NSString).lastPathComponent
        return last.hasSuffix(".toml") ? String(last.dropLast(5)) : last
    }
}
