import Dashboard

/// The terminal attributes a theme may give a role, as a set. The ncurses front end maps each to
/// its `A_*` constant (`standout` and `italic` too; a terminal without one simply ignores it).
public struct TerminalAttributes: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TerminalAttributes(rawValue: 1 << 0)
    public static let underline = TerminalAttributes(rawValue: 1 << 1)
    public static let reverse = TerminalAttributes(rawValue: 1 << 2)
    public static let dim = TerminalAttributes(rawValue: 1 << 3)
    public static let blink = TerminalAttributes(rawValue: 1 << 4)
    public static let standout = TerminalAttributes(rawValue: 1 << 5)
    public static let italic = TerminalAttributes(rawValue: 1 << 6)

    /// The names a theme file uses in `attrs = [...]`, in this (documented) order.
    public static let named: [(name: String, attribute: TerminalAttributes)] = [
        ("bold", .bold), ("underline", .underline), ("reverse", .reverse), ("dim", .dim),
        ("blink", .blink), ("standout", .standout), ("italic", .italic),
    ]

    /// The attribute spelled `name` in a theme file, or nil.
    public init?(name: String) {
        guard let hit = Self.named.first(where: { $0.name == name }) else { return nil }
        self = hit.attribute
    }

    /// The attributes a view's `StyleFlags` stand for: each flag adds the attribute of the same name.
    public init(_ flags: StyleFlags) {
        var a: TerminalAttributes = []
        if flags.contains(.bold) { a.insert(.bold) }
        if flags.contains(.underline) { a.insert(.underline) }
        if flags.contains(.reverse) { a.insert(.reverse) }
        if flags.contains(.dim) { a.insert(.dim) }
        if flags.contains(.blink) { a.insert(.blink) }
        self = a
    }

    /// The names of the attributes in the set, in `named` order.
    public var names: [String] {
        Self.named.filter { contains($0.attribute) }.map(\.name)
    }

    public var description: String { names.isEmpty ? "[]" : names.joined(separator: "+") }
}
