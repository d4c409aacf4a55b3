/// The non-text symbols the view draws, in a Unicode and an ASCII-only set.
public struct Glyphs: Sendable, Equatable {
    public var ellipsis: String
    public var times: String
    public var dot: String          // separator between header fields
    public var dash: String         // em dash in sentences
    public var openBullet: String   // before "open"
    public var hline: Character
    public var vline: Character
    public var topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character
    public var selected: String
    public var unacked: String
    public var flashing: String
    public var warn: String
    public var upDown: String

    public static let unicode = Glyphs(
        ellipsis: "…", times: "×", dot: " · ", dash: "—", openBullet: "●",
        hline: "─", vline: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        selected: "›", unacked: "•", flashing: "!", warn: "⚠", upDown: "↑↓")

    public static let ascii = Glyphs(
        ellipsis: "~", times: "x", dot: " | ", dash: "-", openBullet: "*",
        hline: "-", vline: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        selected: ">", unacked: "*", flashing: "!", warn: "!", upDown: "Up/Dn")
}
