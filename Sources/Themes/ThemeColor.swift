/// A colour as written in a theme file: one of the 256 palette entries, or the terminal's own
/// default colour (`"default"`, which ncurses spells -1 after `use_default_colors()`).
public enum ThemeColor: Sendable, Hashable, CustomStringConvertible {
    case terminalDefault
    case index(Int)

    /// The basic colour names, 0-7 in palette order.
    public static let basicNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// The bright names, 8-15: "bright-" + a basic name.
    public static let brightNames = basicNames.map { "bright-" + $0 }

    /// The colour a theme file spells `name` (`"default"`, a basic or a bright name), or nil.
    /// Names are lower case and exact.
    public init?(name: String) {
        if name == "default" { self = .terminalDefault; return }
        if let i = Self.basicNames.firstIndex(of: name) { self = .index(i); return }
        if let i = Self.brightNames.firstIndex(of: name) { self = .index(8 + i); return }
        return nil
    }

    /// The ncurses colour number: nil for the terminal default, else the palette index.
    public var number: Int? {
        switch self {
        case .terminalDefault: return nil
        case .index(let i): return i
        }
    }

    public var description: String {
        switch self {
        case .terminalDefault: return "default"
        case .index(let i): return String(i)
        }
    }
}
