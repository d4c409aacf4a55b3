/// A problem with the config file, in the compiler-like form theme errors use:
///
///     FILE:LINE: KEY: MESSAGE     e.g. ~/.config/skydash/config.toml:3: api: expected a string, found an integer
///     FILE:LINE: MESSAGE          syntax errors
///     FILE: MESSAGE               no line known (unreadable file)
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var key: String?
    public var message: String

    public init(file: String, line: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        var parts = [line.map { "\(file):\($0)" } ?? file]
        if let key { parts.append(key) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
