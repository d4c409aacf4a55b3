/// A named role for a piece of the screen. Themes (in the terminal front end) map roles to colours
/// and attributes; the dashboard itself only says *what* a cell is, never *how* it looks.
public enum Role: String, Sendable, Hashable, CaseIterable {
    case header
    case statusOpen
    case statusConnecting
    case statusRetrying
    case statusClosed
    case statusFailed
    case newOrder
    case reminder
    /// An unacknowledged order waiting longer than `--aging-after` (2 minutes).
    case aging
    /// An unacknowledged order waiting longer than `--overdue-after` (5 minutes).
    case overdue
    case flash
    case acknowledged
    case selection
    case muted
    case error
    case footer
    case banner
    case help
    case border
    case normal
}

/// Attribute flags a view may add on top of a role (a theme may ignore them).
public struct StyleFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = StyleFlags(rawValue: 1 << 0)
    public static let underline = StyleFlags(rawValue: 1 << 1)
    public static let reverse = StyleFlags(rawValue: 1 << 2)
    public static let dim = StyleFlags(rawValue: 1 << 3)
    public static let blink = StyleFlags(rawValue: 1 << 4)
}

/// The style of one cell: a role plus optional flags.
public struct Style: Sendable, Hashable, CustomStringConvertible {
    public var role: Role
    public var flags: StyleFlags

    public init(_ role: Role = .normal, _ flags: StyleFlags = []) {
        self.role = role
        self.flags = flags
    }

    public static let normal = Style(.normal)

    public var description: String {
        var names: [String] = []
        if flags.contains(.bold) { names.append("bold") }
        if flags.contains(.underline) { names.append("underline") }
        if flags.contains(.reverse) { names.append("reverse") }
        if flags.contains(.dim) { names.append("dim") }
        if flags.contains(.blink) { names.append("blink") }
        return names.isEmpty ? role.rawValue : role.rawValue + "+" + names.joined(separator: "+")
    }
}
