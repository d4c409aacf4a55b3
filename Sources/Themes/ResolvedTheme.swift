import Dashboard

/// A theme made concrete for one terminal: a `TerminalStyle` per role, and the colour pairs to
/// `init_pair` once at start-up.
///
/// Inheritance (themes/README.md): each field (fg, bg, attrs) of a role is looked up in order,
/// the first one written wins:
///
/// - 256 colours:  `roles.ROLE` → `roles.normal` → terminal default colour / no attributes.
/// - 8..255:       `fallback8.ROLE` → `roles.ROLE` (colours mapped by `NearestBasicColor`) →
///                 `fallback8.normal` → `roles.normal` (mapped) → default / none.
///                 If fg and bg then come out equal (text would vanish), fg becomes black on a
///                 green, yellow, cyan or white background and white on any other.
/// - no colours:   fg and bg are the terminal's; attrs as for 256 colours. (`forTerminal`
///                 swaps a colour theme for `mono` there.)
///
/// A view's `Style` adds its `StyleFlags` to the role's attributes (`resolve(_:)`): flags never
/// remove an attribute and never change colours.
public struct ResolvedTheme: Sendable {
    public let name: String
    public let mode: ColorMode
    /// The distinct (fg, bg) pairs the roles use, without the all-default pair, in `Role.allCases`
    /// order of first use. Pair number n (1…count) is `colorPairs[n - 1]`; the all-default pair
    /// is ncurses' pair 0. Empty in monochrome mode. (nil colours are -1: call
    /// `use_default_colors()` first.)
    public let colorPairs: [ColorPair]

    private let styles: [Role: TerminalStyle]
    private let pairNumbers: [ColorPair: Int]

    public init(_ theme: Theme, colorCount: Int) {
        self.init(theme, mode: ColorMode(colorCount: colorCount))
    }

    public init(_ theme: Theme, mode: ColorMode) {
        name = theme.name
        self.mode = mode
        var styles: [Role: TerminalStyle] = [:]
        for role in Role.allCases {
            styles[role] = Self.resolve(role, in: theme, mode: mode)
        }
        var pairs: [ColorPair] = []
        var numbers: [ColorPair: Int] = [ColorPair(fg: nil, bg: nil): 0]
        for role in Role.allCases {
            let pair = styles[role]!.colors
            if numbers[pair] == nil {
                pairs.append(pair)
                numbers[pair] = pairs.count
            }
        }
        self.styles = styles
        colorPairs = pairs
        pairNumbers = numbers
    }

    /// What the front end should draw with: `theme` resolved for a terminal with `colorCount`
    /// colours, except that on a terminal without colours (fewer than 8) a theme that uses colour
    /// is replaced by the built-in `mono` theme. A colour theme's attributes alone would not keep
    /// the flash apart from a reminder, or the selection from other rows; `mono` is made for that.
    /// A theme without colours (mono itself, or a user's attributes-only theme) is used as it is.
    public static func forTerminal(_ theme: Theme, colorCount: Int) -> ResolvedTheme {
        let mode = ColorMode(colorCount: colorCount)
        if mode == .monochrome && theme.usesColor {
            return ResolvedTheme(BuiltinThemes.mono, mode: mode)
        }
        return ResolvedTheme(theme, mode: mode)
    }

    /// The role's own style.
    public func style(for role: Role) -> TerminalStyle {
        styles[role]!
    }

    /// The final style of a cell: its role's style plus the attributes its flags name
    /// (bold→bold, underline→underline, reverse→reverse, dim→dim, blink→blink).
    public func resolve(_ style: Style) -> TerminalStyle {
        var s = styles[style.role]!
        s.attributes.formUnion(TerminalAttributes(style.flags))
        return s
    }

    /// The ncurses pair number of a role's colours: 0 for the terminal defaults, else 1…N.
    public func pairNumber(for role: Role) -> Int {
        pairNumbers[styles[role]!.colors]!
    }

    /// The pair number of any (fg, bg) this theme uses; nil for one it never uses.
    public func pairNumber(for colors: ColorPair) -> Int? {
        pairNumbers[colors]
    }

    static func resolve(_ role: Role, in theme: Theme, mode: ColorMode) -> TerminalStyle {
        let own = theme.roles[role]
        let normal = theme.roles[.normal]
        switch mode {
        case .colors256:
            return TerminalStyle(
                fg: (own?.fg ?? normal?.fg)?.number,
                bg: (own?.bg ?? normal?.bg)?.number,
                attributes: own?.attributes ?? normal?.attributes ?? [])
        case .monochrome:
            return TerminalStyle(attributes: own?.attributes ?? normal?.attributes ?? [])
        case .colors8:
            let own8 = theme.fallback8[role]
            let normal8 = theme.fallback8[.normal]
            let map = NearestBasicColor.map
            var fg = (own8?.fg ?? own?.fg.map(map) ?? normal8?.fg ?? normal?.fg.map(map))?.number
            let bg = (own8?.bg ?? own?.bg.map(map) ?? normal8?.bg ?? normal?.bg.map(map))?.number
            if let f = fg, f == bg {
                fg = [2, 3, 6, 7].contains(f) ? 0 : 7
            }
            let attributes = own8?.attributes ?? own?.attributes ?? normal8?.attributes ?? normal?.attributes ?? []
            return TerminalStyle(fg: fg, bg: bg, attributes: attributes)
        }
    }
}
