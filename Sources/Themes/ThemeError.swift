/// Everything that can go wrong finding, reading or parsing a theme. `description` is the text the
/// user sees, in the compiler-like form
///
///     FILE:LINE: KEY: MESSAGE      e.g. themes/bad.toml:7: roles.header.fg: 300 is out of range (0-255)
///     FILE:LINE: MESSAGE           syntax errors: themes/bad.toml:3: not valid TOML: … (column 9)
///     FILE: MESSAGE                no line known (unreadable file)
///     MESSAGE                      no file at all (unknown theme name)
///
/// FILE is the path as the user gave it (or the full path of a theme from the user directory;
/// `themes/NAME.toml` for a built-in). LINE is 1-based.
public struct ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The file is not valid TOML (TOMLKit / toml++ said so).
        case syntax
        /// A key that the format does not have: top level, role name, or a key inside a role.
        case unknownKey
        /// A value of the wrong TOML type (a float for a colour, a string for `attrs`, …).
        case wrongType
        /// A colour number outside 0-255 (0-7 in `fallback8`).
        case outOfRange
        /// A string that is not one of the allowed names (colour or attribute).
        case unknownName
        /// `--theme NAME` names no user or built-in theme.
        case unknownTheme
        /// The file could not be read (missing, a directory, not UTF-8, …).
        case unreadable
    }

    public var kind: Kind
    public var file: String?
    public var line: Int?
    /// The dotted key path, e.g. `roles.header.fg`.
    public var key: String?
    public var message: String

    public init(_ kind: Kind, file: String? = nil, line: Int? = nil, key: String? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        var parts: [String] = []
        if let file {
            parts.append(line.map { "\(file):\($0)" } ?? file)
        }
        if let key { parts.append(key) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
