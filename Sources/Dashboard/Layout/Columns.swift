/// Column positions of the order list, measured in display columns so CJK/emoji line up.
///
/// `› • HH:mm:ss  ORDER ID  KIND          CONTENT…`
public struct OrderColumns: Sendable, Equatable {
    public var markerX = 0        // selection marker (1 col) + state marker (1 col)
    public var timeX = 2
    public var timeWidth = 8
    public var idX: Int
    public var idWidth: Int
    public var kindX: Int
    public var kindWidth: Int
    public var contentX: Int
    public var contentWidth: Int
    /// Narrow terminals (< 60 columns) use 1-column gaps and "rem×N".
    public var compact: Bool

    public static func compute(width: Int, rows: [OrderRow], glyphs: Glyphs) -> OrderColumns {
        let compact = width < 60
        let gap = compact ? 1 : 2
        var idW = TextWidth.width("ORDER ID")
        var kindW = 4
        for r in rows {
            idW = max(idW, String(r.orderId).count)
            kindW = max(kindW, TextWidth.width(Format.kind(r, compact: compact, glyphs: glyphs)))
        }
        idW = min(idW, 20)
        let timeX = 2
        let idX = timeX + 8 + gap
        let kindX = idX + idW + gap
        let contentX = kindX + kindW + gap
        return OrderColumns(timeX: timeX, idX: idX, idWidth: idW, kindX: kindX, kindWidth: kindW,
                            contentX: contentX, contentWidth: max(0, width - contentX), compact: compact)
    }
}
