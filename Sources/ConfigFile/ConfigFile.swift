import Foundation
import TOMLKit

/// skydash's config file, `$XDG_CONFIG_HOME/skydash/config.toml` (else
/// `~/.config/skydash/config.toml`): defaults for long options, written as `option = value`
///
///     url = "ws://127.0.0.1:8080/ws/"
///     user = "admin"
///     password-file = "~/.config/skydash/password"
///
/// Flags override it. Only the keys in `ConfigFile.keys` are allowed, each with its type; secrets
/// themselves (`token`, `password`) are refused: they belong in a file of their own.
public struct ConfigFile: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case string
        case bool
        /// A string that must be one of these words.
        case oneOf([String])
    }

    public enum Value: Sendable, Equatable, CustomStringConvertible {
        case string(String)
        case bool(Bool)
        public var description: String {
            switch self {
            case .string(let s): return s
            case .bool(let b): return b ? "true" : "false"
            }
        }
    }

    /// The keys a config file may hold, with their types, in the order `skydash config` prints them.
    public static let keys: [(name: String, kind: Kind)] = [
        ("url", .string), ("api", .string), ("user", .string), ("password-file", .string),
        ("token-file", .string), ("ca-file", .string), ("format", .oneOf(["text", "jsonl"])),
        ("theme", .string), ("journal", .string), ("no-journal", .bool), ("no-bell", .bool),
    ]

    /// Where the file was read from, as given.
    public var file: String
    public var values: [String: Value]
    /// The line each key is written on.
    public var lines: [String: Int]

    public init(file: String, values: [String: Value] = [:], lines: [String: Int] = [:]) {
        self.file = file
        self.values = values
        self.lines = lines
    }

    public func string(_ key: String) -> String? {
        if case .string(let s)? = values[key] { return s }
        return nil
    }

    public func bool(_ key: String) -> Bool? {
        if case .bool(let b)? = values[key] { return b }
        return nil
    }

    /// `FILE:LINE` of a key, for messages about a value that turns out bad when used.
    public func origin(of key: String) -> String {
        lines[key].map { "\(file):\($0)" } ?? file
    }

    /// The default location; nil when neither XDG_CONFIG_HOME nor HOME is set.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return xdg + "/skydash/config.toml"
        }
        if let home = environment["HOME"], !home.isEmpty {
            return home + "/.config/skydash/config.toml"
        }
        return nil
    }

    /// Reads the file at `path`; nil when there is no file there.
    public static func load(path: String) throws(ConfigError) -> ConfigFile? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, message: "cannot read the config file")
        }
        guard let text = String(validating: [UInt8](data), as: UTF8.self) else {
            throw ConfigError(file: path, message: "the config file is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Parses config text. Every problem is checked; the one on the earliest line is thrown.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> ConfigFile {
        if let bad = TOMLHeaderCheck.badHeader(in: text) {
            throw ConfigError(file: file, line: bad.line, message: "not valid TOML: \(TOMLHeaderCheck.message) (column \(bad.column))")
        }
        if let bad = TOMLBracketCheck.mismatch(in: text) {
            throw ConfigError(file: file, line: bad.line, message: "not valid TOML: \(bad.message) (column \(bad.column))")
        }
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let begin = error.source.begin
            throw ConfigError(file: file, line: begin.line > 0 ? begin.line : nil,
                              message: "not valid TOML: \(error.description) (column \(begin.column))")
        } catch {
            throw ConfigError(file: file, message: "not valid TOML: \(error)")
        }
        var config = ConfigFile(file: file)
        var problems: [ConfigError] = []
        for (key, value) in root {
            let line = KeyLineFinder.line(of: [key], in: text)
            func problem(_ message: String) { problems.append(ConfigError(file: file, line: line, key: key, message: message)) }
            guard let kind = keys.first(where: { $0.name == key })?.kind else {
                switch key {
                case "token", "password":
                    problem("secrets do not belong in the config file; use \(key)-file = \"PATH\" (a file only you can read)")
                default:
                    problem("unknown key (allowed: \(keys.map(\.name).joined(separator: ", ")))")
                }
                continue
            }
            switch kind {
            case .string, .oneOf:
                guard let s = value.string else { problem("expected a string, found \(typeName(value))"); continue }
                if case .oneOf(let words) = kind, !words.contains(s) {
                    problem("'\(s)' is not one of \(words.joined(separator: ", "))")
                    continue
                }
                guard !s.isEmpty else { problem("is empty"); continue }
                config.values[key] = .string(s)
            case .bool:
                guard let b = value.bool else { problem("expected true or false, found \(typeName(value))"); continue }
                config.values[key] = .bool(b)
            }
            config.lines[key] = line
        }
        if let first = problems.min(by: { ($0.line ?? Int.max) < ($1.line ?? Int.max) }) {
            throw first
        }
        return config
    }

    static func typeName(_ value: any TOMLValueConvertible) -> String { TOMLTypeName.of(value) }
}
