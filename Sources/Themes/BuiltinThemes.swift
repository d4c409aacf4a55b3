/// The themes compiled into the binary.
///
/// The files live in `themes/` at the repo root. `Sources/Themes/BuiltinThemes` is a symlink to
/// `../../themes`, and Package.swift declares each file as an `.embedInCode` resource, so SwiftPM
/// generates `PackageResources.<name>_toml` (the file's bytes) at build time: an installed or
/// copied `skydash` needs no resource bundle beside it, and the texts can never drift from the
/// files. A new built-in needs a line in Package.swift and in `texts` below (a test compares
/// this list with the *.toml files in themes/).
public enum BuiltinThemes {
    /// Built-in theme names, sorted.
    public static let names: [String] = texts.keys.sorted()

    private static let texts: [String: [UInt8]] = [
        "default": PackageResources.default_toml,
        "high-contrast": PackageResources.high_contrast_toml,
        "light": PackageResources.light_toml,
        "mono": PackageResources.mono_toml,
    ]

    /// The file text of a built-in theme, or nil.
    public static func text(named name: String) -> String? {
        texts[name].map { String(decoding: $0, as: UTF8.self) }
    }

    /// How errors name a built-in theme's file.
    public static func file(named name: String) -> String { "themes/\(name).toml" }

    /// A built-in theme, parsed; nil for an unknown name. (Built-ins are tested to parse.)
    public static func theme(named name: String) throws -> Theme? {
        guard let text = text(named: name) else { return nil }
        return try Theme(parsing: text, file: file(named: name))
    }

    /// The attributes-only theme that `NO_COLOR` forces. Falls back to an empty theme (terminal
    /// defaults, no attributes) if the built-in ever failed to parse, which a test rules out.
    public static var mono: Theme {
        ((try? theme(named: "mono")) ?? nil) ?? Theme(name: "mono", file: file(named: "mono"), roles: [:])
    }
}
