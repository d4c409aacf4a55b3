/// What the terminal front end draws a cell with: colours as ncurses numbers (nil = the
/// terminal's default colour, -1 after `use_default_colors()`) and attributes.
public struct TerminalStyle: Sendable, Hashable, CustomStringConvertible {
    public var fg: Int?
    public var bg: Int?
    public var attributes: TerminalAttributes

    public init(fg: Int? = nil, bg: Int? = nil, attributes: TerminalAttributes = []) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }

    /// The colours alone, as one ncurses colour pair.
    public var colors: ColorPair { ColorPair(fg: fg, bg: bg) }

    public var description: String {
        "fg=\(fg.map(String.init) ?? "default") bg=\(bg.map(String.init) ?? "default") attrs=\(attributes)"
    }
}

/// A foreground/background pair, as `init_pair` takes it (nil = the terminal default, -1).
public struct ColorPair: Sendable, Hashable, CustomStringConvertible {
    public var fg: Int?
    public var bg: Int?

    public init(fg: Int?, bg: Int?) {
        self.fg = fg
        self.bg = bg
    }

    /// Both colours are the terminal's defaults: ncurses' pair 0, which needs no `init_pair`.
    public var isDefault: Bool { fg == nil && bg == nil }

    public var description: String { "(\(fg.map(String.init) ?? "default"), \(bg.map(String.init) ?? "default"))" }
}
