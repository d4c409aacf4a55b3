import Dashboard

/// How one styled cell looks on a real terminal: colours (nil = the terminal's default) and
/// attributes. The theme decides this per `Style`; the screen only copies it.
public struct CellAppearance: Sendable, Hashable {
    public struct Attributes: OptionSet, Sendable, Hashable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }
        public static let bold = Attributes(rawValue: 1 << 0)
        public static let underline = Attributes(rawValue: 1 << 1)
        public static let reverse = Attributes(rawValue: 1 << 2)
        public static let dim = Attributes(rawValue: 1 << 3)
        public static let blink = Attributes(rawValue: 1 << 4)
        public static let standout = Attributes(rawValue: 1 << 5)
        public static let italic = Attributes(rawValue: 1 << 6)
    }

    public var foreground: Int?
    public var background: Int?
    public var attributes: Attributes

    public init(foreground: Int? = nil, background: Int? = nil, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// Attributes only, from the view's own flags: what a monochrome terminal shows. The flash
    /// role is also drawn in reverse video: its two phases (flash / reminder, flash / banner,
    /// flash / selection) carry the same flags, so without it nothing would flash.
    public static func plain(_ style: Style) -> CellAppearance {
        var a: Attributes = style.role == .flash ? [.reverse] : []
        if style.flags.contains(.bold) { a.insert(.bold) }
        if style.flags.contains(.underline) { a.insert(.underline) }
        if style.flags.contains(.reverse) { a.insert(.reverse) }
        if style.flags.contains(.dim) { a.insert(.dim) }
        if style.flags.contains(.blink) { a.insert(.blink) }
        return CellAppearance(attributes: a)
    }
}
